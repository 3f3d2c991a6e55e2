package com.flashsale.sale;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A sale's waiting room: shoppers join a line and are admitted at a fixed rate; only an admitted
 * shopper, holding an unexpired admission token, may buy. Shoppers who join before the sale opens
 * are put in a uniformly random order at the opening when {@code shuffleEarlyArrivals} is set;
 * everyone after is first come, first served. The rate and pause can change while the sale runs.
 *
 * @param admissionRatePerSecond shoppers admitted per second, across all instances together
 * @param admissionValiditySeconds how long an admission stays valid
 * @param shuffleEarlyArrivals whether those who joined before the opening are shuffled at it
 * @param paused whether admission is paused (changed live by an admin)
 */
public record WaitingRoom(
        @Min(value = 1, message = "waitingRoom.admissionRatePerSecond must be at least {value}")
        @Max(value = WaitingRoom.MAX_RATE, message = "waitingRoom.admissionRatePerSecond must be at most {value}")
        int admissionRatePerSecond,
        @Min(value = WaitingRoom.MIN_VALIDITY_SECONDS,
                message = "waitingRoom.admissionValiditySeconds must be at least {value}")
        @Max(value = WaitingRoom.MAX_VALIDITY_SECONDS,
                message = "waitingRoom.admissionValiditySeconds must be at most {value}")
        int admissionValiditySeconds,
        boolean shuffleEarlyArrivals,
        boolean paused) {

    public static final int MAX_RATE = 10_000;
    public static final int MIN_VALIDITY_SECONDS = 10;
    public static final int MAX_VALIDITY_SECONDS = 3_600;

    public WaitingRoom withAdmission(int ratePerSecond, boolean pausedNow) {
        return new WaitingRoom(ratePerSecond, admissionValiditySeconds, shuffleEarlyArrivals, pausedNow);
    }
}
