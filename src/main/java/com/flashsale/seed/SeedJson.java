package com.flashsale.seed;

import com.flashsale.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/** Parses seed request bodies; like the seed, an empty body reads as an empty object. */
final class SeedJson {

    static final int MAX_BODY_CHARS = 16 * 1024;

    private SeedJson() {
    }

    static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new InvalidRequestException("body", "Request body too large");
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidRequestException("body", "Request body must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new InvalidRequestException("body", "Invalid JSON body");
        }
    }
}
