package com.flashsale.seed;

import com.flashsale.InvalidRequestException;
import com.flashsale.sale.SaleDraft;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the seed's "create sale" body with the seed's rules and messages: a missing field is
 * any falsy value (so stock 0 is "missing"); stock must be a positive whole JSON number.
 */
final class SeedSaleRequest {

    private static final List<String> FIELDS = List.of("productName", "totalStock", "startTime", "endTime");

    private SeedSaleRequest() {
    }

    static SaleDraft parse(JsonObject body) {
        List<String> missing = new ArrayList<>();
        for (String field : FIELDS) {
            if (isFalsy(body.get(field))) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw invalid("Missing required fields: " + String.join(", ", missing));
        }
        if (!(body.get("productName") instanceof JsonString name)) {
            throw invalid("Product name must be a string");
        }
        int stock = stock(body.get("totalStock"));
        Instant start = time(body.get("startTime"), "startTime");
        Instant end = time(body.get("endTime"), "endTime");
        if (!start.isBefore(end)) {
            throw invalid("Start time must be before end time");
        }
        return new SaleDraft(name.getString(), stock, start, end);
    }

    private static int stock(JsonValue value) {
        // A whole value however written (100, 100.0, 1E2); isIntegral() would judge the spelling.
        if (!(value instanceof JsonNumber number) || number.bigDecimalValue().stripTrailingZeros().scale() > 0
                || number.bigDecimalValue().signum() <= 0) {
            throw invalid("Total stock must be a positive number");
        }
        if (number.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(SaleDraft.MAX_STOCK)) > 0) {
            throw invalid("Total stock must be at most " + SaleDraft.MAX_STOCK);
        }
        return number.bigDecimalValue().intValueExact();
    }

    private static Instant time(JsonValue value, String field) {
        if (!(value instanceof JsonString text)) {
            throw invalid("Invalid date for " + field + ": use ISO-8601, such as 2026-02-14T00:00:00.000Z");
        }
        try {
            return OffsetDateTime.parse(text.getString()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                // a date alone, as the seed's new Date("2026-02-14") read it: midnight UTC
                return LocalDate.parse(text.getString()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw invalid("Invalid date for " + field + ": use ISO-8601, such as 2026-02-14T00:00:00.000Z");
            }
        }
    }

    private static boolean isFalsy(JsonValue value) {
        if (value == null || value == JsonValue.NULL || value == JsonValue.FALSE) {
            return true;
        }
        if (value instanceof JsonString s) {
            return s.getString().isEmpty();
        }
        return value instanceof JsonNumber n && n.bigDecimalValue().signum() == 0;
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("body", message);
    }
}
