package com.flashsale.it.purchase;

import static com.flashsale.it.harness.Api.createSale;
import static com.flashsale.it.harness.Api.get;
import static com.flashsale.it.harness.Api.post;
import static com.flashsale.it.harness.Api.purchaseJson;
import static com.flashsale.it.harness.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The v1 purchase API: a receipt read back at once, one unit per shopper, Idempotency-Key replays, the
 * distinct refusals, the identifier rule, the admin's purchase lists and a shopper's history.
 */
class PurchaseApiIT {

    private static final Instant PAST = Instant.now().minus(Duration.ofMinutes(5));
    private static final Instant FUTURE = Instant.now().plus(Duration.ofHours(2));

    private static String shopper() {
        return "it-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    private static String activeSale(int stock) {
        return createSale("Active " + stock, stock, PAST, FUTURE);
    }

    @Test
    void purchaseReturnsAReceiptAndCheckReadsItAtOnce() {
        String sale = activeSale(3);
        String shopper = shopper();
        Reply r = post("/api/v1/sales/" + sale + "/purchases", purchaseJson(shopper.toUpperCase()));
        assertEquals(201, r.status(), r.toString());
        JsonObject receipt = r.json();
        assertEquals(sale, receipt.getString("saleId"));
        assertEquals(shopper, receipt.getString("userIdentifier"));
        assertEquals(24, receipt.getString("purchaseId").length());
        Reply check = get("/api/v1/sales/" + sale + "/purchases/" + shopper);
        assertEquals(200, check.status());
        assertEquals(receipt.getString("purchaseId"), check.json().getString("purchaseId"));
        assertEquals(2, get("/api/v1/sales/" + sale).json().getInt("stockRemaining"));
    }

    @Test
    void secondPurchaseIsAConflictCarryingTheExistingPurchaseId() {
        String sale = activeSale(3);
        String shopper = shopper();
        String purchaseId = post("/api/v1/sales/" + sale + "/purchases", purchaseJson(shopper)).json().getString("purchaseId");
        Reply again = post("/api/v1/sales/" + sale + "/purchases", purchaseJson("  " + shopper.toUpperCase() + " "));
        assertEquals(409, again.status());
        assertEquals("/problems/already-purchased", again.json().getString("type"));
        assertEquals(purchaseId, again.json().getString("purchaseId"));
    }

    @Test
    void retryWithTheSameIdempotencyKeyReplaysTheReceipt() {
        String sale = activeSale(3);
        String shopper = shopper();
        var request = (java.util.function.Supplier<Reply>) () -> Api.send(Api.request("/api/v1/sales/" + sale + "/purchases")
                .header("Content-Type", "application/json").header("Idempotency-Key", "key-1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(purchaseJson(shopper))));
        Reply first = request.get();
        Reply retry = request.get();
        assertEquals(201, first.status());
        assertEquals(201, retry.status(), retry.toString());
        assertEquals(first.json().getString("purchaseId"), retry.json().getString("purchaseId"));
        assertEquals(2, get("/api/v1/sales/" + sale).json().getInt("stockRemaining"));
    }

    @Test
    void soldOutNotStartedEndedAndCancelledAreDistinctConflicts() {
        String soldOut = activeSale(1);
        post("/api/v1/sales/" + soldOut + "/purchases", purchaseJson(shopper()));
        assertProblem(409, "/problems/sold-out", post("/api/v1/sales/" + soldOut + "/purchases", purchaseJson(shopper())));

        String upcoming = createSale("Later", 5, FUTURE, FUTURE.plusSeconds(60));
        assertEquals("upcoming", get("/api/v1/sales/" + upcoming).json().getString("status"));
        assertProblem(409, "/problems/sale-not-started", post("/api/v1/sales/" + upcoming + "/purchases", purchaseJson(shopper())));

        String ended = createSale("Over", 5, PAST.minusSeconds(600), PAST);
        assertEquals("ended", get("/api/v1/sales/" + ended).json().getString("status"));
        assertProblem(409, "/problems/sale-ended", post("/api/v1/sales/" + ended + "/purchases", purchaseJson(shopper())));

        String cancelled = activeSale(5);
        assertEquals("cancelled", Api.deleteAsAdmin("/api/v1/sales/" + cancelled).json().getString("status"));
        assertProblem(409, "/problems/sale-cancelled", post("/api/v1/sales/" + cancelled + "/purchases", purchaseJson(shopper())));
    }

    @Test
    void invalidShopperIdentifiersAre400WithTheRule() {
        String sale = activeSale(5);
        for (String bad : new String[] {"", "ab", "has space", "x".repeat(255), "{\"$ne\":null}"}) {
            Reply r = post("/api/v1/sales/" + sale + "/purchases", purchaseJson(bad));
            assertProblem(400, "/problems/validation", r);
            assertEquals("userIdentifier", r.json().getJsonArray("violations").getJsonObject(0).getString("field"));
        }
        assertEquals(400, post("/api/v1/sales/" + sale + "/purchases", "{\"userIdentifier\":{\"$ne\":null}}").status());
        assertEquals(5, get("/api/v1/sales/" + sale).json().getInt("stockRemaining"));
    }

    @Test
    void adminListsPurchasesAsPagesAndCsvAndShopperSeesHistory() {
        String sale = activeSale(5);
        String a = shopper();
        String b = shopper();
        post("/api/v1/sales/" + sale + "/purchases", purchaseJson(a));
        post("/api/v1/sales/" + sale + "/purchases", purchaseJson(b));
        assertEquals(401, get("/api/v1/sales/" + sale + "/purchases").status());
        Reply page = Api.getAsAdmin("/api/v1/sales/" + sale + "/purchases?page=0&size=1");
        assertEquals(200, page.status(), page.toString());
        assertEquals(2, page.json().getInt("total"));
        assertEquals(1, page.json().getJsonArray("items").size());
        Reply filtered = Api.getAsAdmin("/api/v1/sales/" + sale + "/purchases?q=" + a.substring(0, 15));
        assertEquals(1, filtered.json().getInt("total"));
        Reply csv = Api.get("/api/v1/sales/" + sale + "/purchases", "text/csv", true);
        assertEquals(200, csv.status());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        assertEquals(3, csv.body().strip().split("\r\n").length, csv.body());
        assertTrue(csv.body().contains(a) && csv.body().contains(b));
        var history = get("/api/v1/shoppers/" + a.toUpperCase() + "/purchases").jsonArray();
        assertEquals(1, history.size());
        assertEquals(sale, history.getJsonObject(0).getString("saleId"));
    }

    @Test
    void responsesNeverLeakStackTracesOrClassNames() {
        Reply r = post("/api/v1/sales/000000000000000000000000/purchases", "[1,2");
        assertTrue(r.status() >= 400 && r.status() < 500, r.toString());
        assertFalse(r.body().contains("com.flashsale") || r.body().contains("Exception") || r.body().contains("at "),
                r.body());
    }
}
