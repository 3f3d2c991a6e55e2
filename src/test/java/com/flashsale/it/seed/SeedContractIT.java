package com.flashsale.it.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed service's HTTP contract ({@code /work/shared/SEED_API.md}) on its original paths,
 * against the started server. Every test starts from {@code POST /api/admin/reset-all}.
 */
class SeedContractIT {

    private static final String CREATE = "/api/flash-sale/create";
    private static final String STATUS = "/api/flash-sale/status";
    private static final String PURCHASE = "/api/flash-sale/purchase";
    private static final String CHECK = "/api/flash-sale/check-purchase/";
    private static final String ADMIN_SALES = "/api/admin/flash-sales";
    private static final String RESET_ALL = "/api/admin/reset-all";
    private static final String RESET_DATABASE = "/api/admin/reset-database";
    private static final String RESET_REDIS = "/api/admin/reset-redis";

    private static final String NOT_FOUND = "Flash sale not found";
    private static final String ONE_SALE = "A flash sale already exists. Please reset all data before creating a new one.";
    private static final String POSITIVE_STOCK = "Total stock must be a positive number";
    private static final String START_BEFORE_END = "Start time must be before end time";
    private static final String ID_REQUIRED = "User identifier is required";
    private static final String ID_TOO_SHORT = "User identifier must be at least 3 characters";
    private static final String ID_FORMAT = "Invalid user identifier format";

    private static final Pattern ISO_MILLIS_UTC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final DateTimeFormatter SEED_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final Set<String> CREATE_FIELDS = Set.of("_id", "productName", "totalStock", "remainingStock",
            "startTime", "endTime", "status", "createdAt", "updatedAt");
    private static final Set<String> STATUS_FIELDS = Set.of("id", "productName", "status", "stockRemaining",
            "totalStock", "startTime", "endTime");
    private static final Set<String> ADMIN_ROW_FIELDS = Set.of("_id", "id", "productName", "totalStock",
            "stockRemaining", "startTime", "endTime", "status", "createdAt", "updatedAt");

    @BeforeEach
    void resetAll() {
        Reply r = Api.postAsAdmin(RESET_ALL, "");
        assertEquals(200, r.status(), () -> "reset-all before the test: " + r);
    }

    // ---------------------------------------------------------------- create

    @Test
    void createListsEveryMissingFieldCommaSeparated() {
        assertMissing(Api.postAsAdmin(CREATE, "{}"), "productName", "totalStock", "startTime", "endTime");
        assertMissing(Api.postAsAdmin(CREATE, ""), "productName", "totalStock", "startTime", "endTime");
        assertNoSale();
    }

    @Test
    void createNamesEachSingleMissingField() {
        for (String field : List.of("productName", "totalStock", "startTime", "endTime")) {
            JsonObject body = validSale(10).remove(field).build();
            assertMissing(Api.postAsAdmin(CREATE, body.toString()), field);
        }
        assertNoSale();
    }

    @Test
    void createTreatsFalsyValuesAsMissingFields() {
        assertMissing(Api.postAsAdmin(CREATE, validSale(10).add("productName", "").build().toString()), "productName");
        assertMissing(Api.postAsAdmin(CREATE, validSale(10).addNull("startTime").build().toString()), "startTime");
        assertMissing(Api.postAsAdmin(CREATE, validSale(10).add("endTime", false).build().toString()), "endTime");
        assertNoSale();
    }

    @Test
    void createRejectsZeroStockAsMissingField() {
        assertMissing(Api.postAsAdmin(CREATE, validSale(0).build().toString()), "totalStock");
        assertNoSale();
    }

    @Test
    void createRejectsNegativeStock() {
        assertFailure(Api.postAsAdmin(CREATE, validSale(-5).build().toString()), 400, POSITIVE_STOCK);
        assertNoSale();
    }

