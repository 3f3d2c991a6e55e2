package com.flashsale.it.sale;

import static com.flashsale.it.harness.Api.createSale;
import static com.flashsale.it.harness.Api.get;
import static com.flashsale.it.harness.Api.post;
import static com.flashsale.it.harness.Api.postAsAdmin;
import static com.flashsale.it.harness.Api.purchaseJson;
import static com.flashsale.it.harness.Api.saleJson;
import static com.flashsale.it.harness.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The v1 sales API: creating (admin only, validated, problem+json), reading and editing a sale. */
class SaleApiIT {

    private static final Instant PAST = Instant.now().minus(Duration.ofMinutes(5));
    private static final Instant FUTURE = Instant.now().plus(Duration.ofHours(2));

    private static String activeSale(int stock) {
        return createSale("Active " + stock, stock, PAST, FUTURE);
    }

    @Test
    void createAnswers201WithLocationAndLiveStatus() {
        Reply r = postAsAdmin("/api/v1/sales", saleJson("  Headphones  ", 7, PAST, FUTURE));
        assertEquals(201, r.status(), r.toString());
        JsonObject sale = r.json();
        assertEquals(Api.BASE_URL + "/api/v1/sales/" + sale.getString("id"), r.header("Location"));
        assertEquals("Headphones", sale.getString("productName"));
        assertEquals(7, sale.getInt("totalStock"));
        assertEquals(7, sale.getInt("stockRemaining"));
        assertEquals("active", sale.getString("status"));
        assertNotNull(sale.getString("serverTime"));
    }

    @Test
    void createRequiresTheAdminRole() {
        Reply anonymous = post("/api/v1/sales", saleJson("X", 1, PAST, FUTURE));
        assertEquals(401, anonymous.status());
        Reply wrongPassword = Api.send(Api.request("/api/v1/sales").header("Authorization", Api.basic("admin", "nope"))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        saleJson("X", 1, PAST, FUTURE))));
        assertEquals(401, wrongPassword.status());
    }

    @Test
    void createRejectsInvalidFieldsWithProblemDetailsListingEveryViolation() {
        Reply r = postAsAdmin("/api/v1/sales",
                "{\"productName\":\"   \",\"totalStock\":0,\"startTime\":\"2026-01-02T00:00:00Z\",\"endTime\":\"2026-01-01T00:00:00Z\"}");
        assertEquals(400, r.status(), r.toString());
        assertEquals("application/problem+json", r.contentType());
        JsonObject problem = r.json();
        assertEquals("/problems/validation", problem.getString("type"));
        assertEquals(400, problem.getInt("status"));
        var fields = problem.getJsonArray("violations").getValuesAs(JsonObject.class).stream()
                .map(v -> v.getString("field")).toList();
        assertTrue(fields.containsAll(java.util.List.of("productName", "totalStock", "endTime")), fields.toString());
    }

    @Test
    void createRejectsStockAboveOneMillionAndMalformedJson() {
        assertEquals(400, postAsAdmin("/api/v1/sales", saleJson("X", 1_000_001, PAST, FUTURE)).status());
        Reply malformed = postAsAdmin("/api/v1/sales", "{\"productName\":");
        assertEquals(400, malformed.status(), malformed.toString());
        assertEquals("application/problem+json", malformed.contentType());
        assertFalse(malformed.body().contains("Exception"), malformed.body());
    }

    @Test
    void unknownSaleIsA404Problem() {
        Reply r = get("/api/v1/sales/000000000000000000000000");
        assertEquals(404, r.status());
        assertEquals("/problems/sale-not-found", r.json().getString("type"));
        assertEquals(404, get("/api/v1/sales/not-an-id").status());
        assertEquals(404, post("/api/v1/sales/000000000000000000000000/purchases", purchaseJson("someone")).status());
    }

    @Test
    void editIsAllowedOnlyBeforeTheStart() {
        String upcoming = createSale("Draft", 5, FUTURE, FUTURE.plusSeconds(60));
        Reply edited = Api.putAsAdmin("/api/v1/sales/" + upcoming, saleJson("Final", 9, FUTURE, FUTURE.plusSeconds(120)));
        assertEquals(200, edited.status(), edited.toString());
        assertEquals("Final", edited.json().getString("productName"));
        assertEquals(9, edited.json().getInt("stockRemaining"));

        String started = activeSale(5);
        assertProblem(409, "/problems/sale-already-started",
                Api.putAsAdmin("/api/v1/sales/" + started, saleJson("Late", 9, FUTURE, FUTURE.plusSeconds(60))));
        assertEquals(401, Api.send(Api.request("/api/v1/sales/" + upcoming).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(saleJson("X", 1, FUTURE, FUTURE.plusSeconds(5))))).status());
    }
}
