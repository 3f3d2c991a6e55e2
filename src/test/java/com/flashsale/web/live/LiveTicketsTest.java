package com.flashsale.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.queue.Standing;
import com.flashsale.queue.Ticket;
import com.flashsale.queue.WaitingLines.AdmissionStep;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A ticket stream's place is computed from the admitters' progress; the store is read only when needed. */
class LiveTicketsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final long T0 = 1_000_000;

    private static Ticket waiting(long position, long admittedTotal, boolean paused) {
        return new Ticket("t", "s", "waiting", position, 500, paused ? null : position / 10, 10, paused, admittedTotal,
                null, null, NOW.minusSeconds(30), NOW);
    }

    private static Optional<AdmissionStep> step(long admittedTotal, Standing.State closed) {
        return Optional.of(new AdmissionStep(true, 10, 0, 480, admittedTotal, closed));
    }

    @Test
    void thePlaceIsThePlaceAtTheReadLessTheAdmissionsSince() {
        LiveTickets.Watcher w = new LiveTickets.Watcher(null, waiting(120, 1_000, false), T0);
        Ticket now = w.computed(step(1_030, null), T0 + 3_000);
        assertEquals(90L, now.position());
        assertEquals(9L, now.estimatedWaitSeconds());
        assertEquals(480, now.waiting());
        assertEquals(1_030, now.admittedTotal());
        assertEquals(NOW.plusSeconds(3), now.serverTime(), "the store's clock carried forward");
        assertNull(now.admissionToken());
        assertEquals(120L, w.computed(Optional.empty(), T0 + 3_000).position(), "no step seen yet: as read");
    }

    @Test
    void theStoreIsReadAtTheHeadWhenTheLineClosesAndNowAndThen() {
        LiveTickets.Watcher w = new LiveTickets.Watcher(null, waiting(120, 1_000, false), T0);
        assertNull(w.computed(step(1_120, null), T0 + 12_000), "head reached: read for the admission");
        assertNull(w.computed(step(1_010, Standing.State.SOLD_OUT), T0 + 1_000), "closed: read why");
        assertNull(w.computed(step(1_010, null), T0 + LiveTickets.REFRESH.toMillis()), "refresh due");
        assertEquals(110L, w.computed(step(1_010, null), T0 + LiveTickets.REFRESH.toMillis() - 1).position());
    }

    @Test
    void anEarlyArrivalIsReadAgainAtTheOpening() {
        Ticket early = new Ticket("t", "s", "early", null, 50, 40L, 10, false, 0, null, null, NOW.plusSeconds(5), NOW);
        LiveTickets.Watcher w = new LiveTickets.Watcher(null, early, T0);
        assertSame(early, w.computed(step(0, null), T0 + 4_000));
        assertNull(w.computed(step(0, null), T0 + 5_000));
    }

    @Test
    void aChangedPlaceIsSentNoMoreOftenThanATenthOfTheWait() {
        LiveTickets.Watcher w = new LiveTickets.Watcher(null, waiting(5_000, 0, false), T0);
        Ticket moved = w.computed(step(10, null), T0 + 1_000); // 4,990: about 499 s, a gap of 10 s at most
        assertFalse(w.due(moved, T0 + 1_000));
        assertTrue(w.due(moved, T0 + 10_000));
        w.sent(moved, T0 + 10_000);
        assertFalse(w.due(moved, T0 + 30_000), "the same place is not sent again");

        LiveTickets.Watcher near = new LiveTickets.Watcher(null, waiting(12, 0, false), T0);
        Ticket closer = near.computed(step(2, null), T0 + 1_000);
        assertTrue(near.due(closer, T0 + 1_000), "near the head: every second");
        assertFalse(near.due(closer, T0 + 999));
    }

    @Test
    void onlyTicketsStillInLineKeepTheirStream() {
        assertTrue(LiveTickets.inLine(waiting(3, 0, false)));
        assertFalse(LiveTickets.inLine(new Ticket("t", "s", "admitted", null, 0, null, 10, false, 1, "tok",
                NOW.plusSeconds(60), NOW, NOW)));
    }
}
