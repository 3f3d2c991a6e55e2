package com.flashsale.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.flashsale.queue.Standing.State;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a standing is shown: the position only once the order is known, and the estimated wait. */
class TicketTest {

    private static final Instant NOW = Instant.parse("2026-02-14T12:00:00Z");
    private static final Instant OPENS = NOW.plusSeconds(300);
    private static final Instant ENDS = NOW.plusSeconds(3600);

    private static Standing standing(State state, Instant opensAt, int rate, boolean paused, boolean shuffled,
                                     long position, long waiting, String grant) {
        return new Standing(state, NOW, opensAt, ENDS, rate, paused, shuffled, position, waiting, 7, grant);
    }

    private static Ticket ticket(Standing s) {
        return Ticket.of("t", "sale", s, s.state() == State.ADMITTED ? "token" : null);
    }

    @Test
    void anEarlyArrivalOfAShuffledSaleHasNoPositionYetAndWaitsForTheMiddleOfTheGroup() {
        Ticket t = ticket(standing(State.EARLY, OPENS, 10, false, true, 3, 1000, ""));

        assertEquals("early", t.status());
        assertNull(t.position(), "the order is drawn at the opening");
        assertEquals(1000, t.waiting());
        assertEquals(300 + 51, t.estimatedWaitSeconds(), "until the opening, then (1000+1)/2 at 10/s");
    }

    @Test
    void anEarlyArrivalOfASaleThatKeepsJoinOrderShowsItsPlace() {
        Ticket t = ticket(standing(State.EARLY, OPENS, 10, false, false, 25, 1000, ""));

        assertEquals(25L, t.position());
        assertEquals(300 + 3, t.estimatedWaitSeconds(), "25/10 rounded up, after the opening");
    }

    @Test
    void aWaitingShopperWaitsTheirPlaceOverTheRate() {
        Ticket t = ticket(standing(State.WAITING, NOW.minusSeconds(60), 50, false, true, 101, 500, ""));

        assertEquals("waiting", t.status());
        assertEquals(101L, t.position());
        assertEquals(3L, t.estimatedWaitSeconds(), "ceil(101/50)");
        assertEquals(1L, ticket(standing(State.WAITING, NOW, 50, false, true, 1, 500, "")).estimatedWaitSeconds());
        assertEquals(1L, ticket(standing(State.WAITING, NOW, 50, false, true, 50, 500, "")).estimatedWaitSeconds());
        assertEquals(2L, ticket(standing(State.WAITING, NOW, 50, false, true, 51, 500, "")).estimatedWaitSeconds());
    }

    @Test
    void pausedAdmissionHasNoEstimate() {
        Ticket t = ticket(standing(State.WAITING, NOW.minusSeconds(60), 50, true, true, 101, 500, ""));

        assertEquals(101L, t.position());
        assertNull(t.estimatedWaitSeconds());
        assertEquals(true, t.paused());
    }

    @Test
    void anAdmittedShopperHasATokenAndItsExpiryButNoPlace() {
        Instant until = NOW.plusSeconds(120);
        Ticket t = ticket(standing(State.ADMITTED, NOW.minusSeconds(60), 50, false, true, 0, 500,
                "17:" + until.toEpochMilli()));

        assertEquals("admitted", t.status());
        assertNull(t.position());
        assertNull(t.estimatedWaitSeconds());
        assertEquals("token", t.admissionToken());
        assertEquals(until, t.admittedUntil());
        assertEquals(7, t.admittedTotal());
    }

    @Test
    void closedAndOutOfLineStatesHaveNeitherPlaceNorEstimate() {
        for (State state : new State[] {State.SOLD_OUT, State.ENDED, State.CANCELLED, State.PURCHASED,
                State.NOT_IN_LINE}) {
            Ticket t = ticket(standing(state, NOW.minusSeconds(60), 50, false, true, 0, 500, ""));
            assertEquals(state.name().toLowerCase(java.util.Locale.ROOT), t.status());
            assertNull(t.position(), state.name());
            assertNull(t.estimatedWaitSeconds(), state.name());
            assertNull(t.admissionToken(), state.name());
            assertNull(t.admittedUntil(), state.name());
        }
    }
}
