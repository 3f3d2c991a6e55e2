package com.flashsale.it.queue;

import static com.flashsale.it.queue.Queues.awaitToken;
import static com.flashsale.it.queue.Queues.buy;
import static com.flashsale.it.queue.Queues.counters;
import static com.flashsale.it.queue.Queues.createSale;
import static com.flashsale.it.queue.Queues.inParallel;
import static com.flashsale.it.queue.Queues.joined;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.RecordAudit;
import com.flashsale.it.harness.Reply;
import com.flashsale.it.harness.Stores;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * The purchase invariants with the waiting room on: 300 admitted shoppers (their tokens read by
 * following their tickets), each buying twice at once, and 300 shoppers who were never admitted
 * (no token, a forged one, or an admitted shopper's) rush a stock of 50 together over 64 connections.
 * Exactly 50 sold, to 50 distinct admitted shoppers; no one else bought; Redis and MongoDB agree.
 */
class QueuePurchaseRushIT {

    private static final int STOCK = 50;
    private static final int ADMITTED = 300;
    private static final int OTHERS = 300;
    private static final int CONNECTIONS = 64;

    private record Attempt(String shopper, boolean admitted, String kind, Reply reply) {
    }

    @Test
    void onlyAdmittedShoppersBuyOneEachAndEverySaleIsRecorded() throws Exception {
        String sale = createSale("Queue rush", STOCK, Instant.now().minusSeconds(5), Instant.now().plusSeconds(3600),
                2000, 120, true);
        List<String> tickets = inParallel(ADMITTED, 16, Duration.ofSeconds(60),
                i -> joined(sale, admitted(i)).getString("ticket"));
        List<String> tokens = inParallel(ADMITTED, 16, Duration.ofSeconds(60), i -> {
            try {
                return awaitToken(sale, tickets.get(i), Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        List<Attempt> plan = new ArrayList<>();
        for (int i = 0; i < ADMITTED; i++) {
            plan.add(new Attempt(admitted(i), true, "token", null));
            plan.add(new Attempt(admitted(i), true, "token-again", null));
        }
        for (int i = 0; i < OTHERS; i++) {
            plan.add(new Attempt(other(i), false, switch (i % 3) {
                case 0 -> "none";
                case 1 -> "forged";
                default -> "borrowed";
            }, null));
        }
        Collections.shuffle(plan, new Random(7));
        long began = System.nanoTime();
        List<Attempt> attempts = inParallel(plan.size(), CONNECTIONS, Duration.ofSeconds(120), k -> {
            Attempt a = plan.get(k);
            int index = Integer.parseInt(a.shopper().replaceAll("\\D", ""));
            String token = switch (a.kind()) {
                case "token", "token-again" -> tokens.get(index);
                case "forged" -> forged(sale, a.shopper());
                case "borrowed" -> tokens.get(index); // admitted-<index>'s token, presented by other-<index>
                default -> null;
            };
            return new Attempt(a.shopper(), a.admitted(), a.kind(), buy(sale, a.shopper(), token));
        });
        double seconds = (System.nanoTime() - began) / 1e9;

        Map<String, Integer> outcomes = new TreeMap<>();
        Map<String, String> receipts = new HashMap<>();
        for (Attempt a : attempts) {
            Reply r = a.reply();
            String outcome = a.kind() + " " + r.status() + " " + r.problemType();
            outcomes.merge(outcome, 1, Integer::sum);
            if (r.status() == 201) {
                assertTrue(a.admitted(), "bought without an admission: " + a);
                String earlier = receipts.put(a.shopper(), r.purchaseId());
                assertTrue(earlier == null, "two receipts for " + a.shopper());
            } else if (a.admitted()) {
                assertTrue(r.status() == 409 && ("/problems/sold-out".equals(r.problemType())
                        || "/problems/already-purchased".equals(r.problemType())), "admitted: " + r);
            } else {
                assertTrue((r.status() == 403 && "/problems/admission-required".equals(r.problemType()))
                        || (r.status() == 409 && "/problems/sold-out".equals(r.problemType())), "not admitted: " + r);
            }
        }
        System.out.printf("QueuePurchaseRushIT: %d purchases in %.2f s over %d connections: %s%n", attempts.size(),
                seconds, CONNECTIONS, outcomes);
        assertEquals(STOCK, receipts.size(), outcomes.toString());
        assertEquals(STOCK, new HashSet<>(receipts.values()).size(), "purchase ids are unique");

        try (UnifiedJedis redis = Stores.redis()) {
            assertEquals("0", redis.get("{sale:" + sale + "}:stock"));
            assertEquals(STOCK, redis.hlen("{sale:" + sale + "}:buyers"));
        }
        JsonObject c = counters(sale);
        assertEquals(STOCK, c.getInt("bought"), c.toString());
        assertEquals(ADMITTED, c.getInt("admitted"), c.toString());
        assertEquals(ADMITTED - STOCK, c.getInt("admittedNow"), "the unspent admissions stay until they expire: " + c);
        RecordAudit.assertRecordsMatch(sale, STOCK, receipts);
    }

    /** A token of the right shape for this sale and shopper, with a mac made up (16 zero bytes). */
    private static String forged(String sale, String shopper) {
        String payload = sale + "|" + shopper + "|1|" + (System.currentTimeMillis() + 60_000);
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".AAAAAAAAAAAAAAAAAAAAAA";
    }

    private static String admitted(int i) {
        return "rush-admitted-" + i + "@example.com";
    }

    private static String other(int i) {
        return "rush-other-" + i + "@example.com";
    }
}
