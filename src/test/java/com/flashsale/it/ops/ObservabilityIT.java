package com.flashsale.it.ops;

import static com.flashsale.it.harness.Api.createSale;
import static com.flashsale.it.harness.Api.purchaseJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import com.flashsale.it.harness.Stores;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * What an operator scrapes: purchase outcomes, the decision latency histogram, the outbox
 * backlog, reconciliation runs and store errors on /metrics; the outbox on /health/ready.
 */
class ObservabilityIT {

    private static String sale() {
        return createSale("Observed", 5, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)));
    }

    @Test
    void purchasesAndReconciliationsAreCountedAndTheDecisionHasAHistogram() {
        double boughtBefore = metric("flashsale_purchase_outcomes_total{", "outcome=\"bought\"");
        double rebuiltBefore = metric("flashsale_reconciliations_total{", "result=\"rebuilt\"");
        String sale = sale();
        try (UnifiedJedis redis = Stores.redis()) {
            redis.del("{sale:" + sale + "}:meta", "{sale:" + sale + "}:stock", "{sale:" + sale + "}:buyers");
        }

        assertEquals(201, Api.post("/api/v1/sales/" + sale + "/purchases", purchaseJson("observed-" + sale)).status());

        String metrics = scrape();
        assertEquals(boughtBefore + 1, metric(metrics, "flashsale_purchase_outcomes_total{", "outcome=\"bought\""));
        assertTrue(metric(metrics, "flashsale_reconciliations_total{", "result=\"rebuilt\"") >= rebuiltBefore + 1, metrics);
        assertTrue(metrics.contains("flashsale_purchase_decision_seconds_bucket{"), "no histogram buckets");
        assertTrue(metric(metrics, "flashsale_outbox_backlog", "") >= 0, "backlog gauge missing");
        assertTrue(metric(metrics, "flashsale_outbox_oldest_age_seconds", "") >= 0, "age gauge missing");
    }

    @Test
    void readinessReportsTheOutbox() {
        Reply ready = Api.get("/health/ready");
        JsonObject outbox = ready.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> "outbox".equals(c.getString("name"))).findFirst().orElseThrow(() -> new AssertionError(ready));
        assertEquals("UP", outbox.getString("status"));
        assertTrue(outbox.getJsonObject("data").containsKey("entries"), outbox.toString());
    }

    @Test
    void aFrozenRedisIsCountedAsAStoreError() {
        Optional<Long> pid = Stores.embeddedRedisPid();
        assumeTrue(pid.isPresent(), "needs the embedded Redis to freeze it");
        String sale = sale();
        double before = metric("flashsale_store_errors_total{", "store=\"redis\"");
        Stores.signal(pid.get(), "STOP");
        try {
            assertEquals(503, Api.post("/api/v1/sales/" + sale + "/purchases", purchaseJson("frozen-" + sale)).status());
        } finally {
            Stores.signal(pid.get(), "CONT");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (Api.get("/health/ready").status() != 200 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(metric("flashsale_store_errors_total{", "store=\"redis\"") >= before + 1);
    }

    private static String scrape() {
        Reply reply = Api.get("/metrics?scope=application");
        assertEquals(200, reply.status(), reply.toString());
        return reply.body();
    }

    private static double metric(String prefix, String tag) {
        return metric(scrape(), prefix, tag);
    }

    /** The sum of the samples whose line starts with {@code prefix} and contains {@code tag}. */
    private static double metric(String metrics, String prefix, String tag) {
        return metrics.lines().filter(l -> l.startsWith(prefix) && l.contains(tag))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