    @Test
    void createRejectsFractionalStock() {
        JsonObject body = validSale(1).add("totalStock", Json.createValue(new java.math.BigDecimal("1.5"))).build();
        assertFailure(Api.postAsAdmin(CREATE, body.toString()), 400, POSITIVE_STOCK);
        assertNoSale();
    }

    @Test
    void createRejectsStringStock() {
        assertFailure(Api.postAsAdmin(CREATE, validSale(1).add("totalStock", "100").build().toString()), 400,
                POSITIVE_STOCK);
        assertNoSale();
    }

    @Test
    void createRejectsUnparseableDatesWith400() {
        Reply badStart = Api.postAsAdmin(CREATE, validSale(10).add("startTime", "not-a-date").build().toString());
        assertFailureWithSomeMessage(badStart, 400);
        Reply badEnd = Api.postAsAdmin(CREATE, validSale(10).add("endTime", "2026-13-45T99:99:99Z").build().toString());
        assertFailureWithSomeMessage(badEnd, 400);
        assertNoSale();
    }

    @Test
    void createRejectsEqualStartAndEnd() {
        Instant t = Instant.now().plus(1, ChronoUnit.HOURS);
        assertFailure(create("Equal", 10, t, t), 400, START_BEFORE_END);
        assertNoSale();
    }

    @Test
    void createRejectsStartAfterEnd() {
        Instant t = Instant.now().plus(1, ChronoUnit.HOURS);
        assertFailure(create("Backwards", 10, t, t.minusSeconds(60)), 400, START_BEFORE_END);
        assertNoSale();
    }

