package com.flashsale.infrastructure.jobs;

import com.flashsale.infrastructure.mongo.MongoSchema;
import com.flashsale.infrastructure.security.AdminCredentials;
import com.flashsale.purchase.OutboxPersister;
import com.flashsale.purchase.Reconciler;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Work that runs beside requests: at startup, create the indexes and reconcile every open sale
 * (retrying until MongoDB and Redis answer); then, forever, drain the outbox into MongoDB,
 * backing off while a store is down.
 */
@ApplicationScoped
public class BackgroundJobs {

    private static final Logger LOG = Logger.getLogger(BackgroundJobs.class.getName());
    private static final long MAX_BACKOFF_MS = 10_000;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    MongoSchema schema;

    @Inject
    Reconciler reconciler;

    @Inject
    OutboxPersister persister;

    @Inject
    AdminCredentials adminCredentials;

    @Inject
    @ConfigProperty(name = "flashsale.outbox.poll-interval-ms")
    long pollMillis;

    @Inject
    @ConfigProperty(name = "flashsale.reconcile.on-startup")
    boolean reconcileOnStartup;

    private volatile boolean started;
    private volatile boolean stopping;
    private volatile ScheduledFuture<?> next;
    private long backoffMillis;

    void onStartup(@Observes Startup event) {
        adminCredentials.announce();
        schedule(this::startUp, 0);
    }

    /** True once indexes exist and open sales were reconciled. */
    public boolean isStarted() {
        return started;
    }

    @PreDestroy
    void stop() {
        stopping = true;
        ScheduledFuture<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void startUp() {
        try {
            schema.ensureIndexes();
            if (reconcileOnStartup) {
                var results = reconciler.reconcileOpenSales();
                LOG.info(() -> "Startup reconciliation: " + results.size() + " open sale(s), "
                        + results.stream().filter(Reconciler.Result::rebuilt).count() + " rebuilt");
            }
            started = true;
            backoffMillis = 0;
            schedule(this::drainOutbox, pollMillis);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Startup tasks failed, retrying: {0}", e.toString());
            schedule(this::startUp, backoff());
        }
    }

    private void drainOutbox() {
        try {
            persister.drainAll();
            backoffMillis = 0;
            schedule(this::drainOutbox, pollMillis);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Outbox drain failed, backing off: {0}", e.toString());
            schedule(this::drainOutbox, backoff());
        }
    }

    private long backoff() {
        backoffMillis = Math.min(MAX_BACKOFF_MS, Math.max(250, backoffMillis * 2));
        return backoffMillis;
    }

    private void schedule(Runnable task, long delayMillis) {
        if (!stopping) {
            next = executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        }
    }
}
