package com.flashsale.it.faults;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * HTTP to the suite's server. Every request carries a client timeout (the suite's
 * {@code clientTimeout}); an answer that does not come in time is reported as such, never waited for.
 */
final class ShopClient {

    private final String baseUrl;
    private final String adminAuthorization;
    private final Duration timeout;
    private final HttpClient http;

    ShopClient(String baseUrl, String adminPassword, Duration timeout) {
        this.baseUrl = baseUrl;
        this.adminAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** One answer, or the kind of failure when there was none. */
    record Answer(int status, String body, String retryAfter, long nanos, String failure) {

        boolean timedOut() {
            return "client-timeout".equals(failure);
        }

        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        String problemType() {
            return status >= 400 && body != null && body.contains("\"type\"") ? json().getString("type", "") : "";
        }
    }

    /** Creates a sale that is already open, as admin; returns its id. */
    String createOpenSale(String name, int stock, Duration open) {
        String json = Json.createObjectBuilder().add("productName", name).add("totalStock", stock)
                .add("startTime", Instant.now().minusSeconds(5).toString())
                .add("endTime", Instant.now().plus(open).toString()).build().toString();
        Answer a = send(request("/api/v1/sales").header("Authorization", adminAuthorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
        if (a.status() != 201) {
            throw new IllegalStateException("Could not create the sale: " + a);
        }
        return a.json().getString("id");
    }

    Answer purchase(String saleId, String shopper, String idempotencyKey) {
        HttpRequest.Builder b = request("/api/v1/sales/" + saleId + "/purchases")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        Json.createObjectBuilder().add("userIdentifier", shopper).build().toString()));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b);
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer getAsAdmin(String path) {
        return send(request(path).header("Authorization", adminAuthorization).GET());
    }

    Answer postAsAdmin(String path) {
        return send(request(path).header("Authorization", adminAuthorization)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
    }

    private Answer send(HttpRequest.Builder builder) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null),
                    System.nanoTime() - started, null);
        } catch (HttpTimeoutException e) {
            return new Answer(-1, null, null, System.nanoTime() - started, "client-timeout");
        } catch (IOException e) {
            // connection refused or reset: the server is down or was killed mid-request
            return new Answer(-1, null, null, System.nanoTime() - started, "io: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
