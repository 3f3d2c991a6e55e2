package com.flashsale.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A shopper's place in a sale's waiting room as the API shows it.
 *
 * @param ticket names the place; {@code GET /api/v1/sales/{id}/queue/{ticket}} follows it
 * @param status early, waiting, admitted, purchased, not_in_line, sold_out, ended or cancelled
 * @param position 1 for the head of the line; null when not waiting, or before the opening of a sale
 *        that shuffles its early arrivals (their order is drawn at the opening)
 * @param waiting how many are in line
 * @param estimatedWaitSeconds about how long until admission (null when admission is paused or the
 *        shopper is not waiting)
 * @param admissionToken when admitted: send it as the {@code Admission-Token} header of the purchase
 * @param admittedUntil when admitted: the moment the admission expires
 */
public record Ticket(String ticket, String saleId, String status, Long position, long waiting,
                    Long estimatedWaitSeconds, int admissionRatePerSecond, boolean paused, long admittedTotal,
                    String admissionToken, Instant admittedUntil, Instant opensAt, Instant serverTime) {

    static Ticket of(String ticket, String saleId, Standing s, String admissionToken) {
        boolean inLine = s.state() == Standing.State.WAITING || s.state() == Standing.State.EARLY;
        boolean orderDrawnLater = s.state() == Standing.State.EARLY && s.shuffled();
        Long position = inLine && !orderDrawnLater ? s.position() : null;
        return new Ticket(ticket, saleId, s.state().name().toLowerCase(Locale.ROOT), position, s.waiting(),
                inLine ? estimate(s) : null, s.ratePerSecond(), s.paused(), s.admittedTotal(), admissionToken,
                s.admittedUntil(), s.opensAt(), s.serverTime());
    }

    /**
     * Seconds until admission at the current rate: the place divided by the rate, plus the time to the
     * opening for an early arrival (whose place, when shuffled, is taken as the middle of the early
     * group). Null while paused.
     */
    private static Long estimate(Standing s) {
        if (s.paused()) {
            return null;
        }
        double place = s.state() == Standing.State.EARLY && s.shuffled() ? (s.waiting() + 1) / 2.0 : s.position();
        long untilOpening = Math.max(0, Duration.between(s.serverTime(), s.opensAt()).toSeconds());
        return untilOpening + (long) Math.ceil(place / s.ratePerSecond());
    }
}
