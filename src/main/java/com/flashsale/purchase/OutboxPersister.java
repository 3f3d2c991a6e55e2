package com.flashsale.purchase;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Moves decided purchases from the outbox into the durable record. Safe with many instances:
 * each takes entries through a consumer group, and entries abandoned by a dead instance are
 * claimed by another once idle. Writing a purchase twice is harmless (unique index).
 */
@ApplicationScoped
public class OutboxPersister {

    private final Outbox outbox;
    private final PurchaseRepository purchases;
    private final int batchSize;
    private final String consumer;

    @Inject
    public OutboxPersister(Outbox outbox, PurchaseRepository purchases,
                           @ConfigProperty(name = "flashsale.outbox.batch-size") int batchSize) {
        this.outbox = outbox;
        this.purchases = purchases;
        this.batchSize = batchSize;
        this.consumer = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected OutboxPersister() {
        this(null, null, 0);
    }

    /** Drains every sale's outbox; returns how many purchases were recorded. */
    public int drainAll() {
        int total = 0;
        for (String saleId : outbox.saleIds()) {
            total += drain(saleId);
        }
        return total;
    }

    /** Drains one sale's outbox until it holds nothing this instance can take. */
    public int drain(String saleId) {
        int total = 0;
        List<Outbox.Entry> batch;
        do {
            batch = outbox.take(saleId, consumer, batchSize);
            if (!batch.isEmpty()) {
                purchases.saveAll(batch.stream().map(Outbox.Entry::receipt).toList());
                outbox.acknowledge(saleId, batch.stream().map(Outbox.Entry::id).toList());
                total += batch.size();
            }
        } while (batch.size() == batchSize);
        return total;
    }
}
