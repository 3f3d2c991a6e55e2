package com.flashsale.it.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
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

/**
 * What the seed contract tests share: the seed paths and messages, requests in the seed's shape, and
 * assertions on its {@code success}/{@code message}/{@code data} envelope.
 */
final class SeedApi {

    static final String CREATE = "/api/flash-sale/create";
    static final String STATUS = "/api/flash-sale/status";
    static final String PURCHASE = "/api/flash-sale/purchase";
    static final String CHECK = "/api/flash-sale/check-purchase/";
    static final String ADMIN_SALES = "/api/admin/flash-sales";
    static final String RESET_ALL = "/api/admin/reset-all";
    static final String RESET_DATABASE = "/api/admin/reset-database";
    static final String RESET_REDIS = "/api/admin/reset-redis";

    static final String NOT_FOUND = "Flash sale not found";
    static final String ONE_SALE = "A flash sale already exists. Please reset all data before creating a new one.";
    static final String POSITIVE_STOCK = "Total stock must be a positive number";
    static final String START_BEFORE_END = "Start time must be before end time";
    static final String ID_REQUIRED = "User identifier is required";
    static final String ID_TOO_SHORT = "User identifier must be at least 3 characters";
    static final String ID_FORMAT = "Invalid user identifier format";

    static final Pattern ISO_MILLIS_UTC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    static final DateTimeFormatter SEED_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static final Set<String> CREATE_FIELDS = Set.of("_id", "productName", "totalStock", "remainingStock",
            "startTime", "endTime", "status", "createdAt", "updatedAt");
    static final Set<String> STATUS_FIELDS = Set.of("id", "productName", "status", "stockRemaining",
            "totalStock", "startTime", "endTime");
    static final Set<String> ADMIN_ROW_FIELDS = Set.of("_id", "id", "productName", "totalStock",
            "stockRemaining", "startTime", "endTime", "status", "createdAt", "updatedAt");

    private SeedApi() {
    }

    /** Every seed test starts from no sale and no purchase. */
    static void resetAll() {
        Reply r = Api.postAsAdmin(RESET_ALL, "");
        assertEquals(200, r.status(), () -> "reset-all before the test: " + r);
    }

