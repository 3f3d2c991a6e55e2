package com.flashsale.infrastructure.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import redis.clients.jedis.UnifiedJedis;

/** Ready only while Redis answers PING: without it no purchase can be decided. */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements HealthCheck {

    @Inject
    UnifiedJedis redis;

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("redis").status("PONG".equals(redis.ping())).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("redis").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
