package com.flashsale.purchase;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rules for shopper identifiers (an e-mail address or a user name). Identifiers are compared
 * case-insensitively, so the canonical form is trimmed and lower-cased.
 */
public final class ShopperIds {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 254;
    private static final Pattern FORMAT = Pattern.compile("^[a-zA-Z0-9@._-]+$");

    private ShopperIds() {
    }

    /** What is wrong with a raw identifier, in the order the checks run. */
    public enum Defect {
        MISSING, TOO_SHORT, TOO_LONG, INVALID_FORMAT
    }

    /** @return the first defect of {@code raw}, or {@code null} if it is acceptable */
    public static Defect defectOf(String raw) {
        if (raw == null || raw.isBlank()) {
            return Defect.MISSING;
        }
        String trimmed = raw.strip();
        if (trimmed.length() < MIN_LENGTH) {
            return Defect.TOO_SHORT;
        }
        if (trimmed.length() > MAX_LENGTH) {
            return Defect.TOO_LONG;
        }
        return FORMAT.matcher(trimmed).matches() ? null : Defect.INVALID_FORMAT;
    }

    /** The canonical form of an identifier already known to be acceptable. */
    public static String canonical(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }
}
