package com.flashsale.sale;

import java.time.Instant;
import java.util.Locale;

/**
 * The live status of a sale. Time wins over stock: a sale that has ended is {@code ended}
 * even with units left, and one that has not started is {@code upcoming}. The window is
 * half-open: open from {@code startTime} inclusive to {@code endTime} exclusive.
 */
public enum SaleStatus {
    UPCOMING, ACTIVE, SOLD_OUT, ENDED, CANCELLED;

    public static SaleStatus of(Instant start, Instant end, boolean cancelled, long stockRemaining, Instant now) {
        if (cancelled) {
            return CANCELLED;
        }
        if (now.isBefore(start)) {
            return UPCOMING;
        }
        if (!now.isBefore(end)) {
            return ENDED;
        }
        return stockRemaining > 0 ? ACTIVE : SOLD_OUT;
    }

    /** The lower-case name used on the wire ({@code sold_out}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
