package com.flashsale.queue;

import java.time.Instant;

/**
 * Where a shopper stands in a sale's waiting room, read in one step with the store's clock.
 *
 * @param state what the shopper should do next
 * @param serverTime the store's clock at the read
 * @param opensAt when the sale opens
 * @param endsAt when the sale ends
 * @param ratePerSecond the admission rate now
 * @param paused whether admission is paused
 * @param shuffled whether arrivals before the opening are shuffled at it
 * @param position 1 for the head of the line; 0 when not in line
 * @param waiting how many are in line
 * @param admittedTotal how many this waiting room has admitted so far
 * @param grant the admission ({@code <number>:<expires at ms>}) when {@code ADMITTED}, else empty
 */
public record Standing(State state, Instant serverTime, Instant opensAt, Instant endsAt, int ratePerSecond,
                       boolean paused, boolean shuffled, long position, long waiting, long admittedTotal,
                       String grant) {

    /** Every state a ticket can be in. */
    public enum State {
        /** Joined before the opening; with shuffling, the order is drawn at the opening. */
        EARLY,
        /** In line. */
        WAITING,
        /** Admitted: may buy until the admission expires. */
        ADMITTED,
        /** Bought in this sale. */
        PURCHASED,
        /** Not in line: never joined, or the admission expired (joining again queues at the back). */
        NOT_IN_LINE,
        SOLD_OUT, ENDED, CANCELLED;

        public boolean closed() {
            return this == SOLD_OUT || this == ENDED || this == CANCELLED;
        }
    }

    /** When the admission expires (ADMITTED only). */
    public Instant admittedUntil() {
        return grant.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(grant.substring(grant.indexOf(':') + 1)));
    }
}
