package com.flashsale.it.seed;

import static com.flashsale.it.seed.SeedApi.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/flash-sale/create}: required fields, stock and time rules, one sale at a time, the seed
 * answer shape with UTC times in milliseconds, and the admin role.
 * The seed contract ({@code /work/shared/SEED_API.md}) on its original paths; every test starts from
 * {@code POST /api/admin/reset-all}.
 */
class SeedCreateIT {

    @BeforeEach
    void resetAll() {
        SeedApi.resetAll();
    }

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
}
