package com.flashsale.infrastructure.redis;

import static com.flashsale.infrastructure.redis.RedisCalls.call;

import com.flashsale.infrastructure.metrics.StoreCall;
import com.flashsale.sale.SharedLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/** Locks shared by every instance: SET NX PX to take, {@code unlock.lua} to release only the holder's. */
@ApplicationScoped
@StoreCall("redis")
public class RedisSharedLocks implements SharedLocks {

    private static final LuaScript UNLOCK = LuaScript.load("unlock");

    private final UnifiedJedis redis;

    @Inject
    public RedisSharedLocks(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected RedisSharedLocks() {
        this(null);
    }

    @Override
    public boolean tryLock(String name, String token, long ttlMillis) {
        return "OK".equals(call(() -> redis.set(RedisKeys.lock(name), token, SetParams.setParams().nx().px(ttlMillis))));
    }

    @Override
    public void unlock(String name, String token) {
        call(() -> UNLOCK.run(redis, List.of(RedisKeys.lock(name)), List.of(token)));
    }
}
