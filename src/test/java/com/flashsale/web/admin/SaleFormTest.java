package com.flashsale.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SaleFormTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void validFormBecomesATrimmedDraftInUtc() {
        SaleForm.Checked checked = SaleForm.check("  Lamp ", "25", "2026-12-01T10:00", "2026-12-01T11:00:30", validator);
        assertTrue(checked.valid(), checked.errors()::toString);
        assertEquals("Lamp", checked.draft().productName());
        assertEquals(25, checked.draft().totalStock());
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), checked.draft().startTime());
        assertEquals(Instant.parse("2026-12-01T11:00:30Z"), checked.draft().endTime());
    }

    @Test
    void everyBrokenRuleIsReportedOnItsField() {
        Map<String, String> errors = SaleForm.check(" ", "0", "", "", validator).errors();
        assertEquals("Product name is required.", errors.get("productName"));
        assertEquals("Stock must be at least 1.", errors.get("totalStock"));
        assertEquals("Start is required.", errors.get("startTime"));
        assertEquals("End is required.", errors.get("endTime"));
    }

    @Test
    void textThatIsNotANumberOrATimeIsNamed() {
        SaleForm.Checked checked = SaleForm.check("Lamp", "ten", "soon", "2026-12-01T11:00", validator);
        assertNull(checked.draft());
        assertEquals("Stock must be a whole number.", checked.errors().get("totalStock"));
        assertEquals("Start must be a date and time.", checked.errors().get("startTime"));
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsReportedOnTheEnd() {
        Map<String, String> errors = SaleForm.check("Lamp", "5", "2026-12-01T11:00", "2026-12-01T10:00", validator).errors();
        assertEquals(Map.of("endTime", "The end must be after the start."), errors);
    }

    @Test
    void tooLongANameAndTooMuchStockAreRefused() {
        Map<String, String> errors = SaleForm.check("x".repeat(201), "1000001", "2026-12-01T10:00", "2026-12-01T11:00",
                validator).errors();
        assertEquals("Product name must be at most 200 characters.", errors.get("productName"));
        assertEquals("Stock must be at most 1000000.", errors.get("totalStock"));
    }

    @Test
    void aWaitingRoomIsPartOfTheDraftWhenTurnedOn() {
        SaleForm.Checked checked = SaleForm.check("Lamp", "25", "2026-12-01T10:00", "2026-12-01T11:00",
                new SaleForm.WaitingRoomFields(true, " 40 ", "90", false, true), validator);
        assertTrue(checked.valid(), checked.errors()::toString);
        assertEquals(new com.flashsale.sale.WaitingRoom(40, 90, false, true), checked.draft().waitingRoom());

        SaleForm.Checked off = SaleForm.check("Lamp", "25", "2026-12-01T10:00", "2026-12-01T11:00",
                new SaleForm.WaitingRoomFields(false, "x", "", true, false), validator);
        assertTrue(off.valid(), "the settings of a waiting room that is off are ignored: " + off.errors());
        assertNull(off.draft().waitingRoom());
    }

    @Test
    void brokenWaitingRoomSettingsAreReportedOnTheirFields() {
        Map<String, String> errors = SaleForm.check("Lamp", "25", "2026-12-01T10:00", "2026-12-01T11:00",
                new SaleForm.WaitingRoomFields(true, "0", "5", true, false), validator).errors();
        assertEquals("Admission rate must be at least 1.", errors.get("admissionRatePerSecond"));
        assertEquals("Admission validity must be at least 10.", errors.get("admissionValiditySeconds"));

        errors = SaleForm.check("Lamp", "25", "2026-12-01T10:00", "2026-12-01T11:00",
                new SaleForm.WaitingRoomFields(true, "", "1.5", true, false), validator).errors();
        assertEquals("Admission rate is required.", errors.get("admissionRatePerSecond"));
        assertEquals("Admission validity must be a whole number.", errors.get("admissionValiditySeconds"));
    }
}
