package com.flashsale.it.queue;

import static com.flashsale.it.queue.Queues.admission;
import static com.flashsale.it.queue.Queues.createSale;
import static com.flashsale.it.queue.Queues.followed;
import static com.flashsale.it.queue.Queues.inParallel;
import static com.flashsale.it.queue.Queues.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fairness at the opening. 10,000 shoppers join a shuffled sale before it opens, in a known order
 * (indexes handed out in order to 16 concurrent clients); at the opening their places must be a
 * uniform random permutation, independent of the order they joined in. Two tests on the pairs
 * (join index, place), each at a false-failure rate below 10^-6 for a fair shuffle:
 * <ul>
 * <li>Spearman's rank correlation: for a uniform permutation it is about normal with mean 0 and
 *     variance 1/(n-1), so |rho| must stay below 5 standard deviations (0.05 at n = 10,000); first
 *     come, first served gives rho near 1, and even a shuffle that kept a slight early-arrival edge
 *     (rho = 0.1) fails;</li>
 * <li>chi-square of the 10 x 10 table join decile x place decile (expected 100 a cell, 81 degrees
 *     of freedom): below 156.45, the 1 - 10^-6 quantile; FCFS puts 1,000 in each diagonal cell
 *     (chi-square about 90,000), and so does any order that keeps arrivals in bands.</li>
 * </ul>
 * Then everyone who joins after the opening is first come, first served, behind all the early
 * ones; and a sale that does not shuffle keeps the early arrivals in join order.
 */
class QueueFairnessIT {

    private static final int EARLY = 10_000;
    private static final int LATE = 500;
    private static final int CLIENTS = 16;
    /** Spearman's rho beyond 5 standard deviations of a uniform permutation: two-sided p = 5.7e-7. */
    private static final double RHO_SIGMAS = 5;
    /** The 1 - 10^-6 quantile of chi-square with 81 degrees of freedom. */
    private static final double CHI_SQUARE_CRITICAL = 156.45;

    @Test
    void earlyArrivalsAreShuffledUniformlyAtTheOpeningAndLaterOnesServedInJoinOrder() throws Exception {
        Instant start = Instant.now().plusSeconds(300);
        String sale = createSale("Fair shuffle", 100, start, start.plusSeconds(3600), 10, 60, true);

        long began = System.nanoTime();
        List<JsonObject> early = inParallel(EARLY, CLIENTS, Duration.ofSeconds(90), i -> answer(join(sale, shopper(i))));
        double joinSeconds = (System.nanoTime() - began) / 1e9;
        for (JsonObject t : early) {
            assertEquals("early", t.getString("status"), t.toString());
            assertTrue(Queues.absent(t, "position"), "no place shown before the shuffle: " + t);
        }

        Instant opens = openSoon(sale, start);
        waitUntil(opens.plusMillis(300));

        List<JsonObject> followed = inParallel(EARLY, CLIENTS, Duration.ofSeconds(90),
                i -> followed(sale, early.get(i).getString("ticket")));
        int[] place = new int[EARLY];
        BitSet seen = new BitSet();
        for (int i = 0; i < EARLY; i++) {
            JsonObject t = followed.get(i);
            assertEquals("waiting", t.getString("status"), t.toString());
            place[i] = t.getInt("position");
            assertTrue(place[i] >= 1 && place[i] <= EARLY && !seen.get(place[i]), "a place out of 1.." + EARLY
                    + " or twice: " + t);
            seen.set(place[i]);
        }
        double rho = spearman(place);
        double rhoBound = RHO_SIGMAS / Math.sqrt(EARLY - 1.0);
        double chi = chiSquareOfDeciles(place);
        System.out.printf("QueueFairnessIT: %d early joins in %.2f s (%.0f/s); Spearman rho = %.5f (bound %.4f), "
                + "chi-square(81) of deciles = %.1f (critical %.2f)%n", EARLY, joinSeconds, EARLY / joinSeconds, rho,
                rhoBound, chi, CHI_SQUARE_CRITICAL);
        assertTrue(Math.abs(rho) < rhoBound, "join order and place are correlated: rho = " + rho);
        assertTrue(chi < CHI_SQUARE_CRITICAL, "join deciles and place deciles are not independent: chi-square = " + chi);

        // after the opening: first come, first served, behind every early arrival (one client: a known order)
        for (int i = 0; i < LATE; i++) {
            JsonObject t = answer(join(sale, "late-" + i + "-" + sale + "@example.com"));
            assertEquals("waiting", t.getString("status"), t.toString());
            assertEquals(EARLY + i + 1, t.getInt("position"), "late joiner " + i);
        }
        assertEquals(EARLY + 1, followed(sale, answer(join(sale, "late-0-" + sale + "@example.com"))
                .getString("ticket")).getInt("position"), "joining again keeps the place");
    }

