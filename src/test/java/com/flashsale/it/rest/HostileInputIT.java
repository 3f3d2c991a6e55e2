package com.flashsale.it.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A corpus of hostile requests across every endpoint: malformed and truncated JSON, wrong types,
 * nulls, huge numbers and strings, control characters, MongoDB operator objects, odd path
 * parameters, wrong content types and methods, dates in wrong formats. Each must get a 4xx with
 * a problem+json body (the seed envelope on the seed paths) and change nothing.
 */
class HostileInputIT {

    private static final Instant START = Instant.now().minusSeconds(60);
    private static final Instant END = Instant.now().plus(Duration.ofHours(2));
    private static final java.util.regex.Pattern ENCODED_CONTROL_CHARACTER =
            java.util.regex.Pattern.compile("%[01][0-9a-fA-F]");
    private static String saleId;
    private static JsonObject auditBefore;
    private static int salesBefore;

    /** One hostile request and where it is sent. */
    private record Attack(String name, String method, String path, String contentType, String body, boolean admin) {
    }

    @BeforeAll
    static void referenceSale() {
        saleId = Api.createSale("Reference", 10, START, END);
        assertEquals(201, Api.post("/api/v1/sales/" + saleId + "/purchases", Api.purchaseJson("reference-buyer")).status());
        auditBefore = audit();
        salesBefore = Api.get("/api/v1/sales").jsonArray().size();
    }

    @AfterAll
    static void nothingChanged() {
        JsonObject after = audit();
        assertEquals(auditBefore.getInt("stockRemaining"), after.getInt("stockRemaining"), "stock unchanged");
        assertEquals(auditBefore.getInt("unitsSold"), after.getInt("unitsSold"), "buyers unchanged");
        assertEquals(auditBefore.getInt("recordedPurchases"), after.getInt("recordedPurchases"), "records unchanged");
        assertEquals(salesBefore, Api.get("/api/v1/sales").jsonArray().size(), "no sale created");
        assertEquals("Reference", Api.get("/api/v1/sales/" + saleId).json().getString("productName"));
    }

