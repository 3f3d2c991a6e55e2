package com.flashsale.ratelimit;

import java.time.Duration;

/**
 * One token bucket rule: {@code capacity} attempts at once, refilled greedily at {@code capacity}
 * per {@code period} (one token every period / capacity).
 */
public record Limit(long capacity, Duration period) {

    public Limit {
        if (capacity < 1) {
            throw new IllegalArgumentException("A rate limit needs a capacity of at least 1, not " + capacity);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A rate limit needs a positive refill period, not " + period);
        }
    }

    /**
     * A short fingerprint of the rule for the bucket key: a bucket keeps the rule it was created
     * with, so a changed limit gets fresh buckets at once instead of after the old ones expire.
     */
    public String fingerprint() {
        return capacity + "per" + period.toSeconds() + "s";
    }
}
