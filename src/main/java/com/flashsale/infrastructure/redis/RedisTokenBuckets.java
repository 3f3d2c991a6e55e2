package com.flashsale.infrastructure.redis;

import com.flashsale.StoreUnavailableException;
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
import redis.clients.jedis.exceptions.JedisException;

/**
 * Token buckets in Redis through Bucket4j's Jedis proxy manager: one key per bucket (read, then
 * replaced by a compare-and-swap script), so it works on a Redis Cluster as on one server. A key
 * expires once its bucket would be full again (plus a margin): a full bucket and a missing one
 * mean the same, so a rush of a hundred thousand shoppers leaves nothing behind.
 *
 * <p>No batching optimization: it merged concurrent attempts on one bucket into one swap (4-5x the
 * throughput of 64 connections from one address), but a request then waits for the batch in flight
 * before running its own, so a stalled Redis held attempts for two Redis timeouts and more (5.8 s
 * in the fault suite, whose bound is 3.5 s); see docs/benchmarks.md and docs/reliability.md. Every
 * Redis failure, however Bucket4j wraps it, is a {@link StoreUnavailableException} (503).
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
        ConsumptionProbe probe;
        try {
            probe = RedisStockGateway.call(() -> buckets.builder().build(key, limit::configuration)
                    .tryConsumeAndReturnRemaining(1));
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw redisFailure(e);
        }
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }

    /** A Redis failure wrapped by Bucket4j becomes a 503; anything else stays what it is. */
    static RuntimeException redisFailure(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JedisException) {
                return new StoreUnavailableException("The purchase service is busy or unreachable; try again shortly.", e);
            }
        }
        return e;
    }
}
