package com.flashsale.infrastructure.redis;

import com.flashsale.ratelimit.Limit;
import com.flashsale.ratelimit.TokenBuckets;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.UnifiedJedis;

/**
 * Token buckets in Redis through Bucket4j's Jedis proxy manager: one key per bucket (read, then
 * replaced by a compare-and-swap script), so it works on a Redis Cluster as on one server. A key
 * expires once its bucket would be full again (plus a margin): a full bucket and a missing one
 * mean the same, so a rush of a hundred thousand shoppers leaves nothing behind.
 *
 * <p>Concurrent attempts on one bucket (one busy address: a carrier NAT, or every test client on
 * 127.0.0.1) would make each compare-and-swap fail and retry. Bucket4j's batching optimization
 * merges the attempts waiting on one bucket proxy into one swap, so the proxies of recently used
 * buckets are kept (a bounded map; a dropped proxy only loses that merging, never a token).
 */
@ApplicationScoped
public class RedisTokenBuckets implements TokenBuckets {

    /** Kept after a bucket would be full again, so clocks of different instances may differ a little. */
    private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);

    /** Proxies kept for merging; past this many the map starts over. */
    static final int MAX_KEPT_PROXIES = 10_000;

    private final ProxyManager<String> buckets;
    private final Map<String, BucketProxy> proxies = new ConcurrentHashMap<>();

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
        ConsumptionProbe probe = RedisStockGateway.call(() -> proxy(key, limit).tryConsumeAndReturnRemaining(1));
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }

    private BucketProxy proxy(String key, Limit limit) {
        BucketProxy proxy = proxies.get(key);
        if (proxy == null) {
            if (proxies.size() >= MAX_KEPT_PROXIES) {
                proxies.clear();
            }
            proxy = proxies.computeIfAbsent(key, k -> buckets.builder().withOptimization(Optimizations.batching())
                    .build(k, limit::configuration));
        }
        return proxy;
    }
}
