package com.flashsale.sale;

import java.time.Instant;

/**
 * A flash sale as recorded durably: a product with a limited stock sold during a time window.
 * The live stock and status come from {@link SaleState}.
 */
public record Sale(
        String id,
        String productName,
        int totalStock,
        Instant startTime,
        Instant endTime,
        Instant createdAt,
        Instant updatedAt,
        boolean cancelled) {

    public boolean hasEndedAt(Instant now) {
        return !now.isBefore(endTime);
    }

    public Sale withDraft(SaleDraft draft, Instant now) {
        return new Sale(id, draft.productName(), draft.totalStock(), draft.startTime(), draft.endTime(),
                createdAt, now, cancelled);
    }
}
