package com.flashsale.purchase;

import java.time.Duration;

/**
 * The answer of the atomic purchase step.
 *
 * @param outcome what was decided
 * @param receipt the new purchase ({@code BOUGHT}) or the shopper's earlier one ({@code ALREADY_PURCHASED})
 * @param outboxEntryId the outbox entry recording a new purchase, or {@code null}
 * @param retryAfter for {@code ADDRESS_LIMITED} and {@code SHOPPER_LIMITED}, how long until the shopper may try again; else zero
 */
public record Decision(Outcome outcome, Receipt receipt, String outboxEntryId, Duration retryAfter) {

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
        STALE,
        /** The client address used up its attempts in this sale (the address rate limit): nothing decided. */
        ADDRESS_LIMITED,
        /** The shopper used up their attempts in this sale (the shopper rate limit): nothing decided. */
        SHOPPER_LIMITED,
        /**
         * The sale has a waiting room and the attempt holds no admission for it: no token, a forged one,
         * one for another sale or shopper, or one already spent or replaced.
         */
        ADMISSION_REQUIRED,
        /** The sale has a waiting room and the attempt's admission has expired. */
        ADMISSION_EXPIRED
    }

    public Decision(Outcome outcome, Receipt receipt, String outboxEntryId) {
        this(outcome, receipt, outboxEntryId, Duration.ZERO);
    }

    /** A refusal by a rate limit: {@code ADDRESS_LIMITED} or {@code SHOPPER_LIMITED}. */
    public static Decision rateLimited(Outcome limit, Duration retryAfter) {
        if (limit != Outcome.ADDRESS_LIMITED && limit != Outcome.SHOPPER_LIMITED) {
            throw new IllegalArgumentException(limit + " is not a rate limit");
        }
        return new Decision(limit, null, null, retryAfter);
    }

    public static Decision of(Outcome outcome) {
        return new Decision(outcome, null, null);
    }
}
