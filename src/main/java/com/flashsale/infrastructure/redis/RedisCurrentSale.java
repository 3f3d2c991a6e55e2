package com.flashsale.infrastructure.redis;

import static com.flashsale.infrastructure.redis.RedisCalls.call;

import com.flashsale.infrastructure.metrics.StoreCall;
import com.flashsale.sale.CurrentSale;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/** The seed-compatible API's "current sale" as one Redis string key. */
@ApplicationScoped
@StoreCall("redis")
public class RedisCurrentSale implements CurrentSale {

    private final UnifiedJedis redis;

    @Inject
    public RedisCurrentSale(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected RedisCurrentSale() {
        this(null);
    }

    @Override
    public Optional<String> currentSaleId() {
        return Optional.ofNullable(call(() -> redis.get(RedisKeys.CURRENT)));
    }

    @Override
    public void setCurrentSaleId(String saleId) {
        call(() -> redis.set(RedisKeys.CURRENT, saleId));
    }

    @Override
    public void clearCurrentSaleId(String onlyIfEqualTo) {
        call(() -> onlyIfEqualTo.equals(redis.get(RedisKeys.CURRENT)) ? redis.del(RedisKeys.CURRENT) : 0L);
    }
}
