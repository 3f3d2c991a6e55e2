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
 * {@code GET /api/flash-sale/check-purchase/{id}}: false before buying, true the instant after the
 * decision, case-insensitive, and the answer without a sale.
 * The seed contract ({@code /work/shared/SEED_API.md}) on its original paths; every test starts from
 * {@code POST /api/admin/reset-all}.
 */
class SeedCheckPurchaseIT {

    @BeforeEach
    void resetAll() {
        SeedApi.resetAll();
    }

    @Test
    void checkPurchaseIsFalseWithNullTimeBeforeBuying() {
        createActiveSale("Check", 5);
        Reply r = Api.get(CHECK + "not.yet.buyer");
        assertEquals(200, r.status(), r::toString);
        JsonObject json = r.json();
        assertTrue(json.getBoolean("success"), r::toString);
        JsonObject data = json.getJsonObject("data");
        assertEquals(Set.of("hasPurchased", "purchaseTime"), data.keySet(), r::toString);
        assertFalse(data.getBoolean("hasPurchased"));
        assertTrue(data.isNull("purchaseTime"), r::toString);
    }

    @Test
    void checkPurchaseIsTrueTheInstantAfterTheDecision() {
        createActiveSale("Check", 50);
        for (int i = 0; i < 10; i++) {
            String buyer = "instant.buyer" + i;
            Instant before = Instant.now();
            assertBought(purchase(buyer));
            Reply r = Api.get(CHECK + buyer);
            Instant after = Instant.now();
            assertEquals(200, r.status(), r::toString);
            JsonObject data = r.json().getJsonObject("data");
            assertTrue(data.getBoolean("hasPurchased"), () -> "right after the decision: " + r);
            assertIsoNear(data.getString("purchaseTime"), before, after);
        }
    }

    @Test
    void checkPurchaseIsCaseInsensitive() {
        createActiveSale("Check", 5);
        assertBought(purchase("Case.Buyer@Example.com"));
        JsonObject data = checkData("case.buyer@example.COM");
        assertTrue(data.getBoolean("hasPurchased"));
        assertTrue(ISO_MILLIS_UTC.matcher(data.getString("purchaseTime")).matches(), data::toString);
        assertFalse(checkData("other.buyer@example.com").getBoolean("hasPurchased"));
    }

    @Test
    void checkPurchaseWithoutASaleAnswers400() {
        Reply r = Api.get(CHECK + "nobody.home");
        assertTrue(r.status() == 400 || r.status() == 404, () -> "expected 400 (or 404): " + r);
        assertFalse(r.json().getBoolean("success"), r::toString);
        assertEquals(NOT_FOUND, r.json().getString("message"), r::toString);
    }
}