    private static JsonObject audit() {
        return Api.getAsAdmin("/api/v1/admin/sales/" + saleId + "/audit").json();
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestGetsA4xxWithAStructuredBody() {
        List<Attack> attacks = corpus();
        assertTrue(attacks.size() >= 300, "corpus has " + attacks.size() + " requests");
        return attacks.stream().map(a -> DynamicTest.dynamicTest(a.name(), () -> check(a)));
    }

    private static void check(Attack a) {
        HttpRequest.Builder request = Api.request(a.path());
        if (a.contentType() != null) {
            request.header("Content-Type", a.contentType());
        }
        if (a.admin()) {
            Api.asAdmin(request);
        }
        request.method(a.method(), a.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(a.body(), StandardCharsets.UTF_8));
        Reply r = Api.send(request);
        assertTrue(r.status() >= 400 && r.status() < 500, () -> a.name() + " → " + r);
        assertFalse(r.body().contains("Exception") || r.body().contains("com.flashsale") || r.body().contains("\tat "),
                () -> a.name() + " leaks internals: " + r.body());
        if (ENCODED_CONTROL_CHARACTER.matcher(a.path()).find()) {
            return; // Liberty's HTTP layer refuses such URIs (CWWWC0005I) before any application code runs
        }
        boolean seed = a.path().startsWith("/api/flash-sale") || a.path().startsWith("/api/admin");
        if (seed) {
            assertTrue(r.contentType() != null && r.contentType().startsWith("application/json"), () -> a.name() + " → " + r);
            assertFalse(r.json().getBoolean("success"), a.name());
            assertTrue(r.json().containsKey("message"), a.name());
        } else {
            assertEquals("application/problem+json", r.contentType(), () -> a.name() + " → " + r);
            assertEquals(r.status(), r.json().getInt("status"), a.name());
        }
    }

    private static List<Attack> corpus() {
        List<Attack> attacks = new ArrayList<>();
        String purchases = "/api/v1/sales/" + saleId + "/purchases";
        for (String body : badPurchaseBodies()) {
            attacks.add(new Attack("v1 purchase " + abbreviate(body), "POST", purchases, "application/json", body, false));
            attacks.add(new Attack("seed purchase " + abbreviate(body), "POST", "/api/flash-sale/purchase", "application/json", body, false));
        }
        for (String body : badSaleBodies()) {
            attacks.add(new Attack("v1 create " + abbreviate(body), "POST", "/api/v1/sales", "application/json", body, true));
            attacks.add(new Attack("v1 edit " + abbreviate(body), "PUT", "/api/v1/sales/" + saleId, "application/json", body, true));
            attacks.add(new Attack("seed create " + abbreviate(body), "POST", "/api/flash-sale/create", "application/json", body, true));
        }
        for (String id : badPathSegments()) {
            attacks.add(new Attack("v1 sale id " + id, "GET", "/api/v1/sales/" + id, null, null, false));
            attacks.add(new Attack("v1 buy on id " + id, "POST", "/api/v1/sales/" + id + "/purchases", "application/json",
                    Api.purchaseJson("someone@example.com"), false));
            attacks.add(new Attack("v1 receipt of " + id, "GET", purchases + "/" + id, null, null, false));
            attacks.add(new Attack("v1 history of " + id, "GET", "/api/v1/shoppers/" + id + "/purchases", null, null, false));
            attacks.add(new Attack("seed check " + id, "GET", "/api/flash-sale/check-purchase/" + id, null, null, false));
        }
        for (String id : List.of("000000000000000000000000x", "ZZZZZZZZZZZZZZZZZZZZZZZZ", "0", "-1", "null", "undefined")) {
            attacks.add(new Attack("v1 sale id " + id, "GET", "/api/v1/sales/" + id, null, null, false));
            attacks.add(new Attack("v1 buy on id " + id, "POST", "/api/v1/sales/" + id + "/purchases", "application/json",
                    Api.purchaseJson("someone@example.com"), false));
            attacks.add(new Attack("v1 audit of id " + id, "GET", "/api/v1/admin/sales/" + id + "/audit", null, null, true));
        }
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            attacks.add(new Attack("v1 purchase as " + type, "POST", purchases, type, "userIdentifier=abc", false));
            attacks.add(new Attack("v1 create as " + type, "POST", "/api/v1/sales", type, "productName=abc", true));
        }
        for (String method : List.of("PATCH", "PUT", "DELETE")) {
            attacks.add(new Attack("v1 " + method + " on purchases", method, purchases, "application/json", "{}", false));
        }
        attacks.add(new Attack("v1 PATCH on sales", "PATCH", "/api/v1/sales", "application/json", "{}", true));
        attacks.add(new Attack("seed GET on purchase", "GET", "/api/flash-sale/purchase", null, null, false));
        attacks.add(new Attack("seed PUT on create", "PUT", "/api/flash-sale/create", "application/json", "{}", true));
        attacks.add(new Attack("v1 page -1", "GET", purchases + "?page=-1", null, null, true));
        attacks.add(new Attack("v1 size 0", "GET", purchases + "?size=0", null, null, true));
        attacks.add(new Attack("v1 size 100000", "GET", purchases + "?size=100000", null, null, true));
        return attacks;
    }

