package com.flashsale.web.admin;

import com.flashsale.sale.SaleDraft;
import com.flashsale.sale.WaitingRoom;
import com.flashsale.web.Times;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the sale form's text fields into a {@link SaleDraft} and checks it with the draft's own
 * Bean Validation rules, reporting one human message per field (keyed by the field's id).
 */
public final class SaleForm {

    static final Map<String, String> LABELS = Map.of(
            "productName", "Product name", "totalStock", "Stock", "startTime", "Start", "endTime", "End",
            "waitingRoom.admissionRatePerSecond", "Admission rate",
            "waitingRoom.admissionValiditySeconds", "Admission validity");

    private SaleForm() {
    }

    /** The draft, or the messages of the fields that break a rule (then the draft is {@code null}). */
    public record Checked(SaleDraft draft, Map<String, String> errors) {

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * The waiting room's fields of the form.
     *
     * @param enabled whether the sale has a waiting room (the other fields are ignored when not)
     * @param ratePerSecond admission rate, shoppers per second (text as typed)
     * @param validitySeconds how long an admission stays valid, in seconds (text as typed)
     * @param shuffleEarlyArrivals whether arrivals before the opening are shuffled at it
     * @param paused kept from the sale being edited (a new waiting room starts unpaused)
     */
    public record WaitingRoomFields(boolean enabled, String ratePerSecond, String validitySeconds,
                                    boolean shuffleEarlyArrivals, boolean paused) {

        /** No waiting room. */
        public static final WaitingRoomFields NONE = new WaitingRoomFields(false, null, null, false, false);
    }

    public static Checked check(String productName, String totalStock, String startTime, String endTime,
                                Validator validator) {
        return check(productName, totalStock, startTime, endTime, WaitingRoomFields.NONE, validator);
    }

    public static Checked check(String productName, String totalStock, String startTime, String endTime,
                                WaitingRoomFields room, Validator validator) {
        Map<String, String> errors = new LinkedHashMap<>();
        Integer stock = parseStock(totalStock, errors);
        var start = Times.parseInput(startTime);
        var end = Times.parseInput(endTime);
        if (start == null && startTime != null && !startTime.isBlank()) {
            errors.put("startTime", "Start must be a date and time.");
        }
        if (end == null && endTime != null && !endTime.isBlank()) {
            errors.put("endTime", "End must be a date and time.");
        }
        WaitingRoom waitingRoom = null;
        if (room.enabled()) {
            Integer rate = parseWhole(room.ratePerSecond(), "admissionRatePerSecond", "Admission rate", errors);
            Integer validity = parseWhole(room.validitySeconds(), "admissionValiditySeconds", "Admission validity",
                    errors);
            // a missing number is checked by the record's own rules (0 breaks its minimum)
            waitingRoom = new WaitingRoom(rate == null ? 0 : rate, validity == null ? 0 : validity,
                    room.shuffleEarlyArrivals(), room.paused());
        }
        SaleDraft draft = new SaleDraft(productName, stock, start, end, waitingRoom);
        for (ConstraintViolation<SaleDraft> violation : validator.validate(draft)) {
            errors.putIfAbsent(field(violation.getPropertyPath()), humane(violation.getMessage()));
        }
        return new Checked(errors.isEmpty() ? draft : null, errors);
    }

    private static Integer parseWhole(String text, String field, String label, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            errors.put(field, label + " is required.");
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.put(field, label + " must be a whole number.");
            return null;
        }
    }

    private static Integer parseStock(String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.put("totalStock", "Stock must be a whole number.");
            return null;
        }
    }

    /** The rule "startTime before endTime" belongs to the end field. */
    static String field(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name == null || name.equals("windowValid") ? "endTime" : name;
    }

    /** "productName is required" becomes "Product name is required." */
    static String humane(String message) {
        String text = message;
        for (Map.Entry<String, String> label : LABELS.entrySet()) {
            text = text.replace(label.getKey(), label.getValue());
        }
        text = text.replace("Start must be before End", "The end must be after the start");
        return text.endsWith(".") ? text : text + ".";
    }
}
