package com.flashsale.infrastructure.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.purchase.StockGateway;
import com.flashsale.purchase.StockGatewayContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link RedisStockGateway} and its Lua scripts held to the gateway contract, on a real redis-server
 * started for this class (no application server needed).
 */
class RedisStockGatewayContractIT extends StockGatewayContract {

    private static LocalRedisServer server;
    private static UnifiedJedis redis;
    private static RedisStockGateway gateway;

    @BeforeAll
    static void startRedis() throws Exception {
        server = LocalRedisServer.start();
        redis = server.client();
        gateway = new RedisStockGateway(redis, new RedisChangeFeed()); // a feed never started: announces nothing
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void emptyStore() {
        redis.flushAll();
    }

    @Override
    protected StockGateway gateway() {
        return gateway;
    }

    @Override
    protected Instant storeNow() {
        List<?> time = (List<?>) redis.eval("return redis.call('TIME')");
        return Instant.ofEpochSecond(Long.parseLong((String) time.get(0))).plusNanos(Long.parseLong((String) time.get(1)) * 1000);
    }

    @Override
    protected void elapse(Duration step) {
        try {
            Thread.sleep(step.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void makeStale(String saleId) {
        redis.hset(RedisKeys.meta(saleId), "epoch", "a-previous-redis-process");
    }

    @Test
    void forgetAllLeavesKeysOfOtherApplications() {
        redis.set("someone-else:key", "kept");
        gateway.setCurrentSaleId("a");

        assertEquals(1, gateway.forgetAll());

        assertEquals("kept", redis.get("someone-else:key"));
        assertTrue(gateway.currentSaleId().isEmpty());
    }
}
