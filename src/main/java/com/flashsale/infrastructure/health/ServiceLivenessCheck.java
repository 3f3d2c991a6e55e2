package com.flashsale.infrastructure.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the JVM serves requests. Deliberately independent of Redis and MongoDB: an outage
 * there must make the instance unready, not get it restarted.
 */
@Liveness
@ApplicationScoped
public class ServiceLivenessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("flash-sale");
    }
}
