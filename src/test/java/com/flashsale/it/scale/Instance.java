package com.flashsale.it.scale;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** An HTTP client of one Liberty instance of the fleet (the shared {@code Api} knows one base URL only). */
final class Instance {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    private final String name;
    private final String baseUrl;
    private final String adminAuthorization;

    Instance(String name, String baseUrl, String adminPassword) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.adminAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    record Reply(int status, String body) {
        JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return baseUrl;
    }

    String createSale(String product, int stock, Instant start, Instant end) {
        String body = Json.createObjectBuilder().add("productName", product).add("totalStock", stock)
                .add("startTime", start.toString()).add("endTime", end.toString()).build().toString();
        Reply r = send(asAdmin(request("/api/v1/sales")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (r.status() != 201) {
            throw new IllegalStateException(name + " could not create a sale: " + r);
        }
        return r.json().getString("id");
    }

    Reply purchase(String saleId, String shopper) {
        String body = Json.createObjectBuilder().add("userIdentifier", shopper).build().toString();
        return send(request("/api/v1/sales/" + saleId + "/purchases").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply getAsAdmin(String path) {
        return send(asAdmin(request(path)).GET());
    }

    Reply postAsAdmin(String path) {
        return send(asAdmin(request(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Opens a stream of the sale's live events on this instance. */
    SaleEvents events(String saleId) {
        return SaleEvents.open(CLIENT, URI.create(baseUrl + "/api/v1/sales/" + saleId + "/events"));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    }

    private HttpRequest.Builder asAdmin(HttpRequest.Builder builder) {
        return builder.header("Authorization", adminAuthorization);
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> r = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " " + baseUrl;
    }
}
