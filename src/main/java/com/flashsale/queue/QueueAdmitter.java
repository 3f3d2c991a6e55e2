package com.flashsale.queue;

import com.flashsale.queue.WaitingLines.AdmissionStep;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs every waiting room's admission step on this instance, every
 * {@code flashsale.queue.admit-interval-ms}. The step is atomic and paced by the store's clock, so
 * every instance runs it and together they admit at the configured rate: no leader to elect, and an
 * instance that stops leaves the pace to the others. A failing store backs the loop off.
 */
@ApplicationScoped
public class QueueAdmitter {

    private static final Logger LOG = Logger.getLogger(QueueAdmitter.class.getName());
    private static final long MAX_BACKOFF_MS = 5_000;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    WaitingLines lines;

    @Inject
    QueueProgress progress;

    @Inject
    QueueMetrics metrics;

    @Inject
    @ConfigProperty(name = "flashsale.queue.admit-interval-ms")
    long intervalMillis;

    @Inject
    @ConfigProperty(name = "flashsale.queue.admit-max-per-step")
    int maxPerStep;

    @Inject
    @ConfigProperty(name = "flashsale.queue.admit-max-backlog-ms")
    long maxBacklogMillis;

    private volatile boolean stopping;
    private volatile ScheduledFuture<?> next;
    private volatile Instant lastStep;
    private long backoffMillis;

    void onStartup(@Observes Startup event) {
        schedule(intervalMillis);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        ScheduledFuture<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    /** When this instance last completed a round of admission steps (null before the first). */
    public Instant lastStep() {
        return lastStep;
    }

    /** One round: an admission step for every sale with a waiting room. */
    void stepAll() {
        for (String saleId : lines.salesWithWaitingRooms()) {
            AdmissionStep step = lines.admit(saleId, maxPerStep, maxBacklogMillis);
            metrics.stepped(step.admitted(), step.expired());
            progress.update(saleId, step);
            if (!step.needed()) {
                lines.forget(saleId); // closed with nothing outstanding, or no waiting room any more
            }
        }
        lastStep = Instant.now();
    }

    private void run() {
        try {
            stepAll();
            backoffMillis = 0;
            schedule(intervalMillis);
        } catch (RuntimeException e) {
            backoffMillis = Math.min(MAX_BACKOFF_MS, Math.max(250, backoffMillis * 2));
            LOG.log(Level.WARNING, "Admission step failed, backing off {0} ms: {1}",
                    new Object[] {backoffMillis, e.toString()});
            schedule(backoffMillis);
        }
    }

    private void schedule(long delayMillis) {
        if (!stopping) {
            next = executor.schedule(this::run, delayMillis, TimeUnit.MILLISECONDS);
        }
    }
}
