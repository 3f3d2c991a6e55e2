package com.flashsale.it.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import com.flashsale.it.harness.Stores;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bson.types.ObjectId;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;

/**
 * Real rate limits over HTTP against the real Redis. The shared test server runs with limits no
 * test reaches (every test sends from 127.0.0.1), so this test deploys the built WAR a second time
 * with tight limits in its own configuration (a higher-ordinal config source inside the test
 * archive, nothing in the production code) and talks to that copy, which shares the server's Redis
 * and MongoDB.
 */
@ExtendWith(ArquillianExtension.class)
class RateLimitIT {

    private static final int IP_CAPACITY = 40;
    private static final int SHOPPER_CAPACITY = 3;
    /** An hour: nothing refills while the test runs, so the counts below are exact. */
    private static final int PERIOD_SECONDS = 3600;
    private static final String IP_BUCKETS = "flashsale:ratelimit:ip:" + IP_CAPACITY + "per" + PERIOD_SECONDS + "s:*";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "ratelimit-config.jar")
                .addAsManifestResource(new StringAsset(String.join("\n",
                        "config_ordinal=600",
                        "flashsale.redis.url=" + Stores.REDIS_URL,
                        "flashsale.mongo.uri=" + System.getProperty("flashsale.it.mongoUri", "mongodb://127.0.0.1:27018"),
                        "flashsale.embedded.enabled=false",
                        "flashsale.reconcile.on-startup=false",
                        "flashsale.ratelimit.enabled=true",
                        "flashsale.ratelimit.ip.capacity=" + IP_CAPACITY,
                        "flashsale.ratelimit.ip.period-seconds=" + PERIOD_SECONDS,
                        "flashsale.ratelimit.shopper.capacity=" + SHOPPER_CAPACITY,
                        "flashsale.ratelimit.shopper.period-seconds=" + PERIOD_SECONDS)), "microprofile-config.properties");
        return ShrinkWrap.create(ZipImporter.class, "flashsale-ratelimit.war")
                .importFrom(new File("target/flash-sale.war")).as(WebArchive.class)
                .addAsLibrary(config);
    }

    /**
     * Each test starts with a full bucket across sales for 127.0.0.1 (it persists in the development
     * Redis); the buckets per sale are new with every sale a test creates.
     */
    @BeforeEach
    void fullAddressBucket() {
        try (UnifiedJedis redis = Stores.redis()) {
            for (String key : redis.scan(ScanParams.SCAN_POINTER_START, new ScanParams().match(IP_BUCKETS).count(1000))
                    .getResult()) {
                redis.del(key);
            }
        }
    }

    @Test
    void aShopperSpinningBeforeTheStartIsRefusedWith429AndTheRefusedAttemptBuysNothing() throws Exception {
        Instant start = Instant.now().plusSeconds(3);
        String sale = Api.createSale("Limited shopper", 10, start, start.plus(Duration.ofHours(1)));
        String shopper = "spinner-" + UUID.randomUUID();
        for (int i = 0; i < SHOPPER_CAPACITY; i++) {
            Reply early = buy(sale, shopper);
            assertEquals(409, early.status(), early::toString);
            assertEquals("/problems/sale-not-started", early.json().getString("type"));
        }
        awaitStarted(sale);
        JsonObject before = audit(sale);
        double refusedBefore = shopperRejections();

        Reply limited = buy(sale, shopper);

        assertRateLimited(limited, "shopper in this sale");
        assertTrue(Long.parseLong(limited.header("Retry-After")) > PERIOD_SECONDS / SHOPPER_CAPACITY - 60,
                limited::toString);
        assertUnchanged(sale, before);
        assertEquals(404, Api.get("/api/v1/sales/" + sale + "/purchases/" + shopper).status(), "no receipt");
        assertEquals(201, buy(sale, "other-" + UUID.randomUUID()).status(), "another shopper still buys");
        assertEquals(refusedBefore + 1, shopperRejections(), "flashsale_ratelimit_rejections_total{kind=shopper}");
    }

    /** The rejection counter of the shopper limit, summed over the deployments of the server. */
    private static double shopperRejections() {
        return Api.get("/metrics?scope=application").body().lines()
                .filter(line -> line.startsWith("flashsale_ratelimit_rejections_total{kind=\"shopper\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void anAddressOverItsLimitInASaleIsRefusedWith429OnTheApiAndTheSeedPathAndBuysNothing() {
        String other = Api.createSale("Another sale", 10, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)));
        String sale = Api.createSale("Limited address", 100, Instant.now().minusSeconds(5),
                Instant.now().plus(Duration.ofHours(1))); // the newest: the seed path's sale
        for (int i = 0; i < IP_CAPACITY; i++) {
            assertEquals(201, buy(sale, "crowd-" + i + "-" + UUID.randomUUID()).status());
        }
        JsonObject before = audit(sale);

        Reply limited = buy(sale, "late-" + UUID.randomUUID());
        Reply seed = send(post("/api/flash-sale/purchase", Api.purchaseJson("late-seed-" + UUID.randomUUID())));

        assertRateLimited(limited, "your network");
        assertEquals(429, seed.status(), seed::toString);
        assertTrue(seed.contentType().startsWith("application/json"), seed::toString);
        assertFalse(seed.json().getBoolean("success"));
        assertTrue(seed.json().getString("message").startsWith("Too many purchase attempts"), seed::toString);
        assertTrue(Long.parseLong(seed.header("Retry-After")) >= 1, seed::toString);
        assertUnchanged(sale, before);
        assertEquals(201, buy(other, "elsewhere-" + UUID.randomUUID()).status(),
                "the address budget is per sale (taken in the sale's own decision)");
    }

    @Test
    void attemptsOnSalesThatDoNotExistSpendTheAddressBudgetAcrossSales() {
        for (int i = 0; i < IP_CAPACITY; i++) {
            Reply unknown = buy(new ObjectId().toHexString(), "prober-" + i);
            assertEquals(404, unknown.status(), unknown::toString);
        }

        assertRateLimited(buy(new ObjectId().toHexString(), "prober-last"), "your network");
    }

    @Test
    void theShopsBuyFormSaysWhenToTryAgain() throws Exception {
        String sale = Api.createSale("Limited form", 10, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)));
        String shopper = "former-" + UUID.randomUUID();
        for (int i = 0; i < SHOPPER_CAPACITY; i++) {
            assertTrue(buy(sale, shopper).status() < 429);
        }
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
        String page = browser.send(HttpRequest.newBuilder(uri("/sale.xhtml?id=" + sale)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String form = "buy_SUBMIT=1&buy%3Aidentifier=" + shopper + "&buy%3Asubmit=Buy&jakarta.faces.ViewState="
                + URLEncoder.encode(viewState(page), StandardCharsets.UTF_8);
        JsonObject before = audit(sale);

        HttpResponse<String> after = browser.send(HttpRequest.newBuilder(uri("/sale.xhtml?id=" + sale))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        Matcher message = Pattern
                .compile("Too many attempts\\. Please try again in (\\d+) s\\.").matcher(after.body());
        assertTrue(message.find(), after.body());
        assertTrue(Long.parseLong(message.group(1)) >= 1);
        assertUnchanged(sale, before);
    }

    private static String viewState(String page) {
        Matcher m = Pattern
                .compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertTrue(m.find(), "no view state in the sale page");
        return m.group(1).replace("&#58;", ":").replace("&amp;", "&");
    }

    private URI uri(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }

    @Test
    void parallelAttemptsOfOneShopperPassExactlyTheCapacity() {
        String sale = Api.createSale("Racing shopper", 10, Instant.now().minusSeconds(5),
                Instant.now().plus(Duration.ofHours(1)));
        String shopper = "racer-" + UUID.randomUUID();

        Map<Integer, Long> statuses = race(sale, 24, i -> shopper);

        assertEquals(24 - SHOPPER_CAPACITY, statuses.getOrDefault(429, 0L), statuses::toString);
        assertEquals(1L, statuses.getOrDefault(201, 0L), statuses::toString);
        assertEquals(SHOPPER_CAPACITY - 1L, statuses.getOrDefault(409, 0L), statuses::toString);
        assertEquals(1, audit(sale).getInt("unitsSold"));
    }

    @Test
    void parallelAttemptsFromOneAddressPassExactlyTheCapacity() {
        String sale = Api.createSale("Racing crowd", 1_000, Instant.now().minusSeconds(5),
                Instant.now().plus(Duration.ofHours(1)));

        Map<Integer, Long> statuses = race(sale, 64, i -> "crowd-" + i + "-" + UUID.randomUUID());

        assertEquals(64 - IP_CAPACITY, statuses.getOrDefault(429, 0L), statuses::toString);
        assertEquals(IP_CAPACITY, statuses.getOrDefault(201, 0L) + statuses.getOrDefault(409, 0L), statuses::toString);
    }

    /** {@code n} purchases released together over {@code n} connections; their statuses counted. */
    private Map<Integer, Long> race(String sale, int n, Function<Integer, String> shopperOf) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                HttpRequest request = post("/api/v1/sales/" + sale + "/purchases", Api.purchaseJson(shopperOf.apply(i))).build();
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        return -1;
                    }
                }, pool));
            }
            go.countDown();
            return answers.stream().map(CompletableFuture::join)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertRateLimited(Reply r, String reason) {
        assertEquals(429, r.status(), r::toString);
        assertEquals("application/problem+json", r.contentType(), r::toString);
        JsonObject problem = r.json();
        assertEquals("/problems/rate-limited", problem.getString("type"));
        assertEquals("Too many requests", problem.getString("title"));
        assertEquals(429, problem.getInt("status"));
        long retryAfter = Long.parseLong(r.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= PERIOD_SECONDS, r::toString);
        assertTrue(problem.getString("detail").contains(reason), r::toString);
        assertTrue(problem.getString("detail").endsWith("try again in " + retryAfter + " s."), r::toString);
    }

    private static void assertUnchanged(String sale, JsonObject before) {
        JsonObject after = audit(sale);
        assertEquals(before.getInt("stockRemaining"), after.getInt("stockRemaining"), "stock unchanged");
        assertEquals(before.getInt("unitsSold"), after.getInt("unitsSold"), "buyers unchanged");
        assertEquals(before.getInt("recordedPurchases"), after.getInt("recordedPurchases"), "records unchanged");
    }

    private static void awaitStarted(String sale) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"active".equals(Api.get("/api/v1/sales/" + sale).json().getString("status"))) {
            assertTrue(System.nanoTime() < deadline, "the sale did not start");
            Thread.sleep(200);
        }
    }

    private static JsonObject audit(String sale) {
        return Api.getAsAdmin("/api/v1/admin/sales/" + sale + "/audit").json();
    }

    private Reply buy(String sale, String shopper) {
        return send(post("/api/v1/sales/" + sale + "/purchases", Api.purchaseJson(shopper)));
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    private static Reply send(HttpRequest.Builder request) {
        return Api.send(request);
    }
}