    static JsonObjectBuilder validSale(int stock) {
        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES);
        return Json.createObjectBuilder().add("productName", "Seed Phone").add("totalStock", stock)
                .add("startTime", seedTime(start)).add("endTime", seedTime(start.plus(1, ChronoUnit.HOURS)));
    }

    static String saleJson(String name, int stock, Instant start, Instant end) {
        return Json.createObjectBuilder().add("productName", name).add("totalStock", stock)
                .add("startTime", seedTime(start)).add("endTime", seedTime(end)).build().toString();
    }

    static Reply create(String name, int stock, Instant start, Instant end) {
        return Api.postAsAdmin(CREATE, saleJson(name, stock, start, end));
    }

    static String createActiveSale(String name, int stock) {
        Reply r = create(name, stock, Instant.now().minus(1, ChronoUnit.MINUTES), Instant.now().plus(1, ChronoUnit.HOURS));
        assertCreated(r);
        assertEquals("active", r.json().getJsonObject("data").getString("status"), r::toString);
        return r.json().getJsonObject("data").getString("_id");
    }

    static String assertCreatedId(Reply r) {
        assertCreated(r);
        return r.json().getJsonObject("data").getString("_id");
    }

    static void assertCreated(Reply r) {
        assertEquals(201, r.status(), () -> "create: " + r);
        assertTrue(r.json().getBoolean("success"), r::toString);
    }

    static Reply purchase(String userIdentifier) {
        return Api.post(PURCHASE, Api.purchaseJson(userIdentifier));
    }

    static void assertBought(Reply r) {
        purchaseIdOf(r);
    }

    static String purchaseIdOf(Reply r) {
        assertEquals(200, r.status(), () -> "purchase: " + r);
        JsonObject json = r.json();
        assertTrue(json.getBoolean("success"), () -> "purchase: " + r);
        assertEquals("Purchase successful!", json.getString("message"), r::toString);
        String id = json.getString("purchaseId", null);
        assertNotNull(id, () -> "no purchaseId: " + r);
        return id;
    }

    static JsonObject statusData() {
        Reply r = Api.get(STATUS);
        assertEquals(200, r.status(), () -> "status: " + r);
        assertTrue(r.json().getBoolean("success"), r::toString);
        return r.json().getJsonObject("data");
    }

    static JsonObject checkData(String userIdentifier) {
        Reply r = Api.get(CHECK + userIdentifier);
        assertEquals(200, r.status(), () -> "check-purchase: " + r);
        assertTrue(r.json().getBoolean("success"), r::toString);
        return r.json().getJsonObject("data");
    }

    static JsonObject adminSales() {
        Reply r = Api.getAsAdmin(ADMIN_SALES);
        assertEquals(200, r.status(), () -> "flash-sales: " + r);
        assertTrue(r.json().getBoolean("success"), r::toString);
        return r.json().getJsonObject("data");
    }

    static JsonObject adminRow(String saleId) {
        JsonObject data = adminSales();
        return data.getJsonArray("flashSales").stream().map(JsonValue::asJsonObject)
                .filter(row -> saleId.equals(row.getString("_id", null))).findFirst()
                .orElseGet(() -> fail("sale " + saleId + " not listed: " + data));
    }

    /** Purchases reach the database asynchronously; waits a few seconds for the count to settle. */
    static JsonObject awaitTotalPurchases(int expected) {
        Instant deadline = Instant.now().plusSeconds(15);
        JsonObject data = adminSales();
        while (data.getInt("totalPurchases") != expected && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(200));
            data = adminSales();
        }
        assertEquals(expected, data.getInt("totalPurchases"), data::toString);
        return data;
    }

    static void assertNoSale() {
        assertFailure(Api.get(STATUS), 404, NOT_FOUND);
    }

    static void assertFailure(Reply r, int status, String message) {
        assertEquals(status, r.status(), r::toString);
        JsonObject json = r.json();
        assertFalse(json.getBoolean("success"), r::toString);
        assertEquals(message, json.getString("message", null), r::toString);
    }

    static void assertFailureWithSomeMessage(Reply r, int status) {
        assertEquals(status, r.status(), r::toString);
        JsonObject json = r.json();
        assertFalse(json.getBoolean("success"), r::toString);
        assertFalse(json.getString("message", "").isBlank(), r::toString);
    }

    static void assertMissing(Reply r, String... fields) {
        assertEquals(400, r.status(), r::toString);
        JsonObject json = r.json();
        assertFalse(json.getBoolean("success"), r::toString);
        String message = json.getString("message", "");
        String prefix = "Missing required fields:";
        assertTrue(message.startsWith(prefix), r::toString);
        List<String> named = Arrays.stream(message.substring(prefix.length()).split(",")).map(String::strip).toList();
        assertEquals(List.of(fields), named, r::toString);
    }

    static void assertJsonContentType(Reply r) {
        String type = r.contentType();
        assertNotNull(type, r::toString);
        assertTrue(type.toLowerCase(Locale.ROOT).startsWith("application/json"), type);
    }

    static void assertAllowsOrigin(Reply r, String origin) {
        String allowed = r.header("Access-Control-Allow-Origin");
        assertTrue(origin.equals(allowed) || "*".equals(allowed),
                () -> "Access-Control-Allow-Origin " + allowed + " for " + origin + ": " + r.status() + " " + r.headers());
    }

    static void assertIsoNear(String value, Instant before, Instant after) {
        assertNotNull(value);
        assertTrue(ISO_MILLIS_UTC.matcher(value).matches(), () -> "not ISO-8601 UTC with millis: " + value);
        Instant t = Instant.parse(value);
        Duration slack = Duration.ofSeconds(5);
        assertTrue(!t.isBefore(before.minus(slack)) && !t.isAfter(after.plus(slack)),
                () -> value + " not within " + before + " .. " + after);
    }

    static Set<String> tokens(String list) {
        return Arrays.stream(list.split(",")).map(s -> s.strip().toUpperCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toSet());
    }

    static String seedTime(Instant instant) {
        return SEED_TIME.format(instant);
    }

    static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        }
    }
}
