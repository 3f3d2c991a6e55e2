package com.flashsale.it.seed;

import static com.flashsale.it.seed.SeedApi.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's resets: {@code reset-all} and {@code reset-database} delete sales and purchases (and the
 * cache stops selling a deleted sale); {@code reset-redis} keeps them and rebuilds stock and buyers.
 * The seed contract ({@code /work/shared/SEED_API.md}) on its original paths; every test starts from
 * {@code POST /api/admin/reset-all}.
 */
class SeedResetIT {

    @BeforeEach
    void resetAll() {
        SeedApi.resetAll();
    }

    @Test
    void resetAllDeletesSalesAndPurchasesAndAnswersTheSeedShape() {
        saleBoughtBy("Doomed", "doomed.a", "doomed.b");

        Reply r = Api.postAsAdmin(RESET_ALL, "");
        JsonObject json = successfulReset(r);
        assertEquals("All data reset successfully", json.getString("message"));
        JsonObject data = json.getJsonObject("data");
        assertEquals(Set.of("flashSalesDeleted", "purchasesDeleted", "redisFlushed"), data.keySet(), r::toString);
        assertEquals(1, data.getInt("flashSalesDeleted"));
        assertEquals(2, data.getInt("purchasesDeleted"));
        assertTrue(data.getBoolean("redisFlushed"));

        assertNoSale();
        assertFailure(purchase("doomed.c"), 400, NOT_FOUND);
        JsonObject admin = adminSales();
        assertEquals(0, admin.getInt("totalFlashSales"));
        assertEquals(0, admin.getInt("totalPurchases"));
        assertEquals(0, admin.getJsonArray("flashSales").size());

        createActiveSale("Reborn", 2);
        assertBought(purchase("doomed.a"));
        assertEquals(1, statusData().getInt("stockRemaining"));
    }

    @Test
    void resetAllOnEmptyDataReportsNothingDeleted() {
        Reply r = Api.postAsAdmin(RESET_ALL, "");
        assertEquals(200, r.status(), r::toString);
        JsonObject data = r.json().getJsonObject("data");
        assertEquals(0, data.getInt("flashSalesDeleted"));
        assertEquals(0, data.getInt("purchasesDeleted"));
        assertTrue(data.getBoolean("redisFlushed"));
    }

    @Test
    void resetDatabaseDeletesSalesAndPurchases() {
        saleBoughtBy("Stored", "stored.a", "stored.b", "stored.c");

        Reply r = Api.postAsAdmin(RESET_DATABASE, "");
        JsonObject json = successfulReset(r);
        assertFalse(json.getString("message", "").isBlank(), r::toString);
        JsonObject data = json.getJsonObject("data");
        assertEquals(Set.of("flashSalesDeleted", "purchasesDeleted"), data.keySet(), r::toString);
        assertEquals(1, data.getInt("flashSalesDeleted"));
        assertEquals(3, data.getInt("purchasesDeleted"));

        assertNoSale();
        assertFailure(purchase("stored.d"), 400, NOT_FOUND); // the cache must not keep selling a deleted sale
        JsonObject admin = adminSales();
        assertEquals(0, admin.getInt("totalFlashSales"));
        assertEquals(0, admin.getInt("totalPurchases"));
        assertCreated(create("After DB reset", 1, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600)));
    }

    @Test
    void resetRedisKeepsSalesAndPurchasesAndRebuildsState() {
        String id = createActiveSale("Survivor", 5);
        String firstId = purchaseIdOf(purchase("Keeper.One@example.com"));
        assertBought(purchase("keeper.two@example.com"));

        Reply r = Api.postAsAdmin(RESET_REDIS, "");
        assertEquals(200, r.status(), r::toString);
        assertJsonContentType(r);
        JsonObject json = r.json();
        assertTrue(json.getBoolean("success"), r::toString);
        assertFalse(json.getString("message", "").isBlank(), r::toString);
        JsonObject data = json.getJsonObject("data");
        assertEquals(Set.of("redisFlushed"), data.keySet(), r::toString);
        assertTrue(data.getBoolean("redisFlushed"));

        JsonObject status = statusData();
        assertEquals(id, status.getString("id"), "the sale survives a Redis reset");
        assertEquals("active", status.getString("status"));
        assertEquals(3, status.getInt("stockRemaining"), "stock is rebuilt from the recorded purchases");
        JsonObject admin = adminSales();
        assertEquals(1, admin.getInt("totalFlashSales"));
        assertEquals(2, admin.getInt("totalPurchases"));

        JsonObject check = checkData("keeper.one@example.com");
        assertTrue(check.getBoolean("hasPurchased"), "the buyer set is rebuilt");
        Reply again = purchase("KEEPER.ONE@example.com");
        assertFailure(again, 200, "You have already purchased this item");
        assertEquals(firstId, again.json().getString("purchaseId", null));
        assertEquals(3, statusData().getInt("stockRemaining"));

        assertBought(purchase("keeper.three@example.com"));
        assertEquals(2, statusData().getInt("stockRemaining"));
    }

    /** An active sale of stock 5 that these shoppers bought from, all recorded in MongoDB. */
    private static void saleBoughtBy(String name, String... shoppers) {
        createActiveSale(name, 5);
        for (String shopper : shoppers) {
            assertBought(purchase(shopper));
        }
        awaitTotalPurchases(shoppers.length);
    }

    /** A reset's answer: 200, JSON, success true; its body. */
    private static JsonObject successfulReset(Reply r) {
        assertEquals(200, r.status(), r::toString);
        assertJsonContentType(r);
        JsonObject json = r.json();
        assertTrue(json.getBoolean("success"), r::toString);
        return json;
    }
}
