package com.flashsale.it.seed;

import static com.flashsale.it.seed.SeedApi.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CORS on the seed paths: preflights for shop and admin paths, and {@code Access-Control-Allow-Origin}
 * on simple, POST and error answers.
 * The seed contract ({@code /work/shared/SEED_API.md}) on its original paths; every test starts from
 * {@code POST /api/admin/reset-all}.
 */
class SeedCorsIT {

    @BeforeEach
    void resetAll() {
        SeedApi.resetAll();
    }

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
}
