package com.flashsale.ratelimit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Token buckets in memory with the arithmetic of {@code token-bucket.lua} (greedy refill of
 * capacity per period, created full, fractional tokens), for the test doubles of the Redis adapters.
 * The decision store contract test holds it to the script.
 */
public final class MemoryTokenBuckets {

    private final Map<String, double[]> buckets = new HashMap<>();

    /** Takes one token at {@code nowMillis}: zero when taken, else the wait until one is there. */
    public synchronized Duration take(String key, Limit limit, long nowMillis) {
        double capacity = limit.capacity();
        double periodMillis = limit.period().toMillis();
        double[] bucket = buckets.get(key);
        double tokens = bucket == null ? capacity
                : Math.min(capacity, bucket[0] + Math.max(0, nowMillis - bucket[1]) * capacity / periodMillis);
        if (tokens < 1) {
            return Duration.ofMillis((long) Math.ceil((1 - tokens) * periodMillis / capacity));
        }
        buckets.put(key, new double[] {tokens - 1, nowMillis});
        return Duration.ZERO;
    }

    public synchronized int size() {
        return buckets.size();
    }

    public synchronized void clear() {
        buckets.clear();
    }
}
