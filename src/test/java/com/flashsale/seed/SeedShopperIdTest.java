package com.flashsale.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.flashsale.InvalidRequestException;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's identifier rules and messages in {@link SeedFlashSaleResource#shopperId}. */
class SeedShopperIdTest {

    private static String rejection(JsonValue value) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> SeedFlashSaleResource.shopperId(value));
        assertEquals("userIdentifier", e.violations().get(0).field());
        return e.getMessage();
    }

    @Test
    void returnsTheTrimmedLowerCaseIdentifier() {
        assertEquals("jane.doe@example.com", SeedFlashSaleResource.shopperId(Json.createValue("  Jane.Doe@Example.COM ")));
    }

    @Test
    void rejectsAnAbsentIdentifierAsRequired() {
        assertEquals("User identifier is required", rejection(null));
    }

    @Test
    void rejectsAJsonNullIdentifierAsRequired() {
        assertEquals("User identifier is required", rejection(JsonValue.NULL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void rejectsAnEmptyOrBlankIdentifierAsRequired(String raw) {
        assertEquals("User identifier is required", rejection(Json.createValue(raw)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "ab", "  ab  "})
    void rejectsIdentifierShorterThanThreeCharacters(String raw) {
        assertEquals("User identifier must be at least 3 characters", rejection(Json.createValue(raw)));
    }

    @Test
    void acceptsThreeCharacters() {
        assertEquals("abc", SeedFlashSaleResource.shopperId(Json.createValue(" ABC ")));
    }

    @Test
    void accepts254Characters() {
        assertEquals("a".repeat(254), SeedFlashSaleResource.shopperId(Json.createValue("A".repeat(254))));
    }

    @Test
    void rejectsIdentifierLongerThan254Characters() {
        assertEquals("User identifier must be at most 254 characters", rejection(Json.createValue("a".repeat(255))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pay$me", "{\"$ne\":1}", "jos\u00e9", "john doe", "a+b"})
    void rejectsCharactersOutsideTheAllowedSet(String raw) {
        assertEquals("Invalid user identifier format", rejection(Json.createValue(raw)));
    }

    @Test
    void rejectsANumberInsteadOfCrashing() {
        assertEquals("Invalid user identifier format", rejection(Json.createValue(12345)));
    }

    @Test
    void rejectsABooleanInsteadOfCrashing() {
        assertEquals("Invalid user identifier format", rejection(JsonValue.TRUE));
    }

    @Test
    void rejectsAnObjectInsteadOfCrashing() {
        assertEquals("Invalid user identifier format",
                rejection(Json.createObjectBuilder().add("$gt", "").build()));
    }

    @Test
    void rejectsAnArrayInsteadOfCrashing() {
        assertEquals("Invalid user identifier format", rejection(Json.createArrayBuilder().add("alice").build()));
    }
}
