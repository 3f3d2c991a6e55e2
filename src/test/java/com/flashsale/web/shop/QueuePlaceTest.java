package com.flashsale.web.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.purchase.Decision.Outcome;
import com.flashsale.purchase.PurchaseRejectedException;
import com.flashsale.queue.Ticket;
import com.flashsale.web.shop.QueuePlace.Phase;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueuePlaceTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    static Ticket ticket(String status, Long position, Long estimate, boolean paused, Instant admittedUntil) {
        return new Ticket("t", "s", status, position, 40, estimate, 5, paused, 10,
                admittedUntil == null ? null : "token", admittedUntil, NOW.minusSeconds(60), NOW);
    }

    @Test
    void everyStatusHasItsPanel() {
        assertEquals(Phase.WAITING, QueuePlace.of(ticket("waiting", 3L, 1L, false, null)).phase());
        assertEquals(Phase.WAITING, QueuePlace.of(ticket("early", null, 70L, false, null)).phase());
        assertEquals(Phase.ADMITTED, QueuePlace.of(ticket("admitted", null, null, false, NOW.plusSeconds(90))).phase());
        assertEquals(Phase.PURCHASED, QueuePlace.of(ticket("purchased", null, null, false, null)).phase());
        assertEquals(Phase.JOIN, QueuePlace.of(ticket("not_in_line", null, null, false, null)).phase());
        for (String closed : new String[] {"sold_out", "ended", "cancelled"}) {
            assertEquals(Phase.CLOSED, QueuePlace.of(ticket(closed, null, null, false, null)).phase());
        }
        assertEquals("join", QueuePlace.join().getPhase());
    }

    @Test
    void thePlaceIsSaidInWords() {
        assertEquals("You are number 12, about 3 s.", QueuePlace.of(ticket("waiting", 12L, 3L, false, null))
                .getPositionText());
        assertEquals("You are number 700, about 2 min 20 s.", QueuePlace.of(ticket("waiting", 700L, 140L, false, null))
                .getPositionText());
        assertEquals("You are number 2. Admission is paused for the moment.",
                QueuePlace.of(ticket("waiting", 2L, null, true, null)).getPositionText());
        assertEquals("You are in line. The order is drawn at the opening, about 1 min 10 s from now.",
                QueuePlace.of(ticket("early", null, 70L, false, null)).getPositionText());
        assertEquals("Your turn! Buy within 1 min 30 s (until 2026-12-05 12:01:30 UTC).",
                QueuePlace.of(ticket("admitted", null, null, false, NOW.plusSeconds(90))).getAdmissionText());
        assertTrue(QueuePlace.of(ticket("sold_out", null, null, false, null)).getClosedText().contains("sold out"));
        assertEquals("", QueuePlace.of(ticket("waiting", 2L, 1L, false, null)).getClosedText());
    }

    @Test
    void aPageWithoutScriptReloadsMoreOftenNearTheHead() {
        assertEquals(5, QueuePlace.of(ticket("waiting", 2L, 1L, false, null)).getRefreshSeconds());
        assertEquals(12, QueuePlace.of(ticket("waiting", 600L, 120L, false, null)).getRefreshSeconds());
        assertEquals(30, QueuePlace.of(ticket("waiting", 60_000L, 12_000L, false, null)).getRefreshSeconds());
        assertEquals(15, QueuePlace.of(ticket("waiting", 2L, null, true, null)).getRefreshSeconds());
    }

    @Test
    void aPurchaseWithoutAValidAdmissionTellsTheShopperToQueue() {
        PurchaseOutcome required = PurchaseOutcome.of(() -> {
            throw new PurchaseRejectedException(Outcome.ADMISSION_REQUIRED, null);
        });
        assertEquals(PurchaseOutcome.Kind.ADMISSION_REQUIRED, required.kind());
        assertTrue(required.message().contains("join the line"), required.message());
        PurchaseOutcome expired = PurchaseOutcome.of(() -> {
            throw new PurchaseRejectedException(Outcome.ADMISSION_EXPIRED, null);
        });
        assertEquals(PurchaseOutcome.Kind.ADMISSION_EXPIRED, expired.kind());
        assertTrue(expired.message().contains("expired"), expired.message());
    }
}
