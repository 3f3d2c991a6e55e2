package com.flashsale.infrastructure.health;

import com.flashsale.infrastructure.jobs.BackgroundJobs;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while MongoDB answers ping and the startup tasks (unique index, reconciliation)
 * have completed.
 */
@Readiness
@ApplicationScoped
public class MongoReadinessCheck implements HealthCheck {

    @Inject
    MongoDatabase database;

    @Inject
    BackgroundJobs jobs;

    @Override
    public HealthCheckResponse call() {
        try {
            database.runCommand(new Document("ping", 1));
            return HealthCheckResponse.named("mongodb").status(jobs.isStarted())
                    .withData("startupTasksDone", jobs.isStarted()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("mongodb").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
