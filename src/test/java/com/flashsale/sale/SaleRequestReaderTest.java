package com.flashsale.sale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.flashsale.InvalidRequestException;
import com.flashsale.InvalidRequestException.Violation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The v1 sale body's optional {@code waitingRoom}: its JSON types and fields, then its bounds. */
class SaleRequestReaderTest {

    private static final String SALE = "\"productName\":\"Sneakers\",\"totalStock\":10,"
            + "\"startTime\":\"2026-02-14T10:00:00Z\",\"endTime\":\"2026-02-14T12:00:00Z\"";

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

    private static SaleDraft read(String waitingRoom) {
        String body = "{" + SALE + (waitingRoom == null ? "" : ",\"waitingRoom\":" + waitingRoom) + "}";
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return SaleRequestReader.read((JsonObject) reader.read());
        }
    }

    private static List<Violation> refused(String waitingRoom) {
        return assertThrows(InvalidRequestException.class, () -> read(waitingRoom)).violations();
    }

    private static List<String> fields(String waitingRoom) {
        return refused(waitingRoom).stream().map(Violation::field).sorted().toList();
    }

    private static List<String> violations(SaleDraft draft) {
        return validator.validate(draft).stream()
                .map((ConstraintViolation<SaleDraft> v) -> v.getPropertyPath() + ": " + v.getMessage())
                .sorted().toList();
    }

    @Test
    void aSaleWithoutAWaitingRoomHasNone() {
        assertNull(read(null).waitingRoom());
        assertNull(read("null").waitingRoom());
    }

    @Test
    void readsAWaitingRoomThatIsNeverPausedAtCreation() {
        SaleDraft d = read("{\"admissionRatePerSecond\":50,\"admissionValiditySeconds\":120,"
                + "\"shuffleEarlyArrivals\":true}");

        assertEquals(new WaitingRoom(50, 120, true, false), d.waitingRoom());
        assertEquals(List.of(), violations(d));
        assertEquals(new WaitingRoom(1, 10, false, false), read("{\"admissionRatePerSecond\":1,"
                + "\"admissionValiditySeconds\":10,\"shuffleEarlyArrivals\":false}").waitingRoom());
    }

    @Test
    void aWholeNumberWrittenWithAFractionIsAccepted() {
        assertEquals(50, read("{\"admissionRatePerSecond\":50.0,\"admissionValiditySeconds\":1.2e2,"
                + "\"shuffleEarlyArrivals\":true}").waitingRoom().admissionRatePerSecond());
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "50", "\"on\"", "[]", "[{\"admissionRatePerSecond\":50}]"})
    void aWaitingRoomThatIsNotAnObjectIsRefused(String value) {
        assertEquals(List.of(new Violation("waitingRoom", "waitingRoom must be an object or null")), refused(value));
    }

    @Test
    void everyFieldIsRequiredWhenTheObjectIsGiven() {
        assertEquals(List.of("waitingRoom.admissionRatePerSecond", "waitingRoom.admissionValiditySeconds",
                "waitingRoom.shuffleEarlyArrivals"), fields("{}"));
        assertEquals(List.of("waitingRoom.admissionValiditySeconds"),
                fields("{\"admissionRatePerSecond\":5,\"shuffleEarlyArrivals\":true}"));
        assertEquals(List.of("waitingRoom.admissionRatePerSecond", "waitingRoom.shuffleEarlyArrivals"),
                fields("{\"admissionRatePerSecond\":null,\"admissionValiditySeconds\":60,"
                        + "\"shuffleEarlyArrivals\":null}"));
    }

    @Test
    void aMissingFieldIsReportedOnce() {
        List<Violation> v = refused("{\"admissionValiditySeconds\":60,\"shuffleEarlyArrivals\":true}");

        assertEquals(List.of(new Violation("waitingRoom.admissionRatePerSecond",
                "waitingRoom.admissionRatePerSecond is required")), v);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "\"50\"; 60; true; waitingRoom.admissionRatePerSecond",
            "2.5; 60; true; waitingRoom.admissionRatePerSecond",
            "true; 60; true; waitingRoom.admissionRatePerSecond",
            "50; \"60\"; true; waitingRoom.admissionValiditySeconds",
            "50; 60.5; true; waitingRoom.admissionValiditySeconds",
            "50; {}; true; waitingRoom.admissionValiditySeconds",
            "50; 60; \"true\"; waitingRoom.shuffleEarlyArrivals",
            "50; 60; 1; waitingRoom.shuffleEarlyArrivals",
            "50; 60; []; waitingRoom.shuffleEarlyArrivals"})
    void wrongTypesAreRefusedByField(String rate, String validity, String shuffle, String field) {
        assertEquals(List.of(field), fields("{\"admissionRatePerSecond\":" + rate + ",\"admissionValiditySeconds\":"
                + validity + ",\"shuffleEarlyArrivals\":" + shuffle + "}"));
    }

    @Test
    void unknownFieldsAreRefusedByName() {
        assertEquals(List.of("waitingRoom.paused", "waitingRoom.rate"), fields("{\"admissionRatePerSecond\":50,"
                + "\"admissionValiditySeconds\":60,\"shuffleEarlyArrivals\":true,\"rate\":5,\"paused\":true}"));
    }

    @Test
    void waitingRoomViolationsAreReportedWithTheSalesOwn() {
        String body = "{\"productName\":7,\"totalStock\":10,\"startTime\":\"2026-02-14T10:00:00Z\","
                + "\"endTime\":\"2026-02-14T12:00:00Z\",\"waitingRoom\":{\"admissionRatePerSecond\":\"x\","
                + "\"admissionValiditySeconds\":60,\"shuffleEarlyArrivals\":true}}";
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject json = (JsonObject) reader.read();
            List<String> f = assertThrows(InvalidRequestException.class, () -> SaleRequestReader.read(json))
                    .violations().stream().map(Violation::field).sorted().toList();
            assertEquals(List.of("productName", "waitingRoom.admissionRatePerSecond"), f);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "0, 60, waitingRoom.admissionRatePerSecond: waitingRoom.admissionRatePerSecond must be at least 1",
            "-5, 60, waitingRoom.admissionRatePerSecond: waitingRoom.admissionRatePerSecond must be at least 1",
            "10001, 60, waitingRoom.admissionRatePerSecond: waitingRoom.admissionRatePerSecond must be at most 10000",
            "99999999999, 60, waitingRoom.admissionRatePerSecond: waitingRoom.admissionRatePerSecond must be at most 10000",
            "50, 9, waitingRoom.admissionValiditySeconds: waitingRoom.admissionValiditySeconds must be at least 10",
            "50, 3601, waitingRoom.admissionValiditySeconds: waitingRoom.admissionValiditySeconds must be at most 3600",
            "50, -99999999999, waitingRoom.admissionValiditySeconds: waitingRoom.admissionValiditySeconds must be at least 10"})
    void boundsAreCheckedOnTheDraft(String rate, String validity, String violation) {
        SaleDraft d = read("{\"admissionRatePerSecond\":" + rate + ",\"admissionValiditySeconds\":" + validity
                + ",\"shuffleEarlyArrivals\":false}");

        assertEquals(List.of(violation), violations(d));
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        assertEquals(List.of(), violations(read("{\"admissionRatePerSecond\":10000,\"admissionValiditySeconds\":3600,"
                + "\"shuffleEarlyArrivals\":false}")));
        assertEquals(List.of(), violations(read("{\"admissionRatePerSecond\":1,\"admissionValiditySeconds\":10,"
                + "\"shuffleEarlyArrivals\":false}")));
    }
}
