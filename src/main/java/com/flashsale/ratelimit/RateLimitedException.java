package com.flashsale.ratelimit;

import com.flashsale.FlashSaleException;

/**
 * A purchase attempt refused by a rate limit, answered 429 with {@code Retry-After}. Built without
 * a stack trace: under attack it is the most frequent answer of all.
 */
public class RateLimitedException extends FlashSaleException {

    private final Kind kind;
    private final long retryAfterSeconds;

    public RateLimitedException(Kind kind, long retryAfterSeconds) {
        super(Problem.RATE_LIMITED, kind.detail(retryAfterSeconds), false);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Kind kind() {
        return kind;
    }

    /** Whole seconds until the next attempt can pass, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Which limit refused the attempt. */
    public enum Kind {
        /** Too many attempts from one client address. */
        IP("Too many purchase attempts from your network"),
        /** Too many attempts by one shopper in one sale. */
        SHOPPER("Too many purchase attempts for this shopper in this sale");

        private final String reason;

        Kind(String reason) {
            this.reason = reason;
        }

        String detail(long seconds) {
            return reason + "; try again in " + seconds + " s.";
        }
    }
}
