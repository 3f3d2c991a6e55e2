package com.flashsale.purchase;

/**
 * The answer of the atomic purchase step.
 *
 * @param outcome what was decided
 * @param receipt the new purchase ({@code BOUGHT}) or the shopper's earlier one ({@code ALREADY_PURCHASED})
 * @param outboxEntryId the outbox entry recording a new purchase, or {@code null}
 */
public record Decision(Outcome outcome, Receipt receipt, String outboxEntryId) {

    /** Every answer the decision can give. */
    public enum Outcome {
        BOUGHT, ALREADY_PURCHASED, SOLD_OUT, NOT_STARTED, ENDED, CANCELLED,
        /** The store holds no state for this sale (new store, flushed, or unknown sale). */
        NO_STATE,
        /** The sale's state is being rebuilt from the durable record. */
        REBUILDING,
        /**
         * The store process changed (restart, failover) since the sale's state was last checked
         * against the durable record: it may be older than what was acknowledged.
         */
        STALE
    }

    public static Decision of(Outcome outcome) {
        return new Decision(outcome, null, null);
    }
}
