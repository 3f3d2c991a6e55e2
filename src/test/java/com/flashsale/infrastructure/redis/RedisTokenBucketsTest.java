package com.flashsale.infrastructure.redis;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.flashsale.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Which failures of the limiter are a 503 (seen in the fault suite: Bucket4j wraps Jedis' errors). */
class RedisTokenBucketsTest {

    @Test
    void aWrappedRedisFailureIsStoreUnavailable() {
        RuntimeException wrapped = new IllegalStateException("batch failed",
                new RuntimeException(new JedisConnectionException("Unexpected end of stream.")));
        assertInstanceOf(StoreUnavailableException.class, RedisTokenBuckets.redisFailure(wrapped));
    }

    @Test
    void aTimeoutInsideAJedisFailureIsStoreUnavailableNotARequestTimeout() {
        RuntimeException wrapped = new RuntimeException(
                new JedisConnectionException(new java.net.SocketTimeoutException("Read timed out")));
        assertInstanceOf(StoreUnavailableException.class, RedisTokenBuckets.redisFailure(wrapped));
    }

    @Test
    void anythingElseStaysWhatItIs() {
        RuntimeException bug = new IllegalArgumentException("not a store problem");
        assertSame(bug, RedisTokenBuckets.redisFailure(bug));
    }
}
