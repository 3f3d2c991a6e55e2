package com.flashsale.infrastructure.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.admin.StoreWipe;
import com.flashsale.purchase.DecisionStoreContract;
import com.flashsale.purchase.PurchaseDecisions;
import com.flashsale.purchase.SaleStateRestore;
import com.flashsale.sale.CurrentSale;
import com.flashsale.sale.SaleStates;
import com.flashsale.sale.SharedLocks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Redis adapters of the decision store and their Lua scripts held to the store's contract, on a
 * real redis-server started for this class (no application server needed).
 */
class RedisDecisionStoreContractIT extends DecisionStoreContract {

    private static LocalRedisServer server;
    private static UnifiedJedis redis;
    private static RedisPurchaseDecisions decisions;
    private static RedisSaleStates states;
    private static RedisCurrentSale currentSale;
    private static RedisSharedLocks locks;
    private static RedisStoreWipe wipe;

    @BeforeAll
    static void startRedis() throws Exception {
        server = LocalRedisServer.start();
        redis = server.client();
        RedisChangeFeed changes = new RedisChangeFeed(); // a feed never started: announces nothing
        decisions = new RedisPurchaseDecisions(redis, changes);
        states = new RedisSaleStates(redis, changes);
        currentSale = new RedisCurrentSale(redis);
        locks = new RedisSharedLocks(redis);
        wipe = new RedisStoreWipe(redis);
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
    protected PurchaseDecisions decisions() {
        return decisions;
    }

    @Override
    protected SaleStates states() {
        return states;
    }

    @Override
    protected SaleStateRestore stateRestore() {
        return states;
    }

    @Override
    protected CurrentSale currentSale() {
        return currentSale;
    }

    @Override
    protected SharedLocks locks() {
        return locks;
    }

    @Override
    protected StoreWipe wipe() {
        return wipe;
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

    @Override
    protected void admit(String saleId, String shopperId, String grant) {
        // as queue-admit.lua stores an admission
        redis.hset(RedisKeys.admitted(saleId), shopperId, grant);
        redis.zadd(RedisKeys.admissionExpiry(saleId), Double.parseDouble(grant.substring(grant.indexOf(':') + 1)),
                shopperId);
    }

    @Override
    protected Optional<String> heldAdmission(String saleId, String shopperId) {
        return Optional.ofNullable(redis.hget(RedisKeys.admitted(saleId), shopperId));
    }

    @Test
    void forgetAllLeavesKeysOfOtherApplications() {
        redis.set("someone-else:key", "kept");
        currentSale.setCurrentSaleId("a");

        assertEquals(1, wipe.forgetAll());

        assertEquals("kept", redis.get("someone-else:key"));
        assertTrue(currentSale.currentSaleId().isEmpty());
    }
}
