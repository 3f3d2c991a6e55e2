package com.flashsale.infrastructure.rest;

import com.flashsale.InvalidRequestException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;

/**
 * Reads request bodies strictly: exactly one JSON object, nothing after it, nested at most
 * {@value #MAX_DEPTH} levels and at most {@value #MAX_CHARS} characters. JSON-B binding is
 * deliberately not used for request bodies: it turns {@code 123} into {@code "123"} and
 * {@code 1.5} into {@code 1}, and ignores trailing content.
 */
public final class StrictJson {

    /**
     * Looked up once: {@code Json.createParser} / {@code createReader} look the provider up through the
     * ServiceLoader on every call (1 % of a sold-out rush's JFR samples; the two parses themselves
     * were another 5.7 %).
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final int MAX_CHARS = 64 * 1024;
    public static final int MAX_DEPTH = 16;

    private StrictJson() {
    }

    /** The body as an object; an empty body reads as an empty object when {@code emptyIsObject}. */
    public static JsonObject object(String body, boolean emptyIsObject) {
        if (body == null || body.isBlank()) {
            if (emptyIsObject) {
                return JsonValue.EMPTY_JSON_OBJECT;
            }
            throw invalid("A JSON object body is required");
        }
        if (body.length() > MAX_CHARS) {
            throw invalid("The request body is too large (at most " + MAX_CHARS + " characters)");
        }
        try {
            checkShape(body);
            try (JsonReader reader = JSON.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        } catch (JsonException | IllegalStateException e) {
            throw invalid("The request body is not valid JSON");
        }
    }

    private static void checkShape(String body) {
        try (JsonParser parser = JSON.createParser(new StringReader(body))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw invalid("The request body must be a JSON object");
            }
            int depth = 1;
            while (depth > 0) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                    if (++depth > MAX_DEPTH) {
                        throw invalid("The request body is nested too deeply");
                    }
                } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                    depth--;
                }
            }
            if (parser.hasNext()) {
                throw invalid("The request body has content after the JSON object");
            }
        }
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("body", message);
    }
}