    @Test
    void createAllowsOnlyOneSaleAtATime() {
        String first = createActiveSale("First", 10);
        Reply second = create("Second", 5, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        assertFailure(second, 400, ONE_SALE);
        JsonObject status = statusData();
        assertEquals(first, status.getString("id"));
        assertEquals("First", status.getString("productName"));
        assertEquals(1, adminSales().getInt("totalFlashSales"));
    }

    @Test
    void createRefusesASecondSaleEvenWhenTheFirstHasEnded() {
        String first = assertCreatedId(create("Old", 10, Instant.now().minus(2, ChronoUnit.HOURS),
                Instant.now().minus(1, ChronoUnit.HOURS)));
        Reply second = create("New", 5, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        assertFailure(second, 400, ONE_SALE);
        assertEquals(first, statusData().getString("id"));
        assertEquals("ended", statusData().getString("status"));
    }

    @Test
    void createAnswers201WithTheSeedShape() {
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        Instant end = start.plus(2, ChronoUnit.HOURS);
        Instant before = Instant.now();
        Reply r = create("Shape Phone", 42, start, end);
        Instant after = Instant.now();
        assertEquals(201, r.status(), r::toString);
        assertJsonContentType(r);
        JsonObject json = r.json();
        assertTrue(json.getBoolean("success"), r::toString);
        JsonObject data = json.getJsonObject("data");
        assertEquals(CREATE_FIELDS, data.keySet(), r::toString);
        assertFalse(data.getString("_id").isBlank());
        assertEquals("Shape Phone", data.getString("productName"));
        assertEquals(42, data.getInt("totalStock"));
        assertEquals(42, data.getInt("remainingStock"));
        assertEquals(seedTime(start), data.getString("startTime"));
        assertEquals(seedTime(end), data.getString("endTime"));
        assertEquals("upcoming", data.getString("status"));
        assertIsoNear(data.getString("createdAt"), before, after);
        assertIsoNear(data.getString("updatedAt"), before, after);
    }

    @Test
    void createReportsTimesAsUtcIsoWithMillis() {
        JsonObject body = validSale(3).add("startTime", "2099-02-14T01:00:00+01:00")
                .add("endTime", "2099-02-14T02:30:00.5+01:00").build();
        Reply r = Api.postAsAdmin(CREATE, body.toString());
        assertEquals(201, r.status(), r::toString);
        JsonObject data = r.json().getJsonObject("data");
        assertEquals("2099-02-14T00:00:00.000Z", data.getString("startTime"));
        assertEquals("2099-02-14T01:30:00.500Z", data.getString("endTime"));
        JsonObject status = statusData();
        assertEquals("2099-02-14T00:00:00.000Z", status.getString("startTime"));
        assertEquals("2099-02-14T01:30:00.500Z", status.getString("endTime"));
    }

    @Test
    void createAcceptsASaleWhoseWindowIsAlreadyPast() {
        Reply r = create("Yesterday", 10, Instant.now().minus(2, ChronoUnit.DAYS), Instant.now().minus(1, ChronoUnit.DAYS));
        assertEquals(201, r.status(), r::toString);
        assertEquals("ended", r.json().getJsonObject("data").getString("status"));
    }

    @Test
    void createRequiresTheAdminRole() {
        String body = saleJson("Open", 10, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        Reply anonymous = Api.post(CREATE, body);
        assertEquals(401, anonymous.status(), anonymous::toString);
        Reply wrongPassword = Api.send(Api.request(CREATE).header("Content-Type", "application/json")
                .header("Authorization", Api.basic("admin", Api.adminPassword() + "-wrong"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(401, wrongPassword.status(), wrongPassword::toString);
        Reply unknownUser = Api.send(Api.request(CREATE).header("Content-Type", "application/json")
                .header("Authorization", Api.basic("shopper", Api.adminPassword()))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(401, unknownUser.status(), unknownUser::toString);
        assertNoSale();
    }

    // ---------------------------------------------------------------- status

    @Test
    void statusAnswersTheSeedShape() {
        Instant start = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        Instant end = Instant.now().plus(50, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        Reply created = create("Status Shape", 7, start, end);
        assertEquals(201, created.status(), created::toString);
        String id = created.json().getJsonObject("data").getString("_id");

        Reply r = Api.get(STATUS);
        assertEquals(200, r.status(), r::toString);
        assertJsonContentType(r);
        JsonObject json = r.json();
        assertTrue(json.getBoolean("success"), r::toString);
        JsonObject data = json.getJsonObject("data");
        assertEquals(STATUS_FIELDS, data.keySet(), r::toString);
        assertEquals(id, data.getString("id"));
        assertEquals("Status Shape", data.getString("productName"));
        assertEquals("active", data.getString("status"));
        assertEquals(7, data.getInt("stockRemaining"));
        assertEquals(7, data.getInt("totalStock"));
        assertEquals(seedTime(start), data.getString("startTime"));
        assertEquals(seedTime(end), data.getString("endTime"));
    }

    @Test
    void statusIsUpcomingBeforeTheStart() {
        assertCreated(create("Later", 5, Instant.now().plus(1, ChronoUnit.HOURS), Instant.now().plus(2, ChronoUnit.HOURS)));
        assertEquals("upcoming", statusData().getString("status"));
    }

    @Test
    void statusIsActiveInsideTheWindowWithStock() {
        createActiveSale("Now", 5);
        JsonObject data = statusData();
        assertEquals("active", data.getString("status"));
        assertEquals(5, data.getInt("stockRemaining"));
    }

    @Test
    void statusIsSoldOutWhenTheLastUnitIsGoneInsideTheWindow() {
        createActiveSale("Single", 2);
        assertBought(purchase("buyer.one"));
        assertEquals("active", statusData().getString("status"));
        assertBought(purchase("buyer.two"));
        JsonObject data = statusData();
        assertEquals("sold_out", data.getString("status"));
        assertEquals(0, data.getInt("stockRemaining"));
        assertEquals(2, data.getInt("totalStock"));
    }

    @Test
    void statusIsEndedAfterTheWindow() {
        assertCreated(create("Past", 5, Instant.now().minus(2, ChronoUnit.HOURS), Instant.now().minus(1, ChronoUnit.HOURS)));
        JsonObject data = statusData();
        assertEquals("ended", data.getString("status"));
        assertEquals(5, data.getInt("stockRemaining"));
    }

    @Test
    void statusTimeWinsOverStockOnceTheWindowCloses() throws InterruptedException {
        Instant end = Instant.now().plusSeconds(3);
        assertCreated(create("Closing", 1, Instant.now().minusSeconds(60), end));
        assertBought(purchase("last.buyer"));
        assertEquals("sold_out", statusData().getString("status"));
        sleepUntil(end.plusMillis(500));
        JsonObject data = statusData();
        assertEquals("ended", data.getString("status"), "a sold-out sale whose window closed is ended");
        assertEquals(0, data.getInt("stockRemaining"));
    }

    @Test
    void statusAnswers404FlashSaleNotFoundWithoutASale() {
        assertFailure(Api.get(STATUS), 404, NOT_FOUND);
    }

    // ---------------------------------------------------------------- purchase

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

    // ---------------------------------------------------------------- check-purchase

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

    // ---------------------------------------------------------------- admin

    @Test
    void adminFlashSalesAnswersTheSeedShape() {
        Instant start = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        Instant end = Instant.now().plus(55, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        Instant before = Instant.now();
        Reply created = create("Admin Shape", 9, start, end);
        Instant after = Instant.now();
        assertCreated(created);
        String id = created.json().getJsonObject("data").getString("_id");

        Reply r = Api.getAsAdmin(ADMIN_SALES);
        assertEquals(200, r.status(), r::toString);
        assertJsonContentType(r);
        JsonObject json = r.json();
        assertTrue(json.getBoolean("success"), r::toString);
        JsonObject data = json.getJsonObject("data");
        assertEquals(Set.of("flashSales", "totalFlashSales", "totalPurchases"), data.keySet(), r::toString);
        assertEquals(1, data.getInt("totalFlashSales"));
        assertEquals(0, data.getInt("totalPurchases"));
        assertEquals(1, data.getJsonArray("flashSales").size());
        JsonObject row = data.getJsonArray("flashSales").getJsonObject(0);
        assertEquals(ADMIN_ROW_FIELDS, row.keySet(), r::toString);
        assertEquals(id, row.getString("_id"));
        assertEquals(id, row.getString("id"));
        assertEquals("Admin Shape", row.getString("productName"));
        assertEquals(9, row.getInt("totalStock"));
        assertEquals(9, row.getInt("stockRemaining"));
        assertEquals(seedTime(start), row.getString("startTime"));
        assertEquals(seedTime(end), row.getString("endTime"));
        assertEquals("active", row.getString("status"));
        assertIsoNear(row.getString("createdAt"), before, after);
        assertIsoNear(row.getString("updatedAt"), before, after);
    }

    @Test
    void adminFlashSalesReportsTheLiveStatus() throws InterruptedException {
        Instant start = Instant.now().plusSeconds(2);
        Reply created = create("Live", 1, start, Instant.now().plus(1, ChronoUnit.HOURS));
        assertCreated(created);
        String id = created.json().getJsonObject("data").getString("_id");
        assertEquals("upcoming", created.json().getJsonObject("data").getString("status"));
        assertEquals("upcoming", adminRow(id).getString("status"));
        sleepUntil(start.plusMillis(500));
        assertEquals("active", adminRow(id).getString("status"), "the stored status must not stay 'upcoming'");
        assertBought(purchase("live.buyer"));
        JsonObject row = adminRow(id);
        assertEquals("sold_out", row.getString("status"));
        assertEquals(0, row.getInt("stockRemaining"));
    }

    @Test
    void adminFlashSalesCountsPurchases() {
        createActiveSale("Counted", 10);
        for (String buyer : List.of("count.a", "count.b", "count.c")) {
            assertBought(purchase(buyer));
        }
        purchase("count.a"); // a repeat is not a purchase
        JsonObject data = awaitTotalPurchases(3);
        assertEquals(3, data.getInt("totalPurchases"));
        assertEquals(7, data.getJsonArray("flashSales").getJsonObject(0).getInt("stockRemaining"));
    }

    @Test
    void adminEndpointsRequireTheAdminRole() {
        createActiveSale("Guarded", 5);
        assertBought(purchase("guarded.buyer"));
        String wrong = Api.basic("admin", Api.adminPassword() + "x");
        for (String path : List.of(ADMIN_SALES, RESET_ALL, RESET_DATABASE, RESET_REDIS)) {
            boolean get = path.equals(ADMIN_SALES);
            HttpRequest.Builder anonymous = Api.request(path);
            HttpRequest.Builder badPassword = Api.request(path).header("Authorization", wrong);
            for (HttpRequest.Builder b : List.of(anonymous, badPassword)) {
                if (get) {
                    b.GET();
                } else {
                    b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
                }
                Reply r = Api.send(b);
                assertEquals(401, r.status(), () -> path + ": " + r);
            }
        }
        JsonObject status = statusData();
        assertEquals("Guarded", status.getString("productName"), "the refused resets must not have run");
        assertEquals(4, status.getInt("stockRemaining"));
        assertTrue(checkData("guarded.buyer").getBoolean("hasPurchased"));
    }

    // ---------------------------------------------------------------- resets

    @Test
    void resetAllDeletesSalesAndPurchasesAndAnswersTheSeedShape() {
        createActiveSale("Doomed", 5);
        assertBought(purchase("doomed.a"));
        assertBought(purchase("doomed.b"));
        awaitTotalPurchases(2);

        Reply r = Api.postAsAdmin(RESET_ALL, "");
        assertEquals(200, r.status(), r::toString);
        assertJsonContentType(r);
        JsonObject json = r.json();
        assertTrue(json.getBoolean("success"), r::toString);
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
        createActiveSale("Stored", 5);
        assertBought(purchase("stored.a"));
        assertBought(purchase("stored.b"));
        assertBought(purchase("stored.c"));
        awaitTotalPurchases(3);

        Reply r = Api.postAsAdmin(RESET_DATABASE, "");
        assertEquals(200, r.status(), r::toString);
        assertJsonContentType(r);
        JsonObject json = r.json();
        assertTrue(json.getBoolean("success"), r::toString);
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

    // ---------------------------------------------------------------- CORS

    @Test
    void preflightAnswersCorsForAnyOriginOnEmbeddedDefaults() {
        for (String origin : List.of("http://localhost:3000", "https://shop.example.org")) {
            Reply r = Api.send(Api.request(PURCHASE).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type"));
            assertTrue(r.status() == 200 || r.status() == 204, () -> origin + ": " + r);
            assertAllowsOrigin(r, origin);
            String methods = r.header("Access-Control-Allow-Methods");
            assertNotNull(methods, () -> "no Access-Control-Allow-Methods: " + r.headers());
            assertTrue(tokens(methods).contains("POST"), methods);
            String headers = r.header("Access-Control-Allow-Headers");
            assertNotNull(headers, () -> "no Access-Control-Allow-Headers: " + r.headers());
            assertTrue(headers.equals("*") || tokens(headers).contains("CONTENT-TYPE"), headers);
        }
    }

    @Test
    void preflightAnswersCorsOnTheAdminPathsWithAuthorizationAllowed() {
        String origin = "http://localhost:3001";
        for (String path : List.of(CREATE, ADMIN_SALES, RESET_ALL, RESET_DATABASE, RESET_REDIS)) {
            String method = path.equals(ADMIN_SALES) ? "GET" : "POST";
            Reply r = Api.send(Api.request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin)
                    .header("Access-Control-Request-Method", method)
                    .header("Access-Control-Request-Headers", "authorization,content-type"));
            assertTrue(r.status() == 200 || r.status() == 204, () -> path + ": " + r);
            assertAllowsOrigin(r, origin);
            String methods = r.header("Access-Control-Allow-Methods");
            assertNotNull(methods, () -> path + ": no Access-Control-Allow-Methods: " + r.headers());
            assertTrue(tokens(methods).contains(method), methods);
            String headers = r.header("Access-Control-Allow-Headers");
            assertNotNull(headers, () -> path + ": no Access-Control-Allow-Headers: " + r.headers());
            assertTrue(tokens(headers).contains("AUTHORIZATION"), () -> path + ": " + headers);
        }
    }

    @Test
    void simpleGetWithOriginCarriesAccessControlAllowOrigin() {
        createActiveSale("Cross Origin", 5);
        String origin = "http://localhost:3000";
        Reply status = Api.send(Api.request(STATUS).header("Origin", origin).GET());
        assertEquals(200, status.status(), status::toString);
        assertAllowsOrigin(status, origin);
        Reply check = Api.send(Api.request(CHECK + "cors.buyer").header("Origin", origin).GET());
        assertEquals(200, check.status(), check::toString);
        assertAllowsOrigin(check, origin);
    }

    @Test
    void corsPostAndErrorAnswersCarryAccessControlAllowOrigin() {
        String origin = "https://shop.example.org";
        Reply noSale = Api.send(Api.request(STATUS).header("Origin", origin).GET());
        assertEquals(404, noSale.status(), noSale::toString);
        assertAllowsOrigin(noSale, origin);
        createActiveSale("Cross Origin", 5);
        Reply bought = Api.send(Api.request(PURCHASE).header("Origin", origin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.purchaseJson("cors.buyer"))));
        assertBought(bought);
        assertAllowsOrigin(bought, origin);
        Reply invalid = Api.send(Api.request(PURCHASE).header("Origin", origin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.purchaseJson("x"))));
        assertFailure(invalid, 400, ID_TOO_SHORT);
        assertAllowsOrigin(invalid, origin);
    }

    // ---------------------------------------------------------------- helpers

    private static JsonObjectBuilder validSale(int stock) {
        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES);
        return Json.createObjectBuilder().add("productName", "Seed Phone").add("totalStock", stock)
                .add("startTime", seedTime(start)).add("endTime", seedTime(start.plus(1, ChronoUnit.HOURS)));
    }

    private static String saleJson(String name, int stock, Instant start, Instant end) {
        return Json.createObjectBuilder().add("productName", name).add("totalStock", stock)
                .add("startTime", seedTime(start)).add("endTime", seedTime(end)).build().toString();
    }

    private static Reply create(String name, int stock, Instant start, Instant end) {
        return Api.postAsAdmin(CREATE, saleJson(name, stock, start, end));
    }

    private static String createActiveSale(String name, int stock) {
        Reply r = create(name, stock, Instant.now().minus(1, ChronoUnit.MINUTES), Instant.now().plus(1, ChronoUnit.HOURS));
        assertCreated(r);
        assertEquals("active", r.json().getJsonObject("data").getString("status"), r::toString);
        return r.json().getJsonObject("data").getString("_id");
    }

    private static String assertCreatedId(Reply r) {
        assertCreated(r);
        return r.json().getJsonObject("data").getString("_id");
    }

    private static void assertCreated(Reply r) {
        assertEquals(201, r.status(), () -> "create: " + r);
        assertTrue(r.json().getBoolean("success"), r::toString);
    }

    private static Reply purchase(String userIdentifier) {
        return Api.post(PURCHASE, Api.purchaseJson(userIdentifier));
    }

    private static void assertBought(Reply r) {
        purchaseIdOf(r);
    }

    private static String purchaseIdOf(Reply r) {
        assertEquals(200, r.status(), () -> "purchase: " + r);
        JsonObject json = r.json();
        assertTrue(json.getBoolean("success"), () -> "purchase: " + r);
        assertEquals("Purchase successful!", json.getString("message"), r::toString);
        String id = json.getString("purchaseId", null);
        assertNotNull(id, () -> "no purchaseId: " + r);
        return id;
    }

    private static JsonObject statusData() {
        Reply r = Api.get(STATUS);
        assertEquals(200, r.status(), () -> "status: " + r);
        assertTrue(r.json().getBoolean("success"), r::toString);
        return r.json().getJsonObject("data");
    }

    private static JsonObject checkData(String userIdentifier) {
        Reply r = Api.get(CHECK + userIdentifier);
        assertEquals(200, r.status(), () -> "check-purchase: " + r);
        assertTrue(r.json().getBoolean("success"), r::toString);
        return r.json().getJsonObject("data");
    }

    private static JsonObject adminSales() {
        Reply r = Api.getAsAdmin(ADMIN_SALES);
        assertEquals(200, r.status(), () -> "flash-sales: " + r);
        assertTrue(r.json().getBoolean("success"), r::toString);
        return r.json().getJsonObject("data");
    }

    private static JsonObject adminRow(String saleId) {
        JsonObject data = adminSales();
        return data.getJsonArray("flashSales").stream().map(JsonValue::asJsonObject)
                .filter(row -> saleId.equals(row.getString("_id", null))).findFirst()
                .orElseGet(() -> fail("sale " + saleId + " not listed: " + data));
    }

    /** Purchases reach the database asynchronously; waits a few seconds for the count to settle. */
    private static JsonObject awaitTotalPurchases(int expected) {
        Instant deadline = Instant.now().plusSeconds(15);
        JsonObject data = adminSales();
        while (data.getInt("totalPurchases") != expected && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(200));
            data = adminSales();
        }
        assertEquals(expected, data.getInt("totalPurchases"), data::toString);
        return data;
    }

    private static void assertNoSale() {
        assertFailure(Api.get(STATUS), 404, NOT_FOUND);
    }

    private static void assertFailure(Reply r, int status, String message) {
        assertEquals(status, r.status(), r::toString);
        JsonObject json = r.json();
        assertFalse(json.getBoolean("success"), r::toString);
        assertEquals(message, json.getString("message", null), r::toString);
    }

    private static void assertFailureWithSomeMessage(Reply r, int status) {
        assertEquals(status, r.status(), r::toString);
        JsonObject json = r.json();
        assertFalse(json.getBoolean("success"), r::toString);
        assertFalse(json.getString("message", "").isBlank(), r::toString);
    }

    private static void assertMissing(Reply r, String... fields) {
        assertEquals(400, r.status(), r::toString);
        JsonObject json = r.json();
        assertFalse(json.getBoolean("success"), r::toString);
        String message = json.getString("message", "");
        String prefix = "Missing required fields:";
        assertTrue(message.startsWith(prefix), r::toString);
        List<String> named = Arrays.stream(message.substring(prefix.length()).split(",")).map(String::strip).toList();
        assertEquals(List.of(fields), named, r::toString);
    }

    private static void assertJsonContentType(Reply r) {
        String type = r.contentType();
        assertNotNull(type, r::toString);
        assertTrue(type.toLowerCase(Locale.ROOT).startsWith("application/json"), type);
    }

    private static void assertAllowsOrigin(Reply r, String origin) {
        String allowed = r.header("Access-Control-Allow-Origin");
        assertTrue(origin.equals(allowed) || "*".equals(allowed),
                () -> "Access-Control-Allow-Origin " + allowed + " for " + origin + ": " + r.status() + " " + r.headers());
    }

    private static void assertIsoNear(String value, Instant before, Instant after) {
        assertNotNull(value);
        assertTrue(ISO_MILLIS_UTC.matcher(value).matches(), () -> "not ISO-8601 UTC with millis: " + value);
        Instant t = Instant.parse(value);
        Duration slack = Duration.ofSeconds(5);
        assertTrue(!t.isBefore(before.minus(slack)) && !t.isAfter(after.plus(slack)),
                () -> value + " not within " + before + " .. " + after);
    }

    private static Set<String> tokens(String list) {
        return Arrays.stream(list.split(",")).map(s -> s.strip().toUpperCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static String seedTime(Instant instant) {
        return SEED_TIME.format(instant);
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        }
    }
}
