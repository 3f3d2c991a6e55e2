package com.flashsale.sale;

import java.time.Instant;

/**
 * A flash sale as recorded durably: a product with a limited stock sold during a time window.
 * The live stock and status come from {@link SaleState}. {@code waitingRoom} is null for a sale
 * without one.
 */
public record Sale(
        String id,
        String productName,
        int totalStock,
        Instant startTime,
        Instant endTime,
        Instant createdAt,
        Instant updatedAt,
        boolean cancelled,
        WaitingRoom waitingRoom) {

    /** A sale without a waiting room. */
    public Sale(String id, String productName, int totalStock, Instant startTime, Instant endTime,
                Instant createdAt, Instant updatedAt, boolean cancelled) {
        this(id, productName, totalStock, startTime, endTime, createdAt, updatedAt, cancelled, null);
    }

    public boolean hasWaitingRoom() {
        return waitingRoom != null;
    }

    public boolean hasEndedAt(Instant now) {
        return !now.isBefore(endTime);
    }

    public Sale withDraft(SaleDraft draft, Instant now) {
        return new Sale(id, draft.productName(), draft.totalStock(), draft.startTime(), draft.endTime(),
                createdAt, now, cancelled, draft.waitingRoom());
    }
}
