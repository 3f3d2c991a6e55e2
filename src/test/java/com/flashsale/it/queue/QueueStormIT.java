package com.flashsale.it.queue;

import static com.flashsale.it.queue.Queues.followed;
import static com.flashsale.it.queue.Queues.inParallel;
import static com.flashsale.it.queue.Queues.join;
import static com.flashsale.it.queue.Queues.pausedOpenSale;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.infrastructure.redis.RedisWaitingLines;
import com.flashsale.it.harness.Reply;
import com.flashsale.it.harness.Stores;
import com.flashsale.ratelimit.AttemptLimits;
import com.flashsale.queue.Standing;
import com.flashsale.queue.WaitingLines.JoinResult;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * Join storms: every join answered with a ticket, none lost or duplicated. The line of a paused,
 * open sale is first come, first served and nobody leaves it, so N joins must hold exactly the places
 * 1..N, each shopper's own, and Redis must hold exactly N in line.
 * <ul>
 * <li>over HTTP, concurrent clients on loopback through the whole server (the rate limits do not
 *     apply to joins): {@value #HTTP_JOINS} joins (property {@code flashsale.it.queue.httpJoins});</li>
 * <li>100,000 joins against the join script itself (the server's {@link RedisWaitingLines} in this
 *     JVM, on the server's Redis), the size the issue names, where a 2-core machine's HTTP stack
 *     rather than the queue would set the time.</li>
 * </ul>
 */
class QueueStormIT {

    static final int HTTP_JOINS = 5_000;
    private static final int STORE_JOINS = 100_000;
    private static final int CLIENTS = 64;
    /** Concurrent HTTP clients: more only adds contention on a 2-core machine (64 gave half the joins/s). */
    private static final int HTTP_CLIENTS = 16;
    private static final Duration BOUND = Duration.ofSeconds(120);

    private record Joined(int status, String ticket, int position, String body) {
    }

    @Test
    void anHttpJoinStormGivesEveryShopperOneTicketAndOnePlace() throws Exception {
        int n = Integer.getInteger("flashsale.it.queue.httpJoins", HTTP_JOINS);
        String sale = pausedOpenSale("Storm http", 10, 10, 60);

        long began = System.nanoTime();
        List<Joined> joins = inParallel(n, HTTP_CLIENTS, BOUND, i -> {
            Reply r = join(sale, shopper(i));
            if (r.status() != 200) {
                return new Joined(r.status(), null, 0, r.toString());
            }
            JsonObject t = r.json();
            return new Joined(200, t.getString("ticket"), t.getInt("position", 0), null);
        });
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("QueueStormIT: %d HTTP joins over %d clients in %.2f s = %.0f joins/s%n", n, HTTP_CLIENTS,
                seconds, n / seconds);

        BitSet places = new BitSet();
        Set<String> tickets = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Joined j = joins.get(i);
            assertEquals(200, j.status(), j.body());
            assertEquals(shopper(i), shopperOf(j.ticket()), "the ticket names its own shopper");
            assertTrue(j.position() >= 1 && j.position() <= n && !places.get(j.position()),
                    "place " + j.position() + " out of 1.." + n + " or given twice");
            places.set(j.position());
            tickets.add(j.ticket());
        }
        assertEquals(n, places.cardinality());
        assertEquals(n, tickets.size(), "no ticket duplicated");
        assertLineHolds(sale, n, i -> joins.get(i).position());
        // every ticket follows to its own place (a sample of 1,000 over HTTP; all of them in Redis above)
        Random random = new Random(12);
        for (int k = 0; k < 1_000; k++) {
            int i = random.nextInt(n);
            JsonObject t = followed(sale, joins.get(i).ticket());
            assertEquals(joins.get(i).position(), t.getInt("position"), "shopper " + i);
        }
        assertTrue(seconds < BOUND.toSeconds(), "the storm took " + seconds + " s");
    }

    @Test
    void aHundredThousandJoinsOnTheJoinScriptKeepEveryPlace() throws Exception {
        String sale = pausedOpenSale("Storm store", 10, 10, 60);
        try (UnifiedJedis redis = Stores.redis()) {
            RedisWaitingLines lines = new RedisWaitingLines(redis);
            Random random = new Random();
            long began = System.nanoTime();
            List<Standing> joins = inParallel(STORE_JOINS, CLIENTS, BOUND, i -> {
                JoinResult r = lines.join(sale, shopper(i), random.nextLong(1L << 52), 900_000, AttemptLimits.NONE);
                if (r.refusal() != null) {
                    throw new AssertionError("join " + i + " refused: " + r);
                }
                return r.standing();
            });
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf("QueueStormIT: %d joins on the join script over %d clients in %.2f s = %.0f joins/s%n",
                    STORE_JOINS, CLIENTS, seconds, STORE_JOINS / seconds);

            BitSet places = new BitSet();
            for (int i = 0; i < STORE_JOINS; i++) {
                Standing s = joins.get(i);
                assertEquals(Standing.State.WAITING, s.state(), s.toString());
                int place = (int) s.position();
                assertTrue(place >= 1 && place <= STORE_JOINS && !places.get(place), "place " + place + " twice");
                places.set(place);
            }
            assertEquals(STORE_JOINS, places.cardinality());
            assertLineHolds(sale, STORE_JOINS, i -> (int) joins.get(i).position());
            // joining again changes nothing
            assertEquals(joins.get(777).position(), lines.join(sale, shopper(777), 1, 900_000, AttemptLimits.NONE).standing().position());
            assertEquals(STORE_JOINS, redis.zcard(Queues.lineKey(sale)));
            assertTrue(seconds < BOUND.toSeconds(), "the storm took " + seconds + " s");
        }
    }

    /** Redis holds exactly n in line, each shopper at the place its join answered, and counted n joins. */
    private static void assertLineHolds(String sale, int n, java.util.function.IntUnaryOperator placeOf) {
        try (UnifiedJedis redis = Stores.redis()) {
            assertEquals(n, redis.zcard(Queues.lineKey(sale)));
            assertEquals(Integer.toString(n), redis.hget(Queues.statsKey(sale), "joined"));
            List<String> line = redis.zrange(Queues.lineKey(sale), 0, -1);
            for (int i = 0; i < n; i++) {
                String atPlace = line.get(placeOf.applyAsInt(i) - 1);
                assertEquals(shopper(i), atPlace, "the shopper at place " + placeOf.applyAsInt(i));
            }
        }
    }

    private static String shopper(int i) {
        return "storm-" + i + "@example.com";
    }

    private static String shopperOf(String ticket) {
        return new String(Base64.getUrlDecoder().decode(ticket.substring(0, ticket.indexOf('.'))),
                StandardCharsets.UTF_8);
    }
}
