package com.flashsale.it.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.RecordAudit;
import com.flashsale.it.harness.Rush;
import com.flashsale.it.harness.Stores;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    @Test
    void rushSellsExactlyTheStockToDistinctShoppersAndRecordsEveryReceipt() throws Exception {
        String sale = Api.SERVER.createOpenSale("Rush", STOCK, Duration.ofHours(1));
        // each shopper twice, interleaved; a 503 retried as a real client would (Retry-After)
        Rush rush = Rush.on(Api.SERVER, sale, "rush-", SHOPPERS).attemptsEach(ATTEMPTS_EACH).workers(CONNECTIONS).start();
        assertTrue(rush.awaitFinished(Duration.ofMinutes(5)), "rush did not finish in time");
        System.out.printf("ConcurrencyIT: %d attempts in %.2f s = %.0f attempts/s over %d connections, %d retried after 503%n",
                rush.plannedAttempts(), rush.seconds(), rush.attemptsPerSecond(), CONNECTIONS, rush.retried());

        List<Rush.Attempt> unexpected = rush.unexpected();
        assertEquals(0, unexpected.size(), () -> unexpected.size() + " unexpected answers, such as "
                + unexpected.stream().limit(3).toList());
        // nobody answered 201 twice or told two purchase ids (an already-purchased refusal names the shopper's unit,
        // possibly decided by an attempt whose answer was a 503)
        assertEquals(List.of(), rush.contradictions(), "no shopper got two receipts");
        Map<String, String> receipts = rush.owned();
        assertEquals(STOCK, receipts.size(), "exactly the stock was sold");
        assertEquals(STOCK, new HashSet<>(receipts.values()).size(), "purchase ids are unique");

        try (UnifiedJedis redis = Stores.redis()) {
            assertEquals("0", redis.get("{sale:" + sale + "}:stock"));
            assertEquals(STOCK, redis.hlen("{sale:" + sale + "}:buyers"));
        }
        assertEquals(0, Api.get("/api/v1/sales/" + sale).json().getInt("stockRemaining"));
        RecordAudit.assertRecordsMatch(sale, STOCK, receipts);
    }
}
