package com.flashsale.infrastructure.redis;

import com.flashsale.infrastructure.embedded.ServiceEndpoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Produces the pooled Redis client. {@code UnifiedJedis} has final methods and cannot be
 * proxied, so it is a {@link Singleton} rather than application-scoped.
 */
@ApplicationScoped
public class RedisClientProducer {

    @Inject
    ServiceEndpoints endpoints;

    @Inject
    @ConfigProperty(name = "flashsale.redis.pool.max-total", defaultValue = "32")
    int maxTotal;

    @Inject
    @ConfigProperty(name = "flashsale.redis.pool.min-idle", defaultValue = "4")
    int minIdle;

    @Inject
    @ConfigProperty(name = "flashsale.redis.pool.max-wait-ms", defaultValue = "500")
    long maxWaitMillis;

    @Inject
    @ConfigProperty(name = "flashsale.redis.connect-timeout-ms", defaultValue = "1000")
    int connectTimeoutMillis;

    @Inject
    @ConfigProperty(name = "flashsale.redis.socket-timeout-ms", defaultValue = "1000")
    int socketTimeoutMillis;

    @Produces
    @Singleton
    UnifiedJedis redis() {
        URI uri = URI.create(endpoints.redisUrl());
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(connectTimeoutMillis)
                .socketTimeoutMillis(socketTimeoutMillis)
                .ssl("rediss".equals(uri.getScheme()))
                .clientName("flash-sale");
        applyCredentials(uri, client);
        return RedisClient.builder()
                .hostAndPort(new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379))
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

    private static void applyCredentials(URI uri, DefaultJedisClientConfig.Builder client) {
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                client.password(userInfo);
            } else {
                if (colon > 0) {
                    client.user(userInfo.substring(0, colon));
                }
                client.password(userInfo.substring(colon + 1));
            }
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            client.database(Integer.parseInt(path.substring(1)));
        }
    }
}
