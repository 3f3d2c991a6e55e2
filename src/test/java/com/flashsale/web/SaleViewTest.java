package com.flashsale.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.flashsale.sale.SaleState;
import com.flashsale.sale.SaleStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SaleViewTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void upcomingSaleCountsDownToItsStartOnTheServersClock() {
        SaleView view = new SaleView(state(NOW.plusSeconds(125), NOW.plusSeconds(3600), 5, false));
        assertEquals(SaleStatus.UPCOMING, view.getStatus());
        assertEquals("Upcoming", view.getStatusLabel());
        assertEquals("Starts in 2 min 05 s", view.getCountdown());
    }

    @Test
    void activeSaleCountsDownToItsEnd() {
        SaleView view = new SaleView(state(NOW.minusSeconds(60), NOW.plus(Duration.ofHours(3)).plusSeconds(300), 5, false));
        assertEquals("On sale now", view.getStatusLabel());
        assertEquals("Ends in 3 h 05 min", view.getCountdown());
    }

    @Test
    void soldOutAndCancelledAreSpelledOut() {
        assertEquals("Sold out", new SaleView(state(NOW.minusSeconds(1), NOW.plusSeconds(60), 0, false)).getStatusLabel());
        assertEquals("Cancelled", new SaleView(state(NOW.minusSeconds(1), NOW.plusSeconds(60), 3, true)).getCountdown());
    }

    @Test
    void endedSaleSaysWhenItEnded() {
        SaleView view = new SaleView(state(NOW.minusSeconds(600), NOW.minusSeconds(60), 3, false));
        assertEquals("Ended 2026-11-29 11:59:00 UTC", view.getCountdown());
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("0 s", Times.duration(Duration.ofSeconds(-5)));
        assertEquals("2 d 1 h", Times.duration(Duration.ofHours(49)));
    }

    @Test
    void datetimeLocalInputsAreReadAsUtc() {
        assertEquals(Instant.parse("2026-11-29T12:30:00Z"), Times.parseInput("2026-11-29T12:30"));
        assertEquals(Instant.parse("2026-11-29T12:30:15Z"), Times.parseInput("2026-11-29T12:30:15"));
        assertEquals(Instant.parse("2026-11-29T12:30:15Z"), Times.parseInput("2026-11-29T13:30:15+01:00"));
        assertEquals(null, Times.parseInput("tomorrow"));
        assertEquals("2026-11-29T12:30:15", Times.input(Instant.parse("2026-11-29T12:30:15.250Z")));
    }

    static SaleState state(Instant start, Instant end, long remaining, boolean cancelled) {
        return new SaleState("0123456789abcdef01234567", "Lamp", 10, remaining, start, end, NOW.minusSeconds(7200),
                cancelled, NOW);
    }
}
