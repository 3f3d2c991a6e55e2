package com.flashsale.infrastructure.redis;

import static com.flashsale.infrastructure.redis.RedisCalls.call;

import com.flashsale.admin.StoreWipe;
import com.flashsale.infrastructure.metrics.StoreCall;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import redis.clients.jedis.ScanIteration;
import redis.clients.jedis.UnifiedJedis;

/** The admin reset on Redis: deletes the keys matching {@link RedisKeys#OWNED_PATTERNS}, nothing else. */
@ApplicationScoped
@StoreCall("redis")
public class RedisStoreWipe implements StoreWipe {

    private final UnifiedJedis redis;

    @Inject
    public RedisStoreWipe(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected RedisStoreWipe() {
        this(null);
    }

    /**
     * Deletes every key this application owns. On a Redis Cluster a plain SCAN walks only the node
     * it happens to reach; {@code scanIteration} walks every master in turn (one server: just it),
     * and the cluster client splits a DEL of keys from different slots per slot.
     */
    @Override
    public long forgetAll() {
        return call(() -> {
            long deleted = 0;
            for (String pattern : RedisKeys.OWNED_PATTERNS) {
                ScanIteration scan = redis.scanIteration(1000, pattern);
                while (!scan.isIterationCompleted()) {
                    List<String> keys = scan.nextBatch().getResult();
                    if (!keys.isEmpty()) {
                        deleted += redis.del(keys.toArray(String[]::new));
                    }
                }
            }
            return deleted;
        });
    }
}
