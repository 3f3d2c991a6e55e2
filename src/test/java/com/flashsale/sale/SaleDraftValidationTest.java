package com.flashsale.sale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SaleDraftValidationTest {

    private static final Instant START = Instant.parse("2026-02-14T10:00:00Z");
    private static final Instant END = Instant.parse("2026-02-14T12:00:00Z");

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void startValidator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    /** Every violation as "property: message", sorted, so duplicates show. */
    private static List<String> violations(SaleDraft draft) {
        return validator.validate(draft).stream()
                .map((ConstraintViolation<SaleDraft> v) -> v.getPropertyPath() + ": " + v.getMessage())
                .sorted().toList();
    }

    private static SaleDraft draft(String name, Integer stock) {
        return new SaleDraft(name, stock, START, END);
    }

    @Test
    void acceptsAWellFormedDraft() {
        assertEquals(List.of(), violations(draft("Limited sneakers", 200)));
    }

    @Test
    void stripsTheProductName() {
        assertEquals("Limited sneakers", draft("  Limited sneakers \t\n", 200).productName());
    }

    @Test
    void keepsANullProductNameNull() {
        assertNull(draft(null, 1).productName());
    }

    @Test
    void acceptsAOneCharacterName() {
        assertEquals(List.of(), violations(draft("X", 1)));
    }

    @Test
    void acceptsANameOfExactly200Characters() {
        assertEquals(List.of(), violations(draft("n".repeat(200), 1)));
    }

    @Test
    void acceptsA200CharacterNameWithSurroundingSpaces() {
        SaleDraft d = draft("   " + "n".repeat(200) + "   ", 1);
        assertEquals(200, d.productName().length());
        assertEquals(List.of(), violations(d));
    }

    @Test
    void rejectsControlCharactersInTheName() {
        assertEquals(List.of("productName: productName must not contain control characters"),
                violations(draft("bad\u0000name", 1)));
        assertEquals(List.of("productName: productName must not contain control characters"),
                violations(draft("red\u001b[31m", 1)));
    }

    @Test
    void acceptsUnicodeLettersAndSymbolsInTheName() {
        assertEquals(List.of(), violations(draft("Café ☕ 用户 <b>", 1)));
    }

    @Test
    void rejectsANameOf201Characters() {
        assertEquals(List.of("productName: productName must be at most 200 characters"),
                violations(draft("n".repeat(201), 1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   \t\n "})
    void rejectsAnEmptyOrBlankNameAsRequired(String name) {
        assertEquals(List.of("productName: productName is required"), violations(draft(name, 1)));
    }

    @Test
    void rejectsANullNameAsRequired() {
        assertEquals(List.of("productName: productName is required"), violations(draft(null, 1)));
    }

    @Test
    void acceptsStockOfOne() {
        assertEquals(List.of(), violations(draft("Phone", 1)));
    }

    @Test
    void acceptsStockOfOneMillion() {
        assertEquals(List.of(), violations(draft("Phone", 1_000_000)));
    }

    @Test
    void rejectsStockOfZero() {
        assertEquals(List.of("totalStock: totalStock must be at least 1"), violations(draft("Phone", 0)));
    }

    @Test
    void rejectsNegativeStock() {
        assertEquals(List.of("totalStock: totalStock must be at least 1"), violations(draft("Phone", -5)));
    }

    @Test
    void rejectsStockAboveOneMillion() {
        assertEquals(List.of("totalStock: totalStock must be at most 1000000"),
                violations(draft("Phone", 1_000_001)));
    }

    @Test
    void rejectsNullStockAsRequired() {
        assertEquals(List.of("totalStock: totalStock is required"), violations(draft("Phone", null)));
    }

    @Test
    void rejectsNullStartTimeAsRequiredWithoutAWindowError() {
        assertEquals(List.of("startTime: startTime is required"), violations(new SaleDraft("Phone", 1, null, END)));
    }

    @Test
    void rejectsNullEndTimeAsRequiredWithoutAWindowError() {
        assertEquals(List.of("endTime: endTime is required"), violations(new SaleDraft("Phone", 1, START, null)));
    }

    @Test
    void reportsEveryMissingFieldAtOnce() {
        assertEquals(List.of("endTime: endTime is required", "productName: productName is required",
                        "startTime: startTime is required", "totalStock: totalStock is required"),
                violations(new SaleDraft(null, null, null, null)));
    }

    @Test
    void rejectsAStartEqualToTheEnd() {
        assertEquals(List.of("windowValid: startTime must be before endTime"),
                violations(new SaleDraft("Phone", 1, START, START)));
    }

    @Test
    void rejectsAStartAfterTheEnd() {
        assertEquals(List.of("windowValid: startTime must be before endTime"),
                violations(new SaleDraft("Phone", 1, END, START)));
    }

    @Test
    void acceptsAWindowOfOneMillisecond() {
        assertEquals(List.of(), violations(new SaleDraft("Phone", 1, START, START.plusMillis(1))));
    }

    @Test
    void windowIsValidOnlyWhenStartIsBeforeEnd() {
        assertTrue(new SaleDraft("Phone", 1, START, END).isWindowValid());
        assertFalse(new SaleDraft("Phone", 1, START, START).isWindowValid());
        assertFalse(new SaleDraft("Phone", 1, END, START).isWindowValid());
        assertTrue(new SaleDraft("Phone", 1, null, END).isWindowValid());
    }

    @Test
    void newSaleCarriesTheDraftAndIsNotCancelled() {
        Instant now = Instant.parse("2026-02-01T00:00:00Z");
        Sale sale = new SaleDraft(" Phone ", 7, START, END).toNewSale("65f000000000000000000001", now);
        assertEquals(new Sale("65f000000000000000000001", "Phone", 7, START, END, now, now, false), sale);
    }

    @Test
    void editingASaleKeepsItsIdCreationTimeAndCancellation() {
        Instant created = Instant.parse("2026-02-01T00:00:00Z");
        Instant edited = Instant.parse("2026-02-02T00:00:00Z");
        Sale sale = new Sale("65f000000000000000000001", "Old", 3, START, END, created, created, false);
        Sale updated = sale.withDraft(new SaleDraft("New", 9, START.plusSeconds(60), END.plusSeconds(60)), edited);
        assertEquals(new Sale("65f000000000000000000001", "New", 9, START.plusSeconds(60), END.plusSeconds(60),
                created, edited, false), updated);
    }

    @Test
    void editingASaleWithAPausedWaitingRoomKeepsItPausedAndTakesTheNewSettings() {
        Instant created = Instant.parse("2026-02-01T00:00:00Z");
        Sale paused = new Sale("65f000000000000000000001", "Old", 3, START, END, created, created, false,
                new WaitingRoom(10, 60, true, true));
        Sale updated = paused.withDraft(new SaleDraft("New", 9, START, END, new WaitingRoom(20, 90, false, false)),
                created.plusSeconds(5));
        assertEquals(new WaitingRoom(20, 90, false, true), updated.waitingRoom());
        Sale removed = paused.withDraft(new SaleDraft("New", 9, START, END), created.plusSeconds(5));
        assertEquals(null, removed.waitingRoom(), "an edit without a waiting room removes it");
        Sale added = new Sale("65f000000000000000000001", "Old", 3, START, END, created, created, false)
                .withDraft(new SaleDraft("New", 9, START, END, new WaitingRoom(20, 90, false, false)), created);
        assertEquals(new WaitingRoom(20, 90, false, false), added.waitingRoom(), "a new waiting room starts unpaused");
    }
}
