package com.flashsale.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Liberty's own limits (server.xml httpOptions): a body over the request-size limit is refused
 * with 413 whether it declares its length or is chunked, and an event stream stays open past
 * every read, write and keep-alive timeout while it carries events.
 */
class LibertyLimitsIT {

    /** Twice the default flashsale.http.max.request.bytes (1 MiB). */
    private static final int OVERSIZE = 2 * 1024 * 1024;
    /** Longer than the defaults of flashsale.http.read.timeout, write.timeout and persist.timeout (20 s, 30 s, 30 s). */
    private static final Duration BEYOND_TIMEOUTS = Duration.ofSeconds(35);
    /** Held in a field: an HttpClient nobody references may be collected, closing its open streams. */
    private static final HttpClient STREAM_CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void anOversizeBodyWithItsLengthIsRefusedWith413BeforeTheApplicationReadsIt() {
        String sale = Api.createSale("Oversize", 5, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)));
        Reply r = Api.send(Api.request("/api/v1/sales/" + sale + "/purchases").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(hugeBody())));
        assertEquals(413, r.status(), r::toString);
        assertEquals(5, Api.get("/api/v1/sales/" + sale).json().getInt("stockRemaining"));
    }

    @Test
    void anOversizeChunkedBodyIsRefusedWith413AndAStructuredBody() {
        String sale = Api.createSale("Oversize chunked", 5, Instant.now().minusSeconds(5),
                Instant.now().plus(Duration.ofHours(1)));
        Reply v1 = Api.send(chunked("/api/v1/sales/" + sale + "/purchases"));
        assertEquals(413, v1.status(), v1::toString);
        assertEquals("application/problem+json", v1.contentType(), v1::toString);
        assertEquals("/problems/request-too-large", v1.json().getString("type"));
        assertEquals(413, v1.json().getInt("status"));

        Reply seed = Api.send(chunked("/api/flash-sale/purchase"));
        assertEquals(413, seed.status(), seed::toString);
        assertFalse(seed.json().getBoolean("success"), seed::toString);
        assertEquals(5, Api.get("/api/v1/sales/" + sale).json().getInt("stockRemaining"));
    }

    @Test
    void anEventStreamOutlivesEveryTimeoutAndStillCarriesChanges() throws Exception {
        String sale = Api.createSale("Long stream", 5, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)));
        HttpResponse<InputStream> stream = STREAM_CLIENT.send(HttpRequest.newBuilder(URI.create(Api.BASE_URL
                + "/api/v1/sales/" + sale + "/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        CompletableFuture<String> sawSale4 = CompletableFuture.supplyAsync(readUntilStock(stream.body(), 4));

        Thread.sleep(BEYOND_TIMEOUTS.toMillis()); // idle but for the heartbeat comments
        assertFalse(sawSale4.isDone(), () -> "the stream ended early: " + sawSale4.join());
        assertEquals(201, Api.post("/api/v1/sales/" + sale + "/purchases", Api.purchaseJson("late-watcher")).status());

        assertEquals("stock 4 seen", sawSale4.get(20, TimeUnit.SECONDS), "the change did not arrive on the stream");
        stream.body().close();
    }

    private static Supplier<String> readUntilStock(InputStream body, int wanted) {
        return () -> {
            long started = System.nanoTime();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.startsWith("data:") && line.matches(".*\"stockRemaining\":" + wanted + "[,}].*")) {
                        return "stock " + wanted + " seen";
                    }
                }
                return "closed by the server after " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s";
            } catch (java.io.IOException e) {
                return e + " after " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s";
            }
        };
    }

    private static String hugeBody() {
        return "{\"userIdentifier\":\"" + "x".repeat(OVERSIZE) + "\"}";
    }

    /** A body without Content-Length: the JDK client sends a publisher of unknown length chunked. */
    private static HttpRequest.Builder chunked(String path) {
        byte[] bytes = hugeBody().getBytes(StandardCharsets.UTF_8);
        return Api.request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                .fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(List.of(bytes))));
    }
}
