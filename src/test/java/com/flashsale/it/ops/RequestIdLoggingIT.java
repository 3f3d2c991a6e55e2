package com.flashsale.it.ops;

import static com.flashsale.it.harness.Api.createSale;
import static com.flashsale.it.harness.Api.purchaseJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import com.flashsale.it.harness.Stores;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * A purchase's log lines carry its request id. The test server writes messages.log in JSON (as
 * production logs would be shipped); a purchase that has to rebuild its sale's Redis state logs
 * that on the request's thread, and that line must name the request.
 */
class RequestIdLoggingIT {

    private static final Path MESSAGES = Path.of(System.getProperty("flashsale.it.serverLogs",
            "target/liberty/wlp/usr/servers/defaultServer/logs"), "messages.log");

    @Test
    void theCallersRequestIdIsEchoedAndOnTheLogLinesOfItsPurchase() throws Exception {
        String sale = createSale("Logged", 5, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)));
        try (UnifiedJedis redis = Stores.redis()) {
            redis.del("{sale:" + sale + "}:meta", "{sale:" + sale + "}:stock", "{sale:" + sale + "}:buyers");
        }
        String requestId = "it-" + UUID.randomUUID();

        Reply bought = Api.send(Api.request("/api/v1/sales/" + sale + "/purchases")
                .header("Content-Type", "application/json").header("X-Request-Id", requestId)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(purchaseJson("logged-" + sale))));

        assertEquals(201, bought.status(), bought.toString());
        assertEquals(requestId, bought.header("X-Request-Id"));
        JsonObject line = awaitLogLine(requestId);
        assertTrue(line.getString("message").contains(sale), line.toString());
        assertEquals("com.flashsale.purchase.Reconciler", line.getString("module"), line.toString());
    }

    @Test
    void aRequestWithoutAnIdGetsOne() {
        Reply status = Api.get("/api/v1/sales");
        assertTrue(status.header("X-Request-Id").matches("[0-9a-f]{32}"), status.headers().toString());
    }

    private static JsonObject awaitLogLine(String requestId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(MESSAGES)) {
                List<String> lines = Files.readAllLines(MESSAGES, StandardCharsets.UTF_8);
                for (String text : lines) {
                    if (text.startsWith("{") && text.contains(requestId)) {
                        JsonObject line = Json.createReader(new StringReader(text)).readObject();
                        if (requestId.equals(line.getString("ext_requestId", null))) {
                            return line;
                        }
                    }
                }
            }
            Thread.sleep(200);
        }
        fail("No JSON line with ext_requestId=" + requestId + " in " + MESSAGES);
        return null;
    }
}
