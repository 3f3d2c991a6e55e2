package com.flashsale.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.InvalidRequestException;
import com.flashsale.purchase.Decision.Outcome;
import jakarta.json.JsonValue;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading seed bodies, the seed's outcome messages and its time format. */
class SeedJsonTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  \n"})
    void readsAnEmptyBodyAsAnEmptyObject(String body) {
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, SeedJson.object(body));
    }

    @Test
    void readsAnObject() {
        assertEquals("alice", SeedJson.object("{\"userIdentifier\":\"alice\"}").getString("userIdentifier"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"alice\"", "42", "null"})
    void rejectsJsonThatIsNotAnObject(String body) {
        assertEquals("The request body must be a JSON object",
                assertThrows(InvalidRequestException.class, () -> SeedJson.object(body)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":}", "userIdentifier=alice", "{'a':1}"})
    void rejectsMalformedJson(String body) {
        assertEquals("The request body is not valid JSON",
                assertThrows(InvalidRequestException.class, () -> SeedJson.object(body)).getMessage());
    }

    @Test
    void rejectsABodyLargerThan64KiB() {
        String body = "{\"a\":\"" + "x".repeat(64 * 1024) + "\"}";
        assertEquals("The request body is too large (at most 65536 characters)",
                assertThrows(InvalidRequestException.class, () -> SeedJson.object(body)).getMessage());
    }

    @Test
    void rejectsContentAfterTheObject() {
        for (String body : new String[] {"{\"userIdentifier\":\"abc\"}x", "{\"a\":1}{\"a\":2}", "{} []"}) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> SeedJson.object(body));
            assertTrue(e.getMessage().startsWith("The request body"), e.getMessage());
        }
    }

    @Test
    void rejectsDeepNestingWithoutOverflowingTheStack() {
        String body = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertEquals("The request body is nested too deeply",
                assertThrows(InvalidRequestException.class, () -> SeedJson.object(body)).getMessage());
    }

    @Test
    void speaksTheSeedsWordsForEachOutcome() {
        assertEquals("Purchase successful!", SeedMessages.of(Outcome.BOUGHT));
        assertEquals("You have already purchased this item", SeedMessages.of(Outcome.ALREADY_PURCHASED));
        assertEquals("Item sold out", SeedMessages.of(Outcome.SOLD_OUT));
        assertEquals("Sale has not started yet", SeedMessages.of(Outcome.NOT_STARTED));
        assertEquals("Sale has ended", SeedMessages.of(Outcome.ENDED));
        assertEquals("Purchase failed due to system error. Please try again.", SeedMessages.of(Outcome.REBUILDING));
    }

    @Test
    void formatsTimesAsUtcWithMilliseconds() {
        assertEquals("2026-02-14T00:00:00.000Z", SeedTimes.format(Instant.parse("2026-02-14T00:00:00Z")));
        assertEquals("2026-02-14T10:30:05.123Z", SeedTimes.format(Instant.parse("2026-02-14T10:30:05.123456Z")));
        assertEquals(null, SeedTimes.format(null));
    }
}
