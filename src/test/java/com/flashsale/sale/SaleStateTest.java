package com.flashsale.sale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SaleStateTest {

    private static final Instant START = Instant.parse("2026-02-14T10:00:00Z");
    private static final Instant END = Instant.parse("2026-02-14T12:00:00Z");

    private static SaleState state(long remaining, boolean cancelled, Instant serverTime) {
        return new SaleState("65f000000000000000000001", "Phone", 200, remaining, START, END, START.minusSeconds(60),
                cancelled, serverTime);
    }

    @Test
    void statusIsJudgedByTheStoresClock() {
        assertEquals(SaleStatus.UPCOMING, state(200, false, START.minusMillis(1)).status());
        assertEquals(SaleStatus.ACTIVE, state(200, false, START).status());
        assertEquals(SaleStatus.ENDED, state(200, false, END).status());
    }

    @Test
    void statusIsSoldOutWhenNothingRemainsInTheWindow() {
        assertEquals(SaleStatus.SOLD_OUT, state(0, false, START.plusSeconds(5)).status());
    }

    @Test
    void statusIsCancelledWhenCancelled() {
        assertEquals(SaleStatus.CANCELLED, state(10, true, START.plusSeconds(5)).status());
    }

    @Test
    void unitsSoldIsTotalMinusRemaining() {
        assertEquals(0, state(200, false, START).unitsSold());
        assertEquals(57, state(143, false, START).unitsSold());
        assertEquals(200, state(0, false, START).unitsSold());
    }

    @Test
    void saleHasEndedAtExactlyItsEnd() {
        Sale sale = new Sale("65f000000000000000000001", "Phone", 5, START, END, START, START, false);
        assertFalse(sale.hasEndedAt(END.minusMillis(1)));
        assertTrue(sale.hasEndedAt(END));
    }
}
