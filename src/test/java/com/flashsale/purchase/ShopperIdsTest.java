package com.flashsale.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.flashsale.purchase.ShopperIds.Defect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShopperIdsTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "   ", "\t", "\n", " \t\r\n "})
    void reportsNullEmptyOrBlankIdentifierAsMissing(String raw) {
        assertEquals(Defect.MISSING, ShopperIds.defectOf(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "ab", "  ab  ", "\tab\n"})
    void rejectsIdentifierShorterThanThreeCharactersAfterTrimming(String raw) {
        assertEquals(Defect.TOO_SHORT, ShopperIds.defectOf(raw));
    }

    @Test
    void acceptsIdentifierOfExactlyThreeCharacters() {
        assertNull(ShopperIds.defectOf("abc"));
    }

    @Test
    void acceptsThreeCharactersSurroundedBySpaces() {
        assertNull(ShopperIds.defectOf("  abc  "));
    }

    @Test
    void acceptsIdentifierOfExactly254Characters() {
        assertNull(ShopperIds.defectOf("a".repeat(254)));
    }

    @Test
    void acceptsIdentifierOf254CharactersSurroundedBySpaces() {
        assertNull(ShopperIds.defectOf("  " + "a".repeat(254) + "  "));
    }

    @Test
    void rejectsIdentifierOf255CharactersAsTooLong() {
        assertEquals(Defect.TOO_LONG, ShopperIds.defectOf("a".repeat(255)));
    }

    @Test
    void boundaryConstantsAreThreeAnd254() {
        assertEquals(3, ShopperIds.MIN_LENGTH);
        assertEquals(254, ShopperIds.MAX_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "ALICE", "user_01", "jane.doe@example.com", "a-b-c", "123", "@._", "Mixed.Case-9_x@y"})
    void acceptsLettersDigitsAndAtDotUnderscoreHyphen(String raw) {
        assertNull(ShopperIds.defectOf(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jos\u00e9", "\u0430lice", "user\u00a0name", "ab\uD83D\uDE00", "john doe", "pay$me",
            "{\"$gt\":\"\"}", "abc{", "a+b@x.com", "a/b", "a\\b", "<script>", "abc;", "a'b", "ab\u0000c", "abc\u0085"})
    void rejectsCharactersOutsideTheAllowedSet(String raw) {
        assertEquals(Defect.INVALID_FORMAT, ShopperIds.defectOf(raw));
    }

    @Test
    void reportsLengthBeforeFormat() {
        assertEquals(Defect.TOO_SHORT, ShopperIds.defectOf("$"));
        assertEquals(Defect.TOO_LONG, ShopperIds.defectOf("$".repeat(255)));
    }

    @Test
    void canonicalFormIsTrimmedAndLowerCased() {
        assertEquals("jane.doe@example.com", ShopperIds.canonical("  Jane.DOE@Example.COM \t"));
    }

    @Test
    void canonicalFormOfTwoSpellingsIsTheSame() {
        assertEquals(ShopperIds.canonical("Alice"), ShopperIds.canonical(" aLICE "));
    }

    @Test
    void canonicalFormDoesNotDependOnTheDefaultLocale() {
        java.util.Locale previous = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
            assertEquals("idris", ShopperIds.canonical("IDRIS"));
        } finally {
            java.util.Locale.setDefault(previous);
        }
    }
}
