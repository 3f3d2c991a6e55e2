package com.flashsale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.flashsale.purchase.Decision.Outcome;
import com.flashsale.purchase.PurchaseNotFoundException;
import com.flashsale.purchase.PurchaseRejectedException;
import com.flashsale.ratelimit.RateLimitedException;
import com.flashsale.sale.SaleNotFoundException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The errors a client can cause at will, as fast as it likes (bad input, unknown ids, refusals,
 * rate limits), are built without a stack trace: filling one in is the costliest part of an
 * exception, and their answers never show one.
 */
class ClientErrorsTest {

    @Test
    void carryNoStackTrace() {
        List<FlashSaleException> errors = List.of(
                new InvalidRequestException("userIdentifier", "userIdentifier is required"),
                new SaleNotFoundException("65f000000000000000000001"),
                new PurchaseNotFoundException("65f000000000000000000001", "alice"),
                new PurchaseRejectedException(Outcome.SOLD_OUT, null),
                new RateLimitedException(RateLimitedException.Kind.SHOPPER, 12));

        for (FlashSaleException e : errors) {
            assertEquals(0, e.getStackTrace().length, e.getClass().getSimpleName());
        }
    }
}
