package com.flashsale.infrastructure.redis;

import com.flashsale.ratelimit.Limit;
import com.flashsale.ratelimit.TokenBuckets;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;

/**
 * Token buckets in Redis through Bucket4j's Jedis proxy manager: one key per bucket (read, then
 * replaced by a compare-and-swap script), so it works on a Redis Cluster as on one server. A key
 * expires once its bucket would be full again (plus a margin): a full bucket and a missing one
 * mean the same, so a rush of a hundred thousand shoppers leaves nothing behind.
 */
@ApplicationScoped
public class RedisTokenBuckets implements TokenBuckets {

    /** Kept after a bucket would be full again, so clocks of different instances may differ a little. */
    private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);

    private final ProxyManager<String> buckets;

    @Inject
    public RedisTokenBuckets(UnifiedJedis redis) {
        this.buckets = redis == null ? null : Bucket4jJedis.casBasedBuilder(redis)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
                .keyMapper(Mapper.STRING)
                .build();
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected RedisTokenBuckets() {
        this(null);
    }

    @Override
    public Duration tryTake(String key, Limit limit) {
        ConsumptionProbe probe = RedisStockGateway.call(() -> buckets.builder()
                .build(key, limit::configuration).tryConsumeAndReturnRemaining(1));
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }
}
