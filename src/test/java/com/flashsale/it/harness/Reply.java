package com.flashsale.it.harness;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.http.HttpHeaders;
import java.util.Map;

/**
 * One answer of the service (status, headers, body, how long it took), or, when none came, why
 * ({@link #failure}: {@value #CLIENT_TIMEOUT} or {@code io: <exception>}; status then -1).
 */
public record Reply(int status, HttpHeaders headers, String body, long nanos, String failure) {

    /** The failure of a request that got no answer within the client's per-request timeout. */
    public static final String CLIENT_TIMEOUT = "client-timeout";

    static Reply answered(int status, HttpHeaders headers, String body, long nanos) {
        return new Reply(status, headers, body, nanos, null);
    }

    static Reply unanswered(String failure, long nanos) {
        return new Reply(-1, HttpHeaders.of(Map.of(), (name, value) -> true), null, nanos, failure);
    }

    public boolean answered() {
        return failure == null;
    }

    public boolean timedOut() {
        return CLIENT_TIMEOUT.equals(failure);
    }

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

    public String retryAfter() {
        return header("Retry-After");
    }

    /** The {@code type} of a problem+json (or seed) error body; empty when there is none or it is not JSON. */
    public String problemType() {
        return status >= 400 ? jsonField("type") : "";
    }

    /** The {@code purchaseId} of a receipt or an already-purchased refusal; null when there is none. */
    public String purchaseId() {
        String id = jsonField("purchaseId");
        return id.isEmpty() ? null : id;
    }

    private String jsonField(String name) {
        if (body == null || !body.startsWith("{") || !body.contains('"' + name + '"')) {
            return "";
        }
        try {
            return json().getString(name, "");
        } catch (RuntimeException e) {
            return ""; // not JSON after all (an HTML error page while the server starts)
        }
    }

    private JsonStructure parse() {
        if (!answered()) {
            throw new IllegalStateException("No answer to parse: " + this);
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        }
    }

    @Override
    public String toString() {
        return answered() ? status + " " + body : "no answer (" + failure + ") after " + nanos / 1_000_000 + " ms";
    }
}
