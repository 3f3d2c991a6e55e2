package com.flashsale.sale;

import com.flashsale.InvalidRequestException;
import com.flashsale.InvalidRequestException.Violation;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a v1 sale body into a {@link SaleDraft}, refusing wrong JSON types (a string stock, a
 * fractional stock, a numeric name, a time without an offset). Ranges and the window rule are
 * then checked by Bean Validation on the draft.
 */
public final class SaleRequestReader {

    private static final String TIME_RULE = " must be an ISO-8601 date-time with an offset, such as 2026-02-14T09:00:00Z";

    private SaleRequestReader() {
    }

    public static SaleDraft read(JsonObject body) {
        List<Violation> violations = new ArrayList<>();
        String name = text(body.get("productName"), "productName", violations);
        Integer stock = wholeNumber(body.get("totalStock"), "totalStock", violations);
        Instant start = time(body.get("startTime"), "startTime", violations);
        Instant end = time(body.get("endTime"), "endTime", violations);
        WaitingRoom waitingRoom = waitingRoom(body.get("waitingRoom"), violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new SaleDraft(name, stock, start, end, waitingRoom);
    }

    /**
     * The optional waiting room: {@code {admissionRatePerSecond, admissionValiditySeconds,
     * shuffleEarlyArrivals}}, all required when the object is given; absent or null means none.
     * A new or edited sale's admission is not paused.
     */
    private static WaitingRoom waitingRoom(JsonValue value, List<Violation> violations) {
        if (isAbsent(value)) {
            return null;
        }
        if (!(value instanceof JsonObject room)) {
            violations.add(new Violation("waitingRoom", "waitingRoom must be an object or null"));
            return null;
        }
        int before = violations.size();
        Integer rate = required(wholeNumber(room.get("admissionRatePerSecond"),
                "waitingRoom.admissionRatePerSecond", violations), "waitingRoom.admissionRatePerSecond", violations);
        Integer validity = required(wholeNumber(room.get("admissionValiditySeconds"),
                "waitingRoom.admissionValiditySeconds", violations), "waitingRoom.admissionValiditySeconds", violations);
        JsonValue shuffle = room.get("shuffleEarlyArrivals");
        if (shuffle != JsonValue.TRUE && shuffle != JsonValue.FALSE) {
            violations.add(new Violation("waitingRoom.shuffleEarlyArrivals",
                    "waitingRoom.shuffleEarlyArrivals must be true or false"));
        }
        for (String field : room.keySet()) {
            if (!WAITING_ROOM_FIELDS.contains(field)) {
                violations.add(new Violation("waitingRoom." + field, "waitingRoom." + field + " is not a known field"));
            }
        }
        if (violations.size() > before) {
            return null;
        }
        return new WaitingRoom(rate, validity, shuffle == JsonValue.TRUE, false);
    }

    private static final List<String> WAITING_ROOM_FIELDS =
            List.of("admissionRatePerSecond", "admissionValiditySeconds", "shuffleEarlyArrivals");

    private static Integer required(Integer value, String field, List<Violation> violations) {
        if (value == null && violations.stream().noneMatch(v -> v.field().equals(field))) {
            violations.add(new Violation(field, field + " is required"));
        }
        return value;
    }

    private static String text(JsonValue value, String field, List<Violation> violations) {
        if (isAbsent(value)) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        violations.add(new Violation(field, field + " must be a string"));
        return null;
    }

    private static Integer wholeNumber(JsonValue value, String field, List<Violation> violations) {
        if (isAbsent(value)) {
            return null;
        }
        if (value instanceof JsonNumber n) {
            BigDecimal decimal = n.bigDecimalValue();
            if (decimal.stripTrailingZeros().scale() <= 0) {
                // out-of-range values become a bound Bean Validation reports
                return decimal.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 ? Integer.MAX_VALUE
                        : decimal.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0 ? Integer.MIN_VALUE
                        : decimal.intValueExact();
            }
        }
        violations.add(new Violation(field, field + " must be a whole number"));
        return null;
    }

    private static Instant time(JsonValue value, String field, List<Violation> violations) {
        if (isAbsent(value)) {
            return null;
        }
        if (value instanceof JsonString s) {
            try {
                return OffsetDateTime.parse(s.getString()).toInstant();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        violations.add(new Violation(field, field + TIME_RULE));
        return null;
    }

    private static boolean isAbsent(JsonValue value) {
        return value == null || value == JsonValue.NULL;
    }
}
