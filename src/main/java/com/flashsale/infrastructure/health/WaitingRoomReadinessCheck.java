package com.flashsale.infrastructure.health;

import com.flashsale.queue.QueueAdmitter;
import com.flashsale.queue.QueueProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports this instance's waiting-room admitter: how many lines it steps, how many shoppers wait in
 * them, and how long ago its last round of admission steps completed. DOWN when lines exist and that
 * round is older than {@code flashsale.health.queue-max-step-age-seconds}: the admission pace survives
 * (the other instances keep it), but this instance's live pages derive positions from its own steps
 * and would show stale places. {@code 0} reports only.
 */
@Readiness
@ApplicationScoped
public class WaitingRoomReadinessCheck implements HealthCheck {

    @Inject
    QueueAdmitter admitter;

    @Inject
    QueueProgress progress;

    @Inject
    @ConfigProperty(name = "flashsale.health.queue-max-step-age-seconds")
    long maxAgeSeconds;

    @Override
    public HealthCheckResponse call() {
        Instant last = admitter.lastStep();
        long ageSeconds = last == null ? -1 : Duration.between(last, Instant.now()).toSeconds();
        boolean stale = progress.lines() > 0 && maxAgeSeconds > 0 && (last == null || ageSeconds > maxAgeSeconds);
        return HealthCheckResponse.named("waiting-rooms").status(!stale)
                .withData("lines", progress.lines())
                .withData("waiting", progress.waiting())
                .withData("lastStepAgeSeconds", ageSeconds)
                .withData("maxStepAgeSeconds", maxAgeSeconds).build();
    }
}
