package com.flashsale.infrastructure.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.flashsale.StoreUnavailableException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

class RedisCallsTest {

    @ParameterizedTest
    @ValueSource(strings = {"LOADING Redis is loading the dataset in memory", "BUSY Redis is busy running a script",
            "MASTERDOWN Link with MASTER is down", "TRYAGAIN Multiple keys request during rehashing of slot",
            "CLUSTERDOWN The cluster is down"})
    void passingRedisRefusalsAreUnavailableNotBugs(String reply) {
        assertThrows(StoreUnavailableException.class, () -> RedisCalls.call(() -> {
            throw new JedisDataException(reply);
        }));
    }

    @Test
    void anUnreachableRedisIsUnavailable() {
        assertThrows(StoreUnavailableException.class, () -> RedisCalls.call(() -> {
            throw new JedisConnectionException("Connection refused");
        }));
    }

    @Test
    void aScriptOrTypeErrorIsABugAndPropagates() {
        JedisDataException e = assertThrows(JedisDataException.class, () -> RedisCalls.call(() -> {
            throw new JedisDataException("WRONGTYPE Operation against a key holding the wrong kind of value");
        }));
        assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value", e.getMessage());
    }
}