    @Test
    void aSaleThatDoesNotShuffleKeepsEarlyArrivalsInJoinOrder() throws Exception {
        Instant start = Instant.now().plusSeconds(300);
        String sale = createSale("Fair fifo", 100, start, start.plusSeconds(3600), 10, 60, false);
        int n = 300;
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonObject t = answer(join(sale, shopper(i)));
            assertEquals("early", t.getString("status"));
            assertEquals(i + 1, t.getInt("position"), "in join order before the opening");
            tickets.add(t.getString("ticket"));
        }
        Instant opens = openSoon(sale, start);
        waitUntil(opens.plusMillis(300));
        List<JsonObject> followed = inParallel(n, CLIENTS, Duration.ofSeconds(30), i -> followed(sale, tickets.get(i)));
        for (int i = 0; i < n; i++) {
            assertEquals("waiting", followed.get(i).getString("status"));
            assertEquals(i + 1, followed.get(i).getInt("position"), "still in join order after the opening");
        }
    }

    // ----------------------------------------------------------------------------------------

    private static String shopper(int i) {
        return "fair-" + i + "@example.com";
    }

    private static JsonObject answer(Reply r) {
        if (r.status() != 200) {
            throw new AssertionError(r.toString());
        }
        return r.json();
    }

    /**
     * Moves the opening to two seconds from now (an edit of the upcoming sale), then pauses admission
     * so nobody leaves the line while the places are read. Answers the new opening.
     */
    private static Instant openSoon(String sale, Instant oldStart) {
        JsonObject s = Api.get("/api/v1/sales/" + sale).json();
        Instant opens = Instant.now().plusSeconds(2);
        JsonObject room = s.getJsonObject("waitingRoom");
        String draft = Json.createObjectBuilder().add("productName", s.getString("productName"))
                .add("totalStock", s.getInt("totalStock")).add("startTime", opens.toString())
                .add("endTime", oldStart.plusSeconds(3600).toString())
                .add("waitingRoom", Json.createObjectBuilder()
                        .add("admissionRatePerSecond", room.getInt("admissionRatePerSecond"))
                        .add("admissionValiditySeconds", room.getInt("admissionValiditySeconds"))
                        .add("shuffleEarlyArrivals", room.getBoolean("shuffleEarlyArrivals")))
                .build().toString();
        Reply edited = Api.putAsAdmin("/api/v1/sales/" + sale, draft);
        assertEquals(200, edited.status(), edited.toString());
        admission(sale, "{\"paused\":true}");
        assertTrue(Instant.now().isBefore(opens), "paused before the opening");
        return opens;
    }

    private static void waitUntil(Instant moment) throws InterruptedException {
        long ms = Duration.between(Instant.now(), moment).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    /** Spearman's rho of (i + 1, place[i]), both permutations of 1..n: 1 - 6 sum d^2 / (n (n^2 - 1)). */
    static double spearman(int[] place) {
        double n = place.length;
        double sum = 0;
        for (int i = 0; i < place.length; i++) {
            double d = (i + 1) - place[i];
            sum += d * d;
        }
        return 1 - 6 * sum / (n * (n * n - 1));
    }

    /** Chi-square of the 10 x 10 table of join decile by place decile (expected n/100 a cell). */
    static double chiSquareOfDeciles(int[] place) {
        int n = place.length;
        long[][] cells = new long[10][10];
        for (int i = 0; i < n; i++) {
            cells[i * 10 / n][(place[i] - 1) * 10 / n]++;
        }
        double expected = n / 100.0;
        double chi = 0;
        for (long[] row : cells) {
            for (long observed : row) {
                chi += (observed - expected) * (observed - expected) / expected;
            }
        }
        return chi;
    }
}
