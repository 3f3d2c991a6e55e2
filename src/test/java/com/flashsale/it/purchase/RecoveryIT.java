package com.flashsale.it.purchase;

import static com.flashsale.it.harness.Api.createSale;
import static com.flashsale.it.harness.Api.get;
import static com.flashsale.it.harness.Api.post;
import static com.flashsale.it.harness.Api.purchaseJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import com.flashsale.it.harness.Stores;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis loses its data; the service rebuilds every sale's state from MongoDB: the same stock
 * and buyers, no "sold out" from a missing key, no second unit for a buyer.
 */
class RecoveryIT {

    private static String sale(int stock) {
        return createSale("Recovery", stock, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)));
    }

    private static Map<String, String> buy(String sale, int count, String prefix) {
        Map<String, String> receipts = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String shopper = prefix + i + "@example.com";
            Reply r = post("/api/v1/sales/" + sale + "/purchases", purchaseJson(shopper));
            assertEquals(201, r.status(), r.toString());
            receipts.put(shopper, r.json().getString("purchaseId"));
        }
        return receipts;
    }

    @Test
    void flushedRedisIsRebuiltOnFirstUseAndStillRefusesDuplicates() {
        String sale = sale(10);
        Map<String, String> receipts = buy(sale, 4, "flush-" + sale + "-");
        try (UnifiedJedis redis = Stores.redis()) {
            redis.flushAll();
        }
        JsonObject state = get("/api/v1/sales/" + sale).json();
        assertEquals("active", state.getString("status"));
        assertEquals(6, state.getInt("stockRemaining"));
        receipts.forEach((shopper, purchaseId) -> {
            Reply again = post("/api/v1/sales/" + sale + "/purchases", purchaseJson(shopper));
            assertEquals(409, again.status(), again.toString());
            assertEquals(purchaseId, again.json().getString("purchaseId"));
        });
        assertEquals(201, post("/api/v1/sales/" + sale + "/purchases", purchaseJson("after-flush-" + sale)).status());
        assertEquals(5, get("/api/v1/sales/" + sale).json().getInt("stockRemaining"));
    }

    @Test
    void purchaseOnAFlushedStoreRestoresTheSaleBeforeDeciding() {
        String sale = sale(3);
        Map<String, String> receipts = buy(sale, 3, "sold-" + sale + "-");
        try (UnifiedJedis redis = Stores.redis()) {
            redis.flushAll();
        }
        Reply duplicate = post("/api/v1/sales/" + sale + "/purchases", purchaseJson(receipts.keySet().iterator().next()));
        assertEquals(409, duplicate.status());
        assertTrue(duplicate.body().contains("/problems/already-purchased"), duplicate.body());
        Reply newcomer = post("/api/v1/sales/" + sale + "/purchases", purchaseJson("late-" + sale));
        assertTrue(newcomer.body().contains("/problems/sold-out"), newcomer.body());
    }

    @Test
    void adminReconciliationRestoresLostBuyersAndStock() {
        String sale = sale(8);
        Map<String, String> receipts = buy(sale, 5, "partial-" + sale + "-");
        try (UnifiedJedis redis = Stores.redis()) {
            redis.del("{sale:" + sale + "}:buyers", "{sale:" + sale + "}:stock");
        }
        Reply reconciled = Api.postAsAdmin("/api/v1/admin/reconciliation", "");
        assertEquals(200, reconciled.status(), reconciled.toString());
        JsonObject result = reconciled.jsonArray().getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("saleId").equals(sale)).findFirst().orElseThrow();
        assertTrue(result.getBoolean("rebuilt"));
        assertEquals(5, result.getInt("buyersRestored"));
        assertEquals(3, result.getInt("stockRemaining"));
        assertTrue(result.getBoolean("consistent"));
        String buyer = receipts.keySet().iterator().next();
        assertEquals(receipts.get(buyer), get("/api/v1/sales/" + sale + "/purchases/" + buyer).json().getString("purchaseId"));
        assertEquals(409, post("/api/v1/sales/" + sale + "/purchases", purchaseJson(buyer)).status());
    }

    @Test
    void scriptCacheFlushIsSurvivedByReloadingTheScript() {
        String sale = sale(2);
        try (UnifiedJedis redis = Stores.redis()) {
            redis.scriptFlush();
        }
        assertEquals(201, post("/api/v1/sales/" + sale + "/purchases", purchaseJson("noscript-" + sale)).status());
    }
}
