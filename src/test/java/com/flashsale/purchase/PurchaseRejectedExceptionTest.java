package com.flashsale.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.flashsale.FlashSaleException.Problem;
import com.flashsale.purchase.Decision.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PurchaseRejectedExceptionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            SOLD_OUT          | SOLD_OUT          | 409 | Every unit of this sale has been sold.
            ALREADY_PURCHASED | ALREADY_PURCHASED | 409 | This shopper has already bought this item.
            NOT_STARTED       | SALE_NOT_STARTED  | 409 | The sale has not started yet.
            ENDED             | SALE_ENDED        | 409 | The sale has ended.
            CANCELLED         | SALE_CANCELLED    | 409 | The sale was cancelled.
            """)
    void mapsEachRejectionToItsProblemAndDetail(Outcome outcome, Problem problem, int status, String detail) {
        PurchaseRejectedException e = new PurchaseRejectedException(outcome, null);
        assertEquals(outcome, e.outcome());
        assertEquals(problem, e.problem());
        assertEquals(status, e.problem().status());
        assertEquals(detail, e.getMessage());
        assertNull(e.existing());
    }

    @ParameterizedTest
    @EnumSource(value = Outcome.class, names = {"BOUGHT", "NO_STATE", "REBUILDING"})
    void refusesOutcomesThatAreNotRejections(Outcome outcome) {
        assertThrows(IllegalArgumentException.class, () -> new PurchaseRejectedException(outcome, null));
    }

    @Test
    void carriesTheShoppersEarlierReceiptWhenAlreadyPurchased() {
        Receipt earlier = new Receipt("65f0000000000000000000aa", "sale", "alice", Instant.EPOCH);
        assertSame(earlier, new PurchaseRejectedException(Outcome.ALREADY_PURCHASED, earlier).existing());
    }

    @Test
    void capturesNoStackTraceSinceItIsAnExpectedAnswer() {
        assertEquals(0, new PurchaseRejectedException(Outcome.SOLD_OUT, null).getStackTrace().length);
    }

    @Test
    void decisionOfOutcomeHasNoReceiptAndNoOutboxEntry() {
        Decision d = Decision.of(Outcome.SOLD_OUT);
        assertEquals(Outcome.SOLD_OUT, d.outcome());
        assertNull(d.receipt());
        assertNull(d.outboxEntryId());
    }
}
