package com.flashsale.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A small HTTP client for integration tests against the started server. The base URL comes
 * from {@code flashsale.it.baseUrl}; the admin password from {@code FLASHSALE_ADMIN_PASSWORD} or,
 * on the embedded defaults, from the file the server generated it into.
 */
public final class Api {

    public static final String BASE_URL = System.getProperty("flashsale.it.baseUrl", "http://localhost:9080");
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    static {
        awaitReady();
    }

    private Api() {
    }

    /** The server may still be loading Redis' append-only file after a start: wait until it is ready. */
    private static void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = CLIENT.send(HttpRequest.newBuilder(URI.create(BASE_URL + "/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
                Thread.sleep(500);
            } catch (IOException e) {
                sleepQuietly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A response: status, headers and body text, with JSON helpers. */
    public record Reply(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonObject json() {
            return (JsonObject) parse();
        }

        public JsonArray jsonArray() {
            return (JsonArray) parse();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        private JsonStructure parse() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public static Reply get(String path) {
        return send(request(path).GET());
    }

    public static Reply getAsAdmin(String path) {
        return send(asAdmin(request(path)).GET());
    }

    public static Reply get(String path, String accept, boolean admin) {
        HttpRequest.Builder b = request(path).header("Accept", accept).GET();
        return send(admin ? asAdmin(b) : b);
    }

    public static Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(body(json)));
    }

    public static Reply postAsAdmin(String path, String json) {
        return send(asAdmin(request(path).header("Content-Type", "application/json").POST(body(json))));
    }

    public static Reply putAsAdmin(String path, String json) {
        return send(asAdmin(request(path).header("Content-Type", "application/json").PUT(body(json))));
    }

    public static Reply deleteAsAdmin(String path) {
        return send(asAdmin(request(path).DELETE()));
    }

    /** Sends any request; the builder gets the base URL prepended to {@code path}. */
    public static Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> r = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(BASE_URL + path)).timeout(Duration.ofSeconds(30));
    }

    public static HttpRequest.Builder asAdmin(HttpRequest.Builder builder) {
        return builder.header("Authorization", basic("admin", adminPassword()));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String adminPassword() {
        return Optional.ofNullable(System.getenv("FLASHSALE_ADMIN_PASSWORD")).filter(p -> !p.isBlank())
                .orElseGet(() -> read(Path.of(System.getProperty("flashsale.it.dataDir", "target/flashsale-data"),
                        "admin-password")));
    }

    /** Creates a sale through the v1 API and returns its id. */
    public static String createSale(String name, int stock, Instant start, Instant end) {
        Reply r = postAsAdmin("/api/v1/sales", saleJson(name, stock, start, end));
        if (r.status() != 201) {
            throw new IllegalStateException("Could not create sale: " + r);
        }
        return r.json().getString("id");
    }

    public static String saleJson(String name, int stock, Instant start, Instant end) {
        return Json.createObjectBuilder().add("productName", name).add("totalStock", stock)
                .add("startTime", start.toString()).add("endTime", end.toString()).build().toString();
    }

    public static String purchaseJson(String userIdentifier) {
        return Json.createObjectBuilder().add("userIdentifier", userIdentifier).build().toString();
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("No FLASHSALE_ADMIN_PASSWORD and no generated " + file, e);
        }
    }
}
