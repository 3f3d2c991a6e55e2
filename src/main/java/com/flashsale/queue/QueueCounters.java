package com.flashsale.queue;

/**
 * A waiting room's counters.
 *
 * @param waiting in line now
 * @param admittedNow admitted, not yet expired nor spent
 * @param joined joins so far (a shopper queuing again after an expired admission counts again)
 * @param admitted admissions so far
 * @param bought purchases by admitted shoppers
 * @param expired admissions that expired unused
 */
public record QueueCounters(long waiting, long admittedNow, long joined, long admitted, long bought, long expired) {
}
