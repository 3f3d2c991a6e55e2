package com.flashsale.it.ops;

import static com.flashsale.it.harness.Api.createSale;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import com.flashsale.it.harness.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Health: ready with both stores; unready (but alive, and answering 503 fast) without Redis. */
class HealthIT {

    @Test
    void readyAndAliveWithBothStores() {
        Reply ready = Api.get("/health/ready");
        assertEquals(200, ready.status(), ready.toString());
        assertTrue(ready.body().contains("\"redis\"") && ready.body().contains("\"mongodb\""), ready.body());
        assertEquals(200, Api.get("/health/live").status());
    }

    @Test
    void redisUnreachableMakesTheServiceUnreadyAndPurchasesAnswer503WithRetryAfter() {
        Optional<Long> pid = Stores.embeddedRedisPid();
        assumeTrue(pid.isPresent(), "needs the embedded Redis to freeze it");
        String sale = createSale("Health", 5, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)));
        Stores.signal(pid.get(), "STOP");
        try {
            long started = System.nanoTime();
            Reply purchase = Api.post("/api/v1/sales/" + sale + "/purchases", Api.purchaseJson("frozen-shopper"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(503, purchase.status(), purchase.toString());
            assertNotNull(purchase.header("Retry-After"));
            assertEquals("application/problem+json", purchase.contentType());
            assertTrue(millis < 5_000, "answered in " + millis + " ms");

            assertEquals(503, Api.get("/health/ready").status());
            assertEquals(200, Api.get("/health/live").status());
        } finally {
            Stores.signal(pid.get(), "CONT");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (Api.get("/health/ready").status() != 200 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(200, Api.get("/health/ready").status());
        assertEquals(201, Api.post("/api/v1/sales/" + sale + "/purchases", Api.purchaseJson("thawed-shopper")).status());
    }
}
