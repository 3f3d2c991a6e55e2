package com.flashsale.infrastructure.health;

import com.flashsale.purchase.OutboxBacklog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the outbox backlog (purchases confirmed but not yet in MongoDB), and is DOWN when its
 * oldest entry has waited longer than {@code flashsale.health.outbox-max-age-seconds}: the
 * persister is then not keeping up and new purchases should go to instances that do (with one
 * shared Redis, all instances see the same backlog, so the threshold is deliberately long and
 * {@code 0} turns the check into a report only).
 */
@Readiness
@ApplicationScoped
public class OutboxReadinessCheck implements HealthCheck {

    @Inject
    OutboxBacklog backlog;

    @Inject
    @ConfigProperty(name = "flashsale.health.outbox-max-age-seconds")
    long maxAgeSeconds;

    @Override
    public HealthCheckResponse call() {
        try {
            OutboxBacklog.Snapshot now = backlog.current();
            boolean fresh = maxAgeSeconds <= 0 || now.oldestAge().toSeconds() <= maxAgeSeconds;
            return HealthCheckResponse.named("outbox").status(fresh)
                    .withData("entries", now.entries())
                    .withData("oldestAgeSeconds", now.oldestAge().toSeconds())
                    .withData("maxAgeSeconds", maxAgeSeconds).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("outbox").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
