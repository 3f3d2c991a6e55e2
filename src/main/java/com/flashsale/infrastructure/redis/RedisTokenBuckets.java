package com.flashsale.infrastructure.redis;

import com.flashsale.ratelimit.Limit;
import com.flashsale.ratelimit.TokenBuckets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Token buckets in Redis, one key per bucket, each take one EVALSHA of {@code rate-limit.lua} (the
 * bucket arithmetic of {@code token-bucket.lua}, which the purchase script shares for the shopper
 * limit): one round trip, atomic, so attempts from one hot address never collide and retry, and it
 * works on a Redis Cluster as on one server. A key expires once its bucket would be full again.
 * Every Redis failure is a {@link com.flashsale.StoreUnavailableException} (503): the limits fail closed.
 *
 * <p>Before: Bucket4j's Jedis proxy manager read the bucket and swapped it by compare-and-swap, two
 * round trips that many attempts from one address retried (~12 calls per attempt measured), which
 * its batching avoided only by making callers wait for the batch in flight (docs/benchmarks.md).
 */
@ApplicationScoped
public class RedisTokenBuckets implements TokenBuckets {

    private static final LuaScript TAKE = LuaScript.load("token-bucket", "rate-limit");

    private final UnifiedJedis redis;

    @Inject
    public RedisTokenBuckets(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected RedisTokenBuckets() {
        this(null);
    }

    @Override
    public Duration tryTake(String key, Limit limit) {
        Object wait = RedisCalls.call(() -> TAKE.run(redis, List.of(key),
                List.of(Long.toString(limit.capacity()), Long.toString(limit.period().toMillis()))));
        long millis = (Long) wait;
        return millis <= 0 ? Duration.ZERO : Duration.ofMillis(millis);
    }
}
