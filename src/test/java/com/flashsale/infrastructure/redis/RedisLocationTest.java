package com.flashsale.infrastructure.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class RedisLocationTest {

    @Test
    void oneServerWithCredentialsAndDatabase() {
        RedisLocation l = RedisLocation.parse("redis://app:s3cr@t@cache:6390/2");
        assertFalse(l.cluster());
        assertFalse(l.tls());
        assertEquals(new HostAndPort("cache", 6390), l.node());
        assertEquals(Optional.of("app"), l.user());
        assertEquals(Optional.of("s3cr@t"), l.password());
        assertEquals(2, l.database());
    }

    @Test
    void passwordOnlyAndDefaultPort() {
        RedisLocation l = RedisLocation.parse("rediss://secret@cache");
        assertTrue(l.tls());
        assertEquals(new HostAndPort("cache", 6379), l.node());
        assertEquals(Optional.empty(), l.user());
        assertEquals(Optional.of("secret"), l.password());
    }

    @Test
    void clusterSeedNodes() {
        RedisLocation l = RedisLocation.parse("redis-cluster://127.0.0.1:7000, 127.0.0.1:7001,127.0.0.1:7002");
        assertTrue(l.cluster());
        assertFalse(l.tls());
        assertEquals(Set.of(new HostAndPort("127.0.0.1", 7000), new HostAndPort("127.0.0.1", 7001),
                new HostAndPort("127.0.0.1", 7002)), l.nodes());
        assertEquals(0, l.database());
        assertTrue(RedisLocation.parse("rediss-cluster://u:p@a:1").tls());
    }

    @Test
    void refusesWhatCannotBeMeant() {
        assertThrows(IllegalArgumentException.class, () -> RedisLocation.parse("redis://a:1,b:2"));
        assertThrows(IllegalArgumentException.class, () -> RedisLocation.parse("redis-cluster://a:1/3"));
        assertThrows(IllegalArgumentException.class, () -> RedisLocation.parse("http://a:1"));
        assertThrows(IllegalArgumentException.class, () -> RedisLocation.parse("a:1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisLocation.parse("redis://user:pw@a:port"));
        assertFalse(e.getMessage().contains("pw"), "the password is not shown");
    }
}
