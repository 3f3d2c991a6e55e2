package com.flashsale.purchase;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Writes a batch of just-decided purchases to the durable record, on one of the group commit's own
 * writer threads ({@link PurchaseGroupCommit}), never a request thread. A request waits at most
 * {@code flashsale.purchase.record.timeout-ms} for its batch; whatever is not written by then stays in
 * the outbox, which the persister drains. The {@code @Timeout} marks a write that took longer as
 * failed for the circuit breaker (on Liberty it does not cut a stuck socket read); while MongoDB fails
 * or stalls the circuit opens and batches fail at once, leaving their purchases to the outbox.
 * Thresholds are the {@code flashsale.purchase.record.*} keys (mapped onto the MicroProfile Fault
 * Tolerance properties in microprofile-config.properties).
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
     * removes their outbox entries, one call per sale.
     */
    @Timeout(1_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, successThreshold = 2)
    public void record(List<DecidedPurchase> batch) {
        purchases.saveAll(batch.stream().map(DecidedPurchase::receipt).toList());
        Map<String, List<String>> entriesBySale = new LinkedHashMap<>();
        for (DecidedPurchase p : batch) {
            entriesBySale.computeIfAbsent(p.receipt().saleId(), id -> new ArrayList<>()).add(p.outboxEntryId());
        }
        entriesBySale.forEach(outbox::acknowledge);
    }
}
