package com.flashsale.it.seed;

import static com.flashsale.it.seed.SeedApi.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/flash-sale/purchase}: identifier rules, the success answer with its purchase id, and
 * the refusals (already purchased, sold out, not started, ended, no sale) in the seed's order.
 * The seed contract ({@code /work/shared/SEED_API.md}) on its original paths; every test starts from
 * {@code POST /api/admin/reset-all}.
 */
class SeedPurchaseIT {

    @BeforeEach
    void resetAll() {
        SeedApi.resetAll();
    }

    @Test
    void purchaseRequiresAUserIdentifier() {
        createActiveSale("Validation", 5);
        assertFailure(Api.post(PURCHASE, "{}"), 400, ID_REQUIRED);
        assertFailure(Api.post(PURCHASE, ""), 400, ID_REQUIRED);
        assertFailure(Api.post(PURCHASE, "{\"userIdentifier\":null}"), 400, ID_REQUIRED);
        assertFailure(purchase(""), 400, ID_REQUIRED);
        assertFailure(purchase("   "), 400, ID_REQUIRED);
        assertEquals(5, statusData().getInt("stockRemaining"));
    }

    @Test
    void purchaseRejectsIdentifiersShorterThanThreeCharactersAfterTrimming() {
        createActiveSale("Validation", 5);
        assertFailure(purchase("ab"), 400, ID_TOO_SHORT);
        assertFailure(purchase("  ab  "), 400, ID_TOO_SHORT);
        assertFailure(purchase("x"), 400, ID_TOO_SHORT);
        assertBought(purchase("abc"));
    }

    @Test
    void purchaseRejectsIdentifiersOutsideTheAllowedCharacters() {
        createActiveSale("Validation", 5);
        for (String bad : List.of("john doe", "user#1", "a/b/c", "name+tag@example.com", "<script>", "émile")) {
            assertFailure(purchase(bad), 400, ID_FORMAT);
        }
        assertBought(purchase("Jane.Doe_1-x@example.com"));
        assertEquals(4, statusData().getInt("stockRemaining"));
    }

    @Test
    void purchaseRejectsNonStringIdentifierWith400Not500() {
        createActiveSale("Validation", 5);
        for (String body : List.of("{\"userIdentifier\":12345}", "{\"userIdentifier\":true}",
                "{\"userIdentifier\":{\"id\":\"abc\"}}", "{\"userIdentifier\":[\"abc\"]}")) {
            assertFailureWithSomeMessage(Api.post(PURCHASE, body), 400);
        }
        assertEquals(5, statusData().getInt("stockRemaining"));
    }

    @Test
    void purchaseRejectsIdentifiersLongerThan254CharactersWith400() {
        createActiveSale("Validation", 5);
        String longest = "a".repeat(242) + "@example.com"; // 254
        assertEquals(254, longest.length());
        assertFailureWithSomeMessage(purchase("b" + longest), 400);
        assertFailureWithSomeMessage(purchase("c".repeat(10_000)), 400);
        assertBought(purchase(longest));
        assertEquals(4, statusData().getInt("stockRemaining"));
    }

    @Test
    void purchaseSucceedsWithAPurchaseId() {
        createActiveSale("Buyable", 3);
        Reply r = purchase("first.buyer@example.com");
        assertEquals(200, r.status(), r::toString);
        assertJsonContentType(r);
        JsonObject json = r.json();
        assertTrue(json.getBoolean("success"), r::toString);
        assertEquals("Purchase successful!", json.getString("message"));
        assertFalse(json.getString("purchaseId").isBlank(), r::toString);
        assertEquals(2, statusData().getInt("stockRemaining"));
        String other = purchaseIdOf(purchase("second.buyer@example.com"));
        assertNotEquals(json.getString("purchaseId"), other, "each purchase has its own id");
    }

    @Test
    void purchaseAnswersAlreadyPurchasedWith200AndSuccessFalse() {
        createActiveSale("Once", 5);
        String purchaseId = purchaseIdOf(purchase("repeat.buyer"));
        Reply again = purchase("repeat.buyer");
        assertFailure(again, 200, "You have already purchased this item");
        assertEquals(purchaseId, again.json().getString("purchaseId", null),
                "already purchased carries the original purchaseId");
        assertEquals(4, statusData().getInt("stockRemaining"), "a repeat must not take a unit");
    }

    @Test
    void purchaseTreatsIdentifiersCaseInsensitively() {
        createActiveSale("Once", 5);
        String purchaseId = purchaseIdOf(purchase("Mixed.Case@Example.com"));
        Reply again = purchase("  mixed.case@EXAMPLE.COM ");
        assertFailure(again, 200, "You have already purchased this item");
        assertEquals(purchaseId, again.json().getString("purchaseId", null));
        assertEquals(4, statusData().getInt("stockRemaining"));
    }

    @Test
    void purchaseAnswersItemSoldOutWith200AndSuccessFalse() {
        createActiveSale("Scarce", 1);
        assertBought(purchase("winner"));
        Reply late = purchase("latecomer");
        assertFailure(late, 200, "Item sold out");
        assertFalse(late.json().containsKey("purchaseId") && !late.json().isNull("purchaseId"), late::toString);
        assertEquals(0, statusData().getInt("stockRemaining"));
    }

    @Test
    void purchaseAnswersSaleHasNotStartedYet() {
        assertCreated(create("Soon", 5, Instant.now().plus(1, ChronoUnit.HOURS), Instant.now().plus(2, ChronoUnit.HOURS)));
        assertFailure(purchase("early.bird"), 200, "Sale has not started yet");
        assertEquals(5, statusData().getInt("stockRemaining"));
        assertFalse(checkData("early.bird").getBoolean("hasPurchased"));
    }

    @Test
    void purchaseAnswersSaleHasEnded() {
        assertCreated(create("Over", 5, Instant.now().minus(2, ChronoUnit.HOURS), Instant.now().minus(1, ChronoUnit.HOURS)));
        assertFailure(purchase("too.late"), 200, "Sale has ended");
        assertEquals(5, statusData().getInt("stockRemaining"));
    }

    @Test
    void purchaseChecksAlreadyPurchasedBeforeStock() {
        createActiveSale("Last", 1);
        assertBought(purchase("only.winner"));
        assertFailure(purchase("only.winner"), 200, "You have already purchased this item");
        assertFailure(purchase("someone.else"), 200, "Item sold out");
    }

    @Test
    void purchaseChecksTheTimeWindowBeforeAlreadyPurchased() throws InterruptedException {
        Instant end = Instant.now().plusSeconds(3);
        assertCreated(create("Brief", 5, Instant.now().minusSeconds(60), end));
        assertBought(purchase("quick.buyer"));
        sleepUntil(end.plusMillis(500));
        assertFailure(purchase("quick.buyer"), 200, "Sale has ended");
    }

    @Test
    void purchaseWithoutASaleAnswers400FlashSaleNotFound() {
        assertFailure(purchase("nobody.home"), 400, NOT_FOUND);
    }
}