    private static List<String> badPurchaseBodies() {
        List<String> bodies = new ArrayList<>(List.of(
                "", "{", "}", "[", "[]", "null", "true", "42", "\"abc\"", "{\"userIdentifier\"", "{\"userIdentifier\":",
                "{\"userIdentifier\":\"abc\"", "{userIdentifier:\"abc\"}", "{'userIdentifier':'abc'}",
                "{\"userIdentifier\":null}", "{\"userIdentifier\":123}", "{\"userIdentifier\":12.5}",
                "{\"userIdentifier\":true}", "{\"userIdentifier\":[\"abc\"]}", "{\"userIdentifier\":{}}",
                "{\"userIdentifier\":{\"$ne\":null}}", "{\"userIdentifier\":{\"$gt\":\"\"}}",
                "{\"userIdentifier\":{\"$regex\":\".*\"}}", "{\"userIdentifier\":{\"$where\":\"sleep(1000)\"}}",
                "{\"userIdentifier\":\"\"}", "{\"userIdentifier\":\"   \"}", "{\"userIdentifier\":\"ab\"}",
                "{\"userIdentifier\":\"a b c\"}", "{\"userIdentifier\":\"abc\\u0000\"}", "{\"userIdentifier\":\"abc\\n\"}x",
                "{\"userIdentifier\":\"ab\\u0007c\"}", "{\"userIdentifier\":\"ünïcødé\"}", "{\"userIdentifier\":\"用户名字\"}",
                "{\"userIdentifier\":\"emoji😀😀\"}", "{\"userIdentifier\":\"<script>alert(1)</script>\"}",
                "{\"userIdentifier\":\"'; DROP TABLE purchases; --\"}", "{\"userIdentifier\":\"$ne\"}",
                "{\"userIdentifier\":\"../../etc/passwd\"}", "{\"userIdentifier\":\"a/b/c\"}", "{\"userIdentifier\":\"a%20b\"}",
                "{\"userIdentifier\":\"" + "x".repeat(255) + "\"}", "{\"userIdentifier\":\"" + "y".repeat(100_000) + "\"}",
                "{\"userId\":\"abcdef\"}", "{\"user\":\"abcdef\"}", "{\"USERIDENTIFIER\":\"abcdef\"}",
                "{\"userIdentifier\":\"abc\",}", "{\"userIdentifier\":\"\\uD800\"}", "{\"userIdentifier\":\"\\x41bc\"}",
                "\u0000\u0001\u0002", "{\"userIdentifier\":\"abc\"}{\"userIdentifier\":\"def\"}"));
        bodies.add("[" + "[".repeat(5_000) + "]".repeat(5_000) + "]");
        bodies.add("{\"a\":" + "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_001));
        return bodies;
    }

    private static List<String> badSaleBodies() {
        String s = START.toString();
        String e = END.toString();
        return List.of(
                "", "{", "[]", "null", "\"sale\"", "{\"productName\":", "{productName:1}",
                sale("null", "10", s, e), sale("\"\"", "10", s, e), sale("\"   \"", "10", s, e), sale("123", "10", s, e),
                sale("{\"$ne\":null}", "10", s, e), sale("[\"a\"]", "10", s, e), sale("\"" + "n".repeat(201) + "\"", "10", s, e),
                sale("\"" + "n".repeat(300_000) + "\"", "10", s, e), sale("\"bad\\u0000name\"", "10", s, e),
                sale("\"tab\\tname\\u001b[31m\"", "10", s, e),
                sale("\"ok\"", "0", s, e), sale("\"ok\"", "-1", s, e), sale("\"ok\"", "1.5", s, e), sale("\"ok\"", "\"100\"", s, e),
                sale("\"ok\"", "null", s, e), sale("\"ok\"", "true", s, e), sale("\"ok\"", "1000001", s, e),
                sale("\"ok\"", "99999999999999999999999", s, e), sale("\"ok\"", "1e400", s, e), sale("\"ok\"", "{\"$gt\":0}", s, e),
                sale("\"ok\"", "[10]", s, e), sale("\"ok\"", "-0", s, e),
                sale("\"ok\"", "10", e, s), sale("\"ok\"", "10", s, s),
                saleRaw("\"ok\"", "10", "\"2026-13-45T99:99:99Z\"", q(e)), saleRaw("\"ok\"", "10", "\"yesterday\"", q(e)),
                saleRaw("\"ok\"", "10", "\"14/02/2026\"", q(e)), saleRaw("\"ok\"", "10", "\"02/14/2026 10:00\"", q(e)),
                saleRaw("\"ok\"", "10", "\"2026-02-14 10:00:00\"", q(e)), saleRaw("\"ok\"", "10", "1739527200000", q(e)),
                saleRaw("\"ok\"", "10", "\"\"", q(e)), saleRaw("\"ok\"", "10", "null", q(e)), saleRaw("\"ok\"", "10", "{\"$date\":1}", q(e)),
                saleRaw("\"ok\"", "10", q(s), "\"not a date\""), saleRaw("\"ok\"", "10", q(s), "\"2026-02-14T25:00:00Z\""),
                saleRaw("\"ok\"", "10", q(s), "\"2026-02-30T00:00:00Z\""), saleRaw("\"ok\"", "10", q(s), "true"),
                "{\"productName\":\"ok\",\"totalStock\":10}", "{\"totalStock\":10,\"startTime\":\"" + s + "\",\"endTime\":\"" + e + "\"}");
    }

    private static List<String> badPathSegments() {
        return List.of("..", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%00", "%0d%0aSet-Cookie:x=1", "%7B%22%24ne%22%3Anull%7D",
                "%24ne", "abc%20def", "%E2%80%AE", "%F0%9F%98%80%F0%9F%98%80", "x".repeat(300), "%25", "a;b=c", "'%20OR%201=1",
                "%3Cscript%3E", "%C0%AE%C0%AE", "ab", "%2F", "%5C..%5C", "a%09b");
    }

    private static String sale(String name, String stock, String start, String end) {
        return saleRaw(name, stock, q(start), q(end));
    }

    private static String saleRaw(String name, String stock, String start, String end) {
        return "{\"productName\":" + name + ",\"totalStock\":" + stock + ",\"startTime\":" + start + ",\"endTime\":" + end + "}";
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 60 ? oneLine.substring(0, 60) + "…(" + body.length() + ")" : oneLine;
    }
}
