package com.flashsale.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import com.flashsale.it.harness.Stores;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Walks the whole admin surface as someone who is not the admin: every operation of the API
 * (read from the service's own OpenAPI document, so a new endpoint is walked without editing
 * this test) that is not on the short list of shopper operations, and every console page and
 * download, each anonymously, with wrong credentials and as a shopper (the shop's session and
 * identifier cookie). Every answer must be 401 (API) or a redirect to the login page (console),
 * and nothing may change.
 */
class AdminSurfaceIT {

    /** What shoppers may call; everything else in the OpenAPI document is admin-only. */
    private static final Set<String> SHOPPER_OPERATIONS = Set.of(
            "GET /api/v1/sales", "GET /api/v1/sales/{saleId}", "POST /api/v1/sales/{saleId}/purchases",
            "GET /api/v1/sales/{saleId}/purchases/{userIdentifier}", "GET /api/v1/shoppers/{userIdentifier}/purchases",
            "GET /api/v1/sales/events", "GET /api/v1/sales/{saleId}/events",
            "POST /api/v1/sales/{saleId}/queue", "GET /api/v1/sales/{saleId}/queue/{ticket}",
            "GET /api/v1/sales/{saleId}/queue/{ticket}/events",
            "GET /api/flash-sale/status", "POST /api/flash-sale/purchase",
            "GET /api/flash-sale/check-purchase/{userIdentifier}");

    private static String saleId;
    private static String shopSession;

    @BeforeAll
    static void aSaleAndAShopperSession() {
        saleId = Api.createSale("Guarded", 3, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)));
        Reply shop = Api.get("/sale.xhtml?id=" + saleId);
        assertEquals(200, shop.status(), shop.toString());
        shopSession = shop.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID"))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse("JSESSIONID=none");
    }

    private enum Visitor {
        ANONYMOUS, WRONG_PASSWORD, SHOPPER;

        HttpRequest.Builder dress(HttpRequest.Builder request) {
            return switch (this) {
                case ANONYMOUS -> request;
                case WRONG_PASSWORD -> request.header("Authorization", Api.basic("admin", "not-the-password"));
                case SHOPPER -> request.header("Cookie", shopSession + "; flashsale_shopper=alice@example.com")
                        .header("Authorization", Api.basic("alice@example.com", "alice"));
            };
        }
    }

    @TestFactory
    Stream<DynamicTest> everyAdminApiOperationAnswers401ToEveryoneButTheAdmin() {
        List<String[]> operations = adminOperations();
        assertTrue(operations.size() >= 11, "only " + operations.size() + " admin operations found in /openapi");
        String before = fingerprint();
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] op : operations) {
            for (Visitor visitor : Visitor.values()) {
                tests.add(DynamicTest.dynamicTest(visitor + " " + op[0] + " " + op[1], () -> {
                    String path = op[1].replace("{saleId}", saleId).replace("{userIdentifier}", "alice@example.com");
                    HttpRequest.Builder request = Api.request(path).header("Content-Type", "application/json")
                            .method(op[0], HttpRequest.BodyPublishers.ofString(body(op[0])));
                    Reply reply = Api.send(visitor.dress(request));
                    assertEquals(401, reply.status(), op[0] + " " + path + " as " + visitor + ": " + reply);
                }));
            }
        }
        tests.add(DynamicTest.dynamicTest("nothing changed", () -> assertEquals(before, fingerprint())));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyConsolePageSendsEveryoneButTheAdminToTheLoginPage() throws IOException {
        List<String> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/webapp/admin"))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".xhtml") && !n.equals("login.xhtml"))
                    .sorted().forEach(n -> pages.add("/admin/" + n + "?id=" + saleId));
        }
        pages.add("/admin/");
        pages.add("/admin/purchases.csv?id=" + saleId);
        List<DynamicTest> tests = new ArrayList<>();
        for (String page : pages) {
            for (Visitor visitor : Visitor.values()) {
                for (String method : List.of("GET", "POST")) {
                    tests.add(DynamicTest.dynamicTest(visitor + " " + method + " " + page, () -> {
                        Reply reply = Api.send(visitor.dress(Api.request(page)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .method(method, HttpRequest.BodyPublishers.ofString("confirm=RESET"))));
                        boolean toLogin = (reply.status() == 302 || reply.status() == 303)
                                && reply.header("Location") != null && reply.header("Location").contains("/admin/login.xhtml");
                        assertTrue(toLogin || reply.status() == 401 || reply.status() == 403,
                                method + " " + page + " as " + visitor + ": " + reply.status() + " " + reply.headers().map());
                        assertFalse(reply.body().contains("Sign out"), "console content served to " + visitor);
                    }));
                }
            }
        }
        return tests.stream();
    }

    private static String body(String method) {
        return switch (method) {
            case "POST", "PUT" -> Api.saleJson("Hijacked", 1, Instant.now().plusSeconds(60), Instant.now().plusSeconds(3600));
            default -> "";
        };
    }

    /** Every operation of the OpenAPI document that is not a shopper operation, as {method, path}. */
    private static List<String[]> adminOperations() {
        Reply doc = Api.get("/openapi?format=JSON");
        assertEquals(200, doc.status(), doc.toString());
        JsonObject paths = doc.json().getJsonObject("paths");
        List<String[]> operations = new ArrayList<>();
        for (Map.Entry<String, jakarta.json.JsonValue> path : paths.entrySet()) {
            String template = path.getKey().startsWith("/api/") ? path.getKey() : "/api" + path.getKey();
            for (String method : path.getValue().asJsonObject().keySet()) {
                String upper = method.toUpperCase(Locale.ROOT);
                if (Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(upper)
                        && !SHOPPER_OPERATIONS.contains(upper + " " + template)) {
                    operations.add(new String[] {upper, template});
                }
            }
        }
        return operations;
    }

    /**
     * Sales (as the admin sees them), the test sale's stock, buyers and fields, and the sales with
     * Redis state. Not the key count: the outbox persister creates a sale's stream on its own time.
     */
    private static String fingerprint() {
        Reply sales = Api.getAsAdmin("/api/v1/sales");
        try (UnifiedJedis redis = Stores.redis()) {
            return sales.jsonArray().size() + "/" + Api.get("/api/v1/sales/" + saleId).json().getInt("stockRemaining")
                    + "/" + redis.hlen("{sale:" + saleId + "}:buyers") + "/" + redis.hgetAll("{sale:" + saleId + "}:meta")
                    + "/" + redis.smembers("flashsale:sales").size();
        }
    }
}
