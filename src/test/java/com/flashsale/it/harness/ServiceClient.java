package com.flashsale.it.harness;

import jakarta.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one HTTP client of the integration tests: one server's base URL, the admin's Basic
 * credentials and a per-request timeout. Every call returns a {@link Reply}; a request that gets
 * no answer in time, or whose connection is refused or broken, is reported in the reply (never
 * thrown, never waited for), so a rush against a server that is being hurt keeps every outcome.
 */
public final class ServiceClient {

    private final String name;
    private final String baseUrl;
    private final Supplier<String> adminPassword;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param adminPassword read on each admin request (the default server generates it into a file at start)
     * @param timeout the per-request timeout; {@code connectTimeout} bounds opening a connection
     */
    public ServiceClient(String name, String baseUrl, Supplier<String> adminPassword, Duration timeout,
                         Duration connectTimeout) {
        this.name = Objects.requireNonNull(name);
        this.baseUrl = baseUrl.replaceAll("/$", "");
        this.adminPassword = adminPassword;
        this.timeout = timeout;
        // HTTP/1.1: one connection per concurrent request, as a crowd of browsers would open
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    public ServiceClient(String name, String baseUrl, String adminPassword, Duration timeout) {
        this(name, baseUrl, () -> adminPassword, timeout, min(timeout, Duration.ofSeconds(5)));
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    /** The underlying JDK client, for streams (Server-Sent Events) that a {@link Reply} cannot hold. */
    public HttpClient http() {
        return http;
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply getAsAdmin(String path) {
        return send(asAdmin(request(path)).GET());
    }

    public Reply get(String path, String accept, boolean admin) {
        HttpRequest.Builder b = request(path).header("Accept", accept).GET();
        return send(admin ? asAdmin(b) : b);
    }

    public Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(body(json)));
    }

    public Reply postAsAdmin(String path, String json) {
        return send(asAdmin(request(path).header("Content-Type", "application/json").POST(body(json))));
    }

    /** An admin POST without a body (resets, reconciliation). */
    public Reply postAsAdmin(String path) {
        return send(asAdmin(request(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Reply putAsAdmin(String path, String json) {
        return send(asAdmin(request(path).header("Content-Type", "application/json").PUT(body(json))));
    }

    public Reply deleteAsAdmin(String path) {
        return send(asAdmin(request(path).DELETE()));
    }

    /** {@code POST /api/v1/sales/{saleId}/purchases}, with an {@code Idempotency-Key} unless it is null. */
    public Reply purchase(String saleId, String shopper, String idempotencyKey) {
        HttpRequest.Builder b = request("/api/v1/sales/" + saleId + "/purchases")
                .header("Content-Type", "application/json").POST(body(purchaseJson(shopper)));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return send(b);
    }

    public Reply purchase(String saleId, String shopper) {
        return purchase(saleId, shopper, null);
    }

    /** Creates a sale through the v1 API as admin and returns its id. */
    public String createSale(String productName, int stock, Instant start, Instant end) {
        Reply r = postAsAdmin("/api/v1/sales", saleJson(productName, stock, start, end));
        if (r.status() != 201) {
            throw new IllegalStateException(name + " could not create a sale: " + r);
        }
        return r.json().getString("id");
    }

    /** Creates a sale that opened five seconds ago and stays open for {@code open}; returns its id. */
    public String createOpenSale(String productName, int stock, Duration open) {
        return createSale(productName, stock, Instant.now().minusSeconds(5), Instant.now().plus(open));
    }

    /** A request to {@code path} with the per-request timeout; finish it and give it to {@link #send}. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(timeout);
    }

    public HttpRequest.Builder asAdmin(HttpRequest.Builder builder) {
        return builder.header("Authorization", basic("admin", adminPassword.get()));
    }

    /** Sends any request; the answer, or why there was none. */
    public Reply send(HttpRequest.Builder builder) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return Reply.answered(r.statusCode(), r.headers(), r.body(), System.nanoTime() - started);
        } catch (HttpTimeoutException e) {
            return Reply.unanswered(Reply.CLIENT_TIMEOUT, System.nanoTime() - started);
        } catch (IOException e) {
            // connection refused or reset: the server is down or was killed mid-request
            return Reply.unanswered("io: " + e.getClass().getSimpleName(), System.nanoTime() - started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String saleJson(String productName, int stock, Instant start, Instant end) {
        return Json.createObjectBuilder().add("productName", productName).add("totalStock", stock)
                .add("startTime", start.toString()).add("endTime", end.toString()).build().toString();
    }

    public static String purchaseJson(String userIdentifier) {
        return Json.createObjectBuilder().add("userIdentifier", userIdentifier).build().toString();
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return name + " " + baseUrl;
    }
}
