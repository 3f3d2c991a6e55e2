package com.flashsale.web.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.InvalidRequestException;
import com.flashsale.StoreUnavailableException;
import com.flashsale.purchase.Decision.Outcome;
import com.flashsale.purchase.PurchaseRejectedException;
import com.flashsale.purchase.PurchaseService;
import com.flashsale.purchase.Receipt;
import com.flashsale.sale.SaleNotFoundException;
import com.flashsale.web.shop.PurchaseOutcome.Kind;
import jakarta.faces.application.FacesMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PurchaseOutcomeTest {

    private static final Receipt RECEIPT = new Receipt("p-1", "s-1", "ann@example.com", Instant.EPOCH);

    @Test
    void boughtShowsTheReceiptNumber() {
        PurchaseOutcome outcome = PurchaseOutcome.of(() -> RECEIPT);
        assertEquals(Kind.BOUGHT, outcome.kind());
        assertTrue(outcome.message().contains("p-1"), outcome.message());
        assertEquals(FacesMessage.SEVERITY_INFO, SaleBacking.severityOf(outcome));
    }

    @Test
    void alreadyBoughtShowsTheEarlierReceipt() {
        PurchaseOutcome outcome = PurchaseOutcome.of(() -> {
            throw new PurchaseRejectedException(Outcome.ALREADY_PURCHASED, RECEIPT);
        });
        assertEquals(Kind.ALREADY_BOUGHT, outcome.kind());
        assertEquals("You already bought this item (receipt p-1).", outcome.message());
    }

    @Test
    void everyRefusalHasItsOwnMessage() {
        assertEquals(Kind.SOLD_OUT, rejected(Outcome.SOLD_OUT).kind());
        assertEquals(Kind.NOT_STARTED, rejected(Outcome.NOT_STARTED).kind());
        assertEquals(Kind.ENDED, rejected(Outcome.ENDED).kind());
        assertEquals(Kind.CANCELLED, rejected(Outcome.CANCELLED).kind());
        assertTrue(rejected(Outcome.SOLD_OUT).message().contains("sold out"));
    }

    @Test
    void invalidIdentifierSpeaksTheShoppersLanguage() {
        PurchaseOutcome outcome = PurchaseOutcome.of(() -> PurchaseService.requireShopperId("a!") == null ? null : RECEIPT);
        assertEquals(Kind.INVALID_INPUT, outcome.kind());
        assertTrue(outcome.message().startsWith("Your email or username"), outcome.message());
    }

    @Test
    void storeTroubleIsReportedAsBusyAndUnknownSaleAsNotFound() {
        assertEquals(Kind.BUSY, PurchaseOutcome.of(() -> {
            throw new StoreUnavailableException("down");
        }).kind());
        assertEquals(Kind.NOT_FOUND, PurchaseOutcome.of(() -> {
            throw new SaleNotFoundException("x");
        }).kind());
        assertEquals(Kind.INVALID_INPUT, PurchaseOutcome.of(() -> {
            throw new InvalidRequestException("userIdentifier", "userIdentifier is required");
        }).kind());
    }

    private static PurchaseOutcome rejected(Outcome outcome) {
        return PurchaseOutcome.of(() -> {
            throw new PurchaseRejectedException(outcome, null);
        });
    }

    @Test
    void aRateLimitSaysWhenToTryAgain() {
        PurchaseOutcome outcome = PurchaseOutcome.of(() -> {
            throw new com.flashsale.ratelimit.RateLimitedException(
                    com.flashsale.ratelimit.RateLimitedException.Kind.SHOPPER, 12);
        });
        assertEquals(Kind.TOO_MANY_ATTEMPTS, outcome.kind());
        assertEquals("Too many attempts. Please try again in 12 s.", outcome.message());
        assertEquals(FacesMessage.SEVERITY_ERROR, SaleBacking.severityOf(outcome));
    }
}
