package com.flashsale.purchase;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * Writes a batch of just-decided purchases to the durable record, off the request thread
 * ({@link PurchaseGroupCommit} forms the batches). A stalled MongoDB
 * held requests for its whole 5 s read timeout before (9.9 s of a 10 s pause, see
 * docs/reliability.md): now the caller waits at most {@code flashsale.purchase.record.timeout-ms}
 * and whatever is not written by then stays in the outbox, which the persister drains. The
 * {@code @Timeout} marks such a write failed for the circuit breaker; while MongoDB fails or
 * stalls the circuit opens and purchases stop queueing writes at all; the bulkhead caps the
 * writes in flight and waiting. Thresholds are the {@code flashsale.purchase.record.*} keys
 * (mapped onto the MicroProfile Fault Tolerance properties in microprofile-config.properties).
 */
@ApplicationScoped
public class PurchaseRecorder {

    private final PurchaseRepository purchases;
    private final Outbox outbox;

    @Inject
    public PurchaseRecorder(PurchaseRepository purchases, Outbox outbox) {
        this.purchases = purchases;
        this.outbox = outbox;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected PurchaseRecorder() {
        this(null, null);
    }

    /**
     * Records a batch of purchases (one unordered insert; one already recorded is no error), then
     * removes their outbox entries, one call per sale; the stage fails on error or timeout.
     */
    @Asynchronous
    @Timeout(1_000)
    // A full bulkhead says the writes are busy, not that MongoDB fails: it must not open the circuit
    // (it did after a cold restart, sending 500 purchases of a healthy MongoDB to the outbox).
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, successThreshold = 2,
            skipOn = BulkheadException.class)
    @Bulkhead(value = 8, waitingTaskQueue = 16)
    public CompletionStage<Void> record(List<DecidedPurchase> batch) {
        purchases.saveAll(batch.stream().map(DecidedPurchase::receipt).toList());
        Map<String, List<String>> entriesBySale = new LinkedHashMap<>();
        for (DecidedPurchase p : batch) {
            entriesBySale.computeIfAbsent(p.receipt().saleId(), id -> new ArrayList<>()).add(p.outboxEntryId());
        }
        entriesBySale.forEach(outbox::acknowledge);
        return CompletableFuture.completedFuture(null);
    }
}
