package com.flashsale.it.queue;

import static com.flashsale.it.harness.Problems.assertProblem;
import static com.flashsale.it.queue.Queues.admission;
import static com.flashsale.it.queue.Queues.buy;
import static com.flashsale.it.queue.Queues.counters;
import static com.flashsale.it.queue.Queues.createSale;
import static com.flashsale.it.queue.Queues.followed;
import static com.flashsale.it.queue.Queues.inParallel;
import static com.flashsale.it.queue.Queues.join;
import static com.flashsale.it.queue.Queues.joined;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Stores;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * Admission on one instance: the pace holds the configured rate (±10 %) and follows a live change of
 * it; each admission pops one place (nobody admitted twice, nobody both admitted and in line, the
 * admission numbers 1..A each once); and admission stops the moment the sale sells out, everyone still
 * waiting then seeing sold_out.
 */
class QueueAdmissionIT {

    private static final int RATE = 40;
    private static final double TOLERANCE = 0.10;

    @Test
    void admissionHoldsTheRateAndItsLiveChangeAndAdmitsEachPlaceOnce() throws Exception {
        int waiting = 800;
        String sale = createSale("Pace", 10_000, Instant.now().minusSeconds(5), Instant.now().plusSeconds(3600),
                RATE, 120, false);
        admission(sale, "{\"paused\":true}");
        inParallel(waiting, 16, Duration.ofSeconds(60), i -> joined(sale, shopper("pace", i)));

        admission(sale, "{\"paused\":false}");
        Thread.sleep(500); // past the first steps after the resume
        assertRate(sale, RATE, 3_000);

        admission(sale, "{\"admissionRatePerSecond\":" + 2 * RATE + "}");
        Thread.sleep(300);
        assertRate(sale, 2 * RATE, 3_000);

        admission(sale, "{\"paused\":true}");
        Thread.sleep(300);
        JsonObject c = counters(sale);
        int admitted = c.getInt("admitted");
        assertEquals(waiting, c.getInt("joined"));
        assertEquals(waiting - admitted, c.getInt("waiting"), "each admission took exactly one place: " + c);
        assertEquals(admitted, c.getInt("admittedNow"), c.toString());
        try (UnifiedJedis redis = Stores.redis()) {
            Map<String, String> grants = redis.hgetAll(Queues.admittedKey(sale));
            assertEquals(admitted, grants.size());
            Set<Long> numbers = new HashSet<>();
            for (Map.Entry<String, String> g : grants.entrySet()) {
                assertTrue(numbers.add(Long.parseLong(g.getValue().split(":")[0])), "admission number twice: " + g);
                assertEquals(null, redis.zscore(Queues.lineKey(sale), g.getKey()), "admitted and still in line: " + g);
            }
            assertEquals(admitted, numbers.size());
            assertEquals(1L, numbers.stream().mapToLong(Long::longValue).min().orElseThrow());
            assertEquals((long) admitted, numbers.stream().mapToLong(Long::longValue).max().orElseThrow());
            assertEquals(Integer.toString(admitted), redis.hget(Queues.statsKey(sale), "aseq"));
        }
    }

    @Test
    void admissionStopsAtTheSellOutAndEveryoneWaitingIsTold() throws Exception {
        int stock = 5;
        int waiting = 200;
        String sale = createSale("Pace sell-out", stock, Instant.now().minusSeconds(5),
                Instant.now().plusSeconds(3600), 20, 120, false);
        admission(sale, "{\"paused\":true}");
        List<String> tickets = inParallel(waiting, 16, Duration.ofSeconds(60),
                i -> joined(sale, shopper("sellout", i)).getString("ticket"));
        admission(sale, "{\"paused\":false}");

        // the first admitted buy the stock
        Set<Integer> buyers = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (buyers.size() < stock && System.nanoTime() < deadline) {
            for (int i = 0; i < waiting && buyers.size() < stock; i++) {
                JsonObject t = followed(sale, tickets.get(i));
                if ("admitted".equals(t.getString("status"))) {
                    assertEquals(201, buy(sale, shopper("sellout", i), t.getString("admissionToken")).status());
                    buyers.add(i);
                }
            }
        }
        assertEquals(stock, buyers.size());
        JsonObject atSellOut = counters(sale);

        Thread.sleep(1_000); // ten admission steps
        JsonObject later = counters(sale);
        assertEquals(atSellOut.getInt("admitted"), later.getInt("admitted"), "admitted after the sell-out: " + later);
        assertTrue(later.getInt("waiting") > 0, "people were still waiting: " + later);

        List<JsonObject> seen = inParallel(waiting, 16, Duration.ofSeconds(60), i -> followed(sale, tickets.get(i)));
        for (int i = 0; i < waiting; i++) {
            String expected = buyers.contains(i) ? "purchased" : "sold_out";
            assertEquals(expected, seen.get(i).getString("status"), "ticket " + i + ": " + seen.get(i));
            assertTrue(Queues.absent(seen.get(i), "admissionToken"));
        }
        assertProblem(409, "/problems/sold-out", join(sale, shopper("sellout-late", 0)));
        assertFalse(counters(sale).getInt("admitted") > atSellOut.getInt("admitted"));
    }

    /**
     * Admissions over {@code millis} within ±10 % of the rate. The admitted counter the admin API shows
     * is read straight from Redis (sub-millisecond, so an HTTP round trip on a loaded machine does not
     * blur the interval), the interval by this JVM's clock.
     */
    private static void assertRate(String sale, int rate, long millis) throws InterruptedException {
        try (UnifiedJedis redis = Stores.redis()) {
            long t0 = System.nanoTime();
            long a0 = admitted(redis, sale);
            Thread.sleep(millis);
            long t1 = System.nanoTime();
            long a1 = admitted(redis, sale);
            double seconds = (t1 - t0) / 1e9;
            double expected = rate * seconds;
            long admitted = a1 - a0;
            System.out.printf("QueueAdmissionIT: %d admitted in %.3f s at %d/s (expected %.1f, %+.1f %%)%n", admitted,
                    seconds, rate, expected, 100.0 * (admitted - expected) / expected);
            assertTrue(Math.abs(admitted - expected) <= TOLERANCE * expected,
                    admitted + " admitted in " + seconds + " s at " + rate + "/s, expected " + expected + " ±10 %");
        }
    }

    private static long admitted(UnifiedJedis redis, String sale) {
        String value = redis.hget(Queues.statsKey(sale), "admitted");
        return value == null ? 0 : Long.parseLong(value);
    }

    private static String shopper(String prefix, int i) {
        return prefix + "-" + i + "@example.com";
    }
}
