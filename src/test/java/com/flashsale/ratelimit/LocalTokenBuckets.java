package com.flashsale.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Bucket4j's in-memory buckets on a clock the test moves, standing in for the Redis adapter. */
final class LocalTokenBuckets implements TokenBuckets {

    final Map<String, Bucket> buckets = new HashMap<>();
    private long nanos;
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    void advance(Duration duration) {
        nanos += duration.toNanos();
    }

    @Override
    public Duration tryTake(String key, Limit limit) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(limit.configuration().getBandwidths()[0]).withCustomTimePrecision(clock).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }
}
