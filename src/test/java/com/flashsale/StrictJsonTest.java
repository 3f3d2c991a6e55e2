package com.flashsale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    /** The one-pass reader builds exactly what a JsonReader reads from the same object. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"userIdentifier\":\"alice@example.com\"}",
        "  {\"a\" : 1 , \"b\":-0.50, \"c\":1e3, \"d\":12345678901234567890123, \"e\":true, \"f\":false, \"g\":null}  ",
        "{\"nested\":{\"list\":[1,\"two\",[3,{\"four\":4}],{},[]],\"o\":{}}}",
        "{\"esc\":\"\\u00e9\\n\\\"q\\\"\",\"ünï\":\"cödé\"}",
        "{\"dup\":1,\"dup\":2}",
    })
    void readsWhatAJsonReaderReads(String body) {
        JsonObject expected;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            expected = reader.readObject();
        }

        assertEquals(expected, StrictJson.object(body, false));
    }

    @Test
    void aRepeatedNameKeepsItsLastValue() {
        assertEquals(2, StrictJson.object("{\"dup\":1,\"dup\":2}", false).getInt("dup"));
    }

    @Test
    void acceptsTheDeepestNestingAllowedAndRefusesOneLevelMore() {
        String deepest = "{\"a\":".repeat(StrictJson.MAX_DEPTH - 1) + "{}" + "}".repeat(StrictJson.MAX_DEPTH - 1);
        String tooDeep = "{\"a\":".repeat(StrictJson.MAX_DEPTH) + "{}" + "}".repeat(StrictJson.MAX_DEPTH);
        String tooDeepInArrays = "{\"a\":" + "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH) + "}";

        assertEquals(1, StrictJson.object(deepest, false).size());
        assertEquals("The request body is nested too deeply", message(tooDeep));
        assertEquals("The request body is nested too deeply", message(tooDeepInArrays));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]                          | The request body must be a JSON object",
        "42                          | The request body must be a JSON object",
        "\"text\"                    | The request body must be a JSON object",
        "null                        | The request body must be a JSON object",
        "{\"a\":1} {\"b\":2}         | The request body is not valid JSON", // Parsson: trailing content is a parse error
        "{\"a\":1}]                  | The request body is not valid JSON",
        "{\"a\":1                    | The request body is not valid JSON",
        "{\"a\"}                     | The request body is not valid JSON",
        "{a:1}                       | The request body is not valid JSON",
        "{\"a\":01}                  | The request body is not valid JSON",
        "{\"a\":1,}                  | The request body is not valid JSON",
    })
    void refusesEverythingButOneObject(String body, String expected) {
        assertEquals(expected, message(body));
    }

    @Test
    void anEmptyBodyIsAnEmptyObjectOnlyWhenAllowed() {
        assertSame(JsonValue.EMPTY_JSON_OBJECT, StrictJson.object(" ", true));
        assertEquals("A JSON object body is required", message(""));
    }

    @Test
    void refusesABodyOverTheSizeLimit() {
        String big = "{\"a\":\"" + "x".repeat(StrictJson.MAX_CHARS) + "\"}";

        assertEquals("The request body is too large (at most " + StrictJson.MAX_CHARS + " characters)", message(big));
    }

    private static String message(String body) {
        return assertThrows(InvalidRequestException.class, () -> StrictJson.object(body, false))
                .violations().get(0).message();
    }
}
