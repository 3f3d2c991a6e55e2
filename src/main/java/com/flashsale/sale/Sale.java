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

    /**
     * The sale with an edit applied. A waiting room that stays keeps its pause: the edit form does not
     * carry it, and an edit must not silently resume admission an admin paused.
     */
    public Sale withDraft(SaleDraft draft, Instant now) {
        WaitingRoom room = draft.waitingRoom();
        if (room != null && waitingRoom != null) {
            room = room.withAdmission(room.admissionRatePerSecond(), waitingRoom.paused());
        }
        return new Sale(id, draft.productName(), draft.totalStock(), draft.startTime(), draft.endTime(),
                createdAt, now, cancelled, room);
    }
}
