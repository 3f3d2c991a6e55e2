package com.flashsale.purchase;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit of decided purchases: concurrent purchases wait on one MongoDB {@code insertMany}
 * (and one outbox acknowledgement per sale) instead of one insert each. A purchase joins the queue;
 * while fewer than {@code flashsale.purchase.record.batches-in-flight} batches are being written,
 * the queue (at most {@code flashsale.purchase.record.batch-size}) goes out as the next batch. No
 * timer: while a batch is written the next one fills, so a quiet shop writes each purchase at once
 * and a rush writes hundreds per round trip. At most one batch waits: beyond it a purchase is left
 * to the outbox at once (as the bulkhead's queue did before), so a slow MongoDB adds no queueing.
 * The promise is unchanged: a request answers 201 once its batch is in MongoDB, or after the
 * bounded wait with the purchase still in the outbox.
 */
@ApplicationScoped
public class PurchaseGroupCommit {

    private final PurchaseRecorder recorder;
    private final int batchSize;
    private final int maxInFlight;
    private final Executor writers;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();

    private record Pending(DecidedPurchase purchase, CompletableFuture<Void> done) {
    }

    /**
     * The writes run on threads of their own (one per batch in flight, from the container's managed
     * thread factory), not on the executor that runs requests: requests waiting for their batch
     * occupy that pool, and a write queued behind them waited until they timed out (measured: p99 1 s).
     */
    @Inject
    public PurchaseGroupCommit(PurchaseRecorder recorder,
                               @ConfigProperty(name = "flashsale.purchase.record.batch-size") int batchSize,
                               @ConfigProperty(name = "flashsale.purchase.record.batches-in-flight") int maxInFlight,
                               WriterThreads threads) {
        this(recorder, batchSize, maxInFlight, threads == null ? null : threads.pool(Math.max(1, maxInFlight)));
    }

    /** With the executor that runs the writes (tests: a direct one). */
    PurchaseGroupCommit(PurchaseRecorder recorder, int batchSize, int maxInFlight, Executor writers) {
        this.recorder = recorder;
        this.batchSize = Math.max(1, batchSize);
        this.maxInFlight = Math.max(1, maxInFlight);
        this.writers = writers;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected PurchaseGroupCommit() {
        this(null, 1, 1, (Executor) null);
    }

    /**
     * Queues the purchase for the next batch; the stage completes when its batch is recorded or failed.
     * When the next batch is already full the stage fails at once: MongoDB is not keeping up, and the
     * purchase, safe in the outbox, is better left to the persister than waited for.
     */
    public CompletableFuture<Void> record(DecidedPurchase purchase) {
        if (queued.incrementAndGet() > batchSize) {
            queued.decrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("group commit full"));
        }
        Pending pending = new Pending(purchase, new CompletableFuture<>());
        queue.add(pending);
        flush();
        return pending.done();
    }

    private void flush() {
        while (!queue.isEmpty()) {
            int running = inFlight.get();
            if (running >= maxInFlight) {
                return; // the batch in flight flushes again when it completes
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Pending> batch = drain();
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            write(batch);
        }
    }

    private List<Pending> drain() {
        List<Pending> batch = new ArrayList<>(Math.min(batchSize, 64));
        Pending next;
        while (batch.size() < batchSize && (next = queue.poll()) != null) {
            batch.add(next);
            queued.decrementAndGet();
        }
        return batch;
    }

    private void write(List<Pending> batch) {
        try {
            writers.execute(() -> writeNow(batch));
        } catch (RuntimeException e) { // writers shut down: the purchases stay in the outbox
            finish(batch, e);
        }
    }

    private void writeNow(List<Pending> batch) {
        RuntimeException failure = null;
        try {
            recorder.record(batch.stream().map(Pending::purchase).toList());
        } catch (RuntimeException e) { // failed, timed out, circuit open: the purchases stay in the outbox
            failure = e;
        }
        finish(batch, failure);
    }

    private void finish(List<Pending> batch, RuntimeException failure) {
        for (Pending p : batch) {
            if (failure == null) {
                p.done().complete(null);
            } else {
                p.done().completeExceptionally(failure);
            }
        }
        inFlight.decrementAndGet();
        flush();
    }
}
