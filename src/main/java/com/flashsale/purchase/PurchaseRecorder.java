package com.flashsale.purchase;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * Writes a just-decided purchase to the durable record from the request thread. While MongoDB
 * fails or stalls the circuit opens and requests stop waiting on it (the purchase stays in the
 * outbox, which the persister drains); the bulkhead caps how many request threads can wait on
 * MongoDB at once. Thresholds are MicroProfile Fault Tolerance settings, overridable as
 * {@code com.flashsale.purchase.PurchaseRecorder/record/CircuitBreaker/delay} and so on.
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

    /** Records the purchase, then removes its outbox entry. */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5_000, successThreshold = 2)
    @Bulkhead(32)
    public void record(Receipt receipt, String outboxEntryId) {
        purchases.saveAll(List.of(receipt));
        outbox.acknowledge(receipt.saleId(), List.of(outboxEntryId));
    }
}
