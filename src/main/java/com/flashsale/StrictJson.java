package com.flashsale;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
        try (JsonParser parser = JSON.createParser(new StringReader(body))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw invalid("The request body must be a JSON object");
            }
            JsonObject object = readObject(parser, 1);
            if (parser.hasNext()) {
                throw invalid("The request body has content after the JSON object");
            }
            return object;
        } catch (JsonException | IllegalStateException e) {
            throw invalid("The request body is not valid JSON");
        }
    }

    /*
     * One pass over the body: the parser's events build the object while the depth is counted (a
     * check pass and then a JsonReader pass cost twice: 5.7 % of a sold-out rush's JFR samples).
     * Scalars come from the parser's own getValue(), so numbers and strings read exactly as a
     * JsonReader reads them; a repeated name keeps its last value, as with a JsonReader.
     */
    private static JsonObject readObject(JsonParser parser, int depth) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
            String name = parser.getString(); // event is KEY_NAME: the parser allows nothing else here
            object.add(name, readValue(parser, parser.next(), depth));
        }
        return object.build();
    }

    private static JsonArray readArray(JsonParser parser, int depth) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_ARRAY; event = parser.next()) {
            array.add(readValue(parser, event, depth));
        }
        return array.build();
    }

    private static JsonValue readValue(JsonParser parser, JsonParser.Event event, int depth) {
        if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
            if (depth + 1 > MAX_DEPTH) {
                throw invalid("The request body is nested too deeply");
            }
            return event == JsonParser.Event.START_OBJECT ? readObject(parser, depth + 1) : readArray(parser, depth + 1);
        }
        return parser.getValue();
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("body", message);
    }
}
