package com.flashsale.it.v1;

import static com.flashsale.it.Api.createSale;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.Api;
import com.flashsale.it.Api.Reply;
import com.flashsale.it.Stores;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * The rush: 5,000 attempts by 2,500 shoppers (each twice, interleaved) over 64 connections on a
 * stock of 500. Exactly 500 receipts, nobody twice, Redis stock 0, and MongoDB holding exactly
 * the 500 records the receipts name.
 */
class ConcurrencyIT {

    private static final int STOCK = 500;
    private static final int SHOPPERS = 2_500;
    private static final int ATTEMPTS_EACH = 2;
    private static final int CONNECTIONS = 64;
    private static final AtomicInteger retried = new AtomicInteger();

    @Test
    void rushSellsExactlyTheStockToDistinctShoppersAndRecordsEveryReceipt() throws Exception {
        String sale = createSale("Rush", STOCK, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)));
        List<String> attempts = new ArrayList<>();
        for (int round = 0; round < ATTEMPTS_EACH; round++) {
            for (int i = 0; i < SHOPPERS; i++) {
                attempts.add("rush-" + i + "@example.com");
            }
        }
        Collections.shuffle(attempts, new Random(42));

        Map<String, String> receipts = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> duplicates = new ConcurrentLinkedQueue<>();
        Set<String> winners = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger soldOut = new AtomicInteger();
        AtomicInteger alreadyPurchased = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        long started = System.nanoTime();
        for (String shopper : attempts) {
            pool.execute(() -> {
                Reply r = attempt(sale, shopper);
                if (r.status() == 201) {
                    String purchaseId = r.json().getString("purchaseId");
                    if (!winners.add(shopper)) {
                        duplicates.add(shopper + " was answered 201 twice");
                    }
                    // the shopper's other attempt may have been answered (409, same id) first
                    String known = receipts.putIfAbsent(shopper, purchaseId);
                    if (known != null && !known.equals(purchaseId)) {
                        duplicates.add(shopper + " holds " + known + " and " + purchaseId);
                    }
                } else if (r.status() == 409 && r.body().contains("/problems/sold-out")) {
                    soldOut.incrementAndGet();
                } else if (r.status() == 409 && r.body().contains("/problems/already-purchased")) {
                    alreadyPurchased.incrementAndGet();
                    // the shopper's unit, possibly decided by an attempt whose answer was a 503
                    String owned = r.json().getString("purchaseId");
                    String known = receipts.putIfAbsent(shopper, owned);
                    if (known != null && !known.equals(owned)) {
                        duplicates.add(shopper + " holds " + known + " and " + owned);
                    }
                } else {
                    unexpected.add(r.toString());
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES), "rush did not finish in time");
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("ConcurrencyIT: %d attempts in %.2f s = %.0f attempts/s over %d connections, %d retried after 503%n",
                attempts.size(), seconds, attempts.size() / seconds, CONNECTIONS, retried.get());

        assertEquals(0, unexpected.size(), () -> unexpected.size() + " unexpected answers, such as "
                + unexpected.stream().limit(3).toList());
        assertEquals(List.of(), List.copyOf(duplicates), "no shopper got two receipts");
        assertEquals(STOCK, receipts.size(), "exactly the stock was sold");
        assertEquals(STOCK, new HashSet<>(receipts.values()).size(), "purchase ids are unique");

        try (UnifiedJedis redis = Stores.redis()) {
            assertEquals("0", redis.get("{sale:" + sale + "}:stock"));
            assertEquals(STOCK, redis.hlen("{sale:" + sale + "}:buyers"));
        }
        assertEquals(0, Api.get("/api/v1/sales/" + sale).json().getInt("stockRemaining"));
        assertRecordsMatch(sale, receipts);
    }

    /** One attempt, retried as a real client would while the service answers 503 with Retry-After. */
    private static Reply attempt(String sale, String shopper) {
        Reply r = null;
        for (int i = 0; i < 5; i++) {
            r = Api.send(Api.request("/api/v1/sales/" + sale + "/purchases")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Api.purchaseJson(shopper))));
            if (r.status() != 503) {
                return r;
            }
            retried.incrementAndGet();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
        }
        return r;
    }

    private static void assertRecordsMatch(String sale, Map<String, String> receipts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonObject audit;
        do {
            audit = Api.getAsAdmin("/api/v1/admin/sales/" + sale + "/audit").json();
            if (audit.getInt("outboxBacklog") == 0 && audit.getInt("recordedPurchases") == STOCK) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        assertEquals(STOCK, audit.getInt("recordedPurchases"), audit.toString());
        assertEquals(0, audit.getInt("outboxBacklog"), audit.toString());
        assertTrue(audit.getBoolean("consistent"), audit.toString());

        Set<String> recorded = new HashSet<>();
        String csv = Api.get("/api/v1/sales/" + sale + "/purchases", "text/csv", true).body();
        for (String line : csv.strip().split("\r\n")) {
            String[] f = line.split(",");
            if (!"purchaseId".equals(f[0])) {
                assertEquals(receipts.get(f[2]), f[0], "record of " + f[2] + " matches its receipt");
                recorded.add(f[0]);
            }
        }
        assertEquals(new HashSet<>(receipts.values()), recorded);
    }
}
