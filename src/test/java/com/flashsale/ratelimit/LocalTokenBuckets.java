package com.flashsale.ratelimit;

import java.time.Duration;

/** In-memory token buckets on a clock the test moves, standing in for the Redis adapter. */
public final class LocalTokenBuckets implements TokenBuckets {

    final MemoryTokenBuckets buckets = new MemoryTokenBuckets();
    private long millis;

    void advance(Duration duration) {
        millis += duration.toMillis();
    }

    @Override
    public Duration tryTake(String key, Limit limit) {
        return buckets.take(key, limit, millis);
    }
}
