package com.flashsale.queue;

import com.flashsale.ratelimit.AttemptLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The waiting room's port to the shared store. Every step is atomic and judged by the store's
 * clock; every method may throw {@link com.flashsale.StoreUnavailableException}.
 */
public interface WaitingLines {

    /** The answer of a join or a read when there is no standing to give. */
    enum Refusal { NO_STATE, NO_WAITING_ROOM, NOT_OPEN, ADDRESS_LIMITED }

    /**
     * Puts a shopper in line (once) and answers the standing: a refusal or a {@link Standing}.
     *
     * @param randomPlace the place of an arrival before the opening of a shuffled sale, uniform in [0, 2^52)
     * @param opensBeforeMillis how long before the start joining opens
     * @param limits the client address's limit in this sale, taken first (the bucket purchases take from)
     */
    JoinResult join(String saleId, String shopperId, long randomPlace, long opensBeforeMillis, AttemptLimits limits);

    /** The shopper's standing, or a refusal ({@code NO_STATE}, {@code NO_WAITING_ROOM}). */
    JoinResult standing(String saleId, String shopperId);

    /** One admission step for a sale; safe from every instance at once. */
    AdmissionStep admit(String saleId, int maxPerStep, long maxBacklogMillis);

    /** The sales with a waiting room the admitters walk. */
    Set<String> salesWithWaitingRooms();

    /** Stops walking a sale that no longer needs admissions. */
    void forget(String saleId);

    /** The waiting room's counters. */
    QueueCounters counters(String saleId);

    /** Changes the admission rate and pause of a sale that has a waiting room; false if it has none. */
    boolean setAdmission(String saleId, int ratePerSecond, boolean paused);

    /** A refusal or a standing; {@code opensAt} for NOT_OPEN, {@code retryAfter} for ADDRESS_LIMITED. */
    record JoinResult(Refusal refusal, Standing standing, Instant opensAt, Duration retryAfter) {

        public JoinResult(Refusal refusal, Standing standing, Instant opensAt) {
            this(refusal, standing, opensAt, Duration.ZERO);
        }

        public static JoinResult limited(Duration retryAfter) {
            return new JoinResult(Refusal.ADDRESS_LIMITED, null, null, retryAfter);
        }
    }

    /**
     * The result of one admission step.
     *
     * @param needed false when the sale no longer needs an admitter
     * @param admitted admitted in this step
     * @param expired admissions swept as expired in this step
     * @param waiting in line after the step
     * @param admittedTotal admitted by this waiting room so far
     * @param closed null while the line is open, else why it closed
     */
    record AdmissionStep(boolean needed, int admitted, int expired, long waiting, long admittedTotal,
                         Standing.State closed) {
    }
}
