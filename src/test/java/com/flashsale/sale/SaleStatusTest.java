package com.flashsale.sale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SaleStatusTest {

    private static final Instant START = Instant.parse("2026-02-14T10:00:00Z");
    private static final Instant END = Instant.parse("2026-02-14T12:00:00Z");

    private static SaleStatus at(Instant now, long stock) {
        return SaleStatus.of(START, END, false, stock, now);
    }

    @Test
    void isUpcomingBeforeStart() {
        assertEquals(SaleStatus.UPCOMING, at(START.minusMillis(1), 10));
    }

    @Test
    void isActiveAtExactlyStart() {
        assertEquals(SaleStatus.ACTIVE, at(START, 10));
    }

    @Test
    void isActiveJustBeforeEnd() {
        assertEquals(SaleStatus.ACTIVE, at(END.minusMillis(1), 10));
    }

    @Test
    void isEndedAtExactlyEnd() {
        assertEquals(SaleStatus.ENDED, at(END, 10));
    }

    @Test
    void isEndedAfterEnd() {
        assertEquals(SaleStatus.ENDED, at(END.plusSeconds(3600), 10));
    }

    @Test
    void isSoldOutInsideTheWindowWithNoStockLeft() {
        assertEquals(SaleStatus.SOLD_OUT, at(START.plusSeconds(1), 0));
    }

    @Test
    void isActiveWithOneUnitLeft() {
        assertEquals(SaleStatus.ACTIVE, at(START.plusSeconds(1), 1));
    }

    @Test
    void treatsNegativeStockAsSoldOut() {
        assertEquals(SaleStatus.SOLD_OUT, at(START.plusSeconds(1), -1));
    }

    @Test
    void timeWinsOverStockBeforeStart() {
        assertEquals(SaleStatus.UPCOMING, at(START.minusSeconds(1), 0));
    }

    @Test
    void timeWinsOverStockAfterEnd() {
        assertEquals(SaleStatus.ENDED, at(END, 0));
    }

    @ParameterizedTest
    @CsvSource({"2026-02-14T09:00:00Z, 5", "2026-02-14T10:00:00Z, 5", "2026-02-14T11:00:00Z, 0",
            "2026-02-14T12:00:00Z, 5", "2026-02-14T13:00:00Z, 0"})
    void cancelledWinsOverTimeAndStock(Instant now, long stock) {
        assertEquals(SaleStatus.CANCELLED, SaleStatus.of(START, END, true, stock, now));
    }

    @Test
    void labelsAreTheLowerCaseWireNames() {
        assertEquals("upcoming", SaleStatus.UPCOMING.label());
        assertEquals("active", SaleStatus.ACTIVE.label());
        assertEquals("sold_out", SaleStatus.SOLD_OUT.label());
        assertEquals("ended", SaleStatus.ENDED.label());
        assertEquals("cancelled", SaleStatus.CANCELLED.label());
    }
}
