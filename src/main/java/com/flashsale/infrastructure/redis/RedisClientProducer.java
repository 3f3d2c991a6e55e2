package com.flashsale.infrastructure.redis;

import com.flashsale.infrastructure.embedded.ServiceEndpoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Produces the pooled Redis client: a {@code RedisClient} for one server or a
 * {@code RedisClusterClient} for a Redis Cluster, chosen by the scheme of
 * {@code flashsale.redis.url} (see {@link RedisLocation}). Both are used as {@code UnifiedJedis}.
 * {@code UnifiedJedis} has final methods and cannot be proxied, so it is a {@link Singleton}
 * rather than application-scoped.
 */
@ApplicationScoped
public class RedisClientProducer {

    @Inject
    ServiceEndpoints endpoints;

    @Inject
    @ConfigProperty(name = "flashsale.redis.pool.max-total")
    int maxTotal;

    @Inject
    @ConfigProperty(name = "flashsale.redis.pool.min-idle")
    int minIdle;

    @Inject
    @ConfigProperty(name = "flashsale.redis.pool.max-wait-ms")
    long maxWaitMillis;

    @Inject
    @ConfigProperty(name = "flashsale.redis.connect-timeout-ms")
    int connectTimeoutMillis;

    @Inject
    @ConfigProperty(name = "flashsale.redis.socket-timeout-ms")
    int socketTimeoutMillis;

    @Produces
    @Singleton
    UnifiedJedis redis() {
        RedisLocation location = RedisLocation.parse(endpoints.redisUrl());
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(connectTimeoutMillis)
                .socketTimeoutMillis(socketTimeoutMillis)
                .ssl(location.tls())
                .clientName("flash-sale")
                .database(location.database());
        location.user().ifPresent(client::user);
        location.password().ifPresent(client::password);
        if (location.cluster()) {
            // One pool per master; the client follows MOVED/ASK redirections and refreshes the slot map.
            return RedisClusterClient.builder()
                    .nodes(location.nodes())
                    .clientConfig(client.build())
                    .poolConfig(poolConfig())
                    .build();
        }
        return RedisClient.builder()
                .hostAndPort(location.node())
                .clientConfig(client.build())
                .poolConfig(poolConfig())
                .build();
    }

    void close(@Disposes UnifiedJedis redis) {
        redis.close();
    }

    private ConnectionPoolConfig poolConfig() {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(maxTotal);
        pool.setMaxIdle(maxTotal);
        pool.setMinIdle(minIdle);
        pool.setMaxWait(Duration.ofMillis(maxWaitMillis));
        pool.setBlockWhenExhausted(true);
        pool.setTestWhileIdle(true);
        return pool;
    }
}
