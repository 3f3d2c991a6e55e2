package com.flashsale.it.seed;

import static com.flashsale.it.seed.SeedApi.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/flash-sale/status}: the seed shape and the live status (upcoming, active, sold_out,
 * ended, time winning over stock once the window closes), and 404 without a sale.
 * The seed contract ({@code /work/shared/SEED_API.md}) on its original paths; every test starts from
 * {@code POST /api/admin/reset-all}.
 */
class SeedStatusIT {

    @BeforeEach
    void resetAll() {
        SeedApi.resetAll();
    }

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
}
