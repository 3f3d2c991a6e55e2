package com.flashsale.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Formats and parses the times the pages show. Pages speak UTC, and say so. */
public final class Times {

    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String display(Instant instant) {
        return instant == null ? "" : DISPLAY.format(instant);
    }

    /** The value of an {@code <input type="datetime-local">}, in UTC, to the second. */
    public static String input(Instant instant) {
        return instant == null ? "" : INPUT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Reads a {@code datetime-local} value (minutes or seconds) as UTC, or a full ISO-8601 instant.
     *
     * @return the instant, or {@code null} if the text is not a date and time
     */
    public static Instant parseInput(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            return t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$") ? Instant.parse(t)
                    : LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** "2 d 3 h", "3 h 05 min", "4 min 09 s", "12 s". */
    public static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + String.format("%02d", minutes) + " min";
        }
        if (minutes > 0) {
            return minutes + " min " + String.format("%02d", seconds) + " s";
        }
        return seconds + " s";
    }
}
