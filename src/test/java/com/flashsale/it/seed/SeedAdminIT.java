package com.flashsale.it.seed;

import static com.flashsale.it.seed.SeedApi.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/admin/flash-sales}: the seed shape, the live status, the purchase count; and every
 * admin path refusing anyone who is not the admin.
 * The seed contract ({@code /work/shared/SEED_API.md}) on its original paths; every test starts from
 * {@code POST /api/admin/reset-all}.
 */
class SeedAdminIT {

    @BeforeEach
    void resetAll() {
        SeedApi.resetAll();
    }

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
}
