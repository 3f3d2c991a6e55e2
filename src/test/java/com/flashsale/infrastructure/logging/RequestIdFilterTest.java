package com.flashsale.infrastructure.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "lb-7f3a:42", "0123456789abcdef0123456789abcdef", "a.b_c-d"})
    void keepsACallersPlainToken(String incoming) {
        assertEquals(incoming, RequestIdFilter.requestId(incoming));
    }

    @ParameterizedTest
    @NullSource
    // 65 characters: one over the limit
    @ValueSource(strings = {"", "two words", "a\r\nSet-Cookie: x=1", "<script>", "é", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void replacesAnythingElseWithA32CharacterHexId(String incoming) {
        String id = RequestIdFilter.requestId(incoming);
        assertNotEquals(incoming, id);
        assertTrue(id.matches("[0-9a-f]{32}"), id);
    }

    @Test
    void newIdsDiffer() {
        assertNotEquals(RequestIdFilter.requestId(null), RequestIdFilter.requestId(null));
    }
}
