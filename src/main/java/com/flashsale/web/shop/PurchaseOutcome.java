package com.flashsale.web.shop;

import com.flashsale.InvalidRequestException;
import com.flashsale.StoreUnavailableException;
import com.flashsale.purchase.PurchaseRejectedException;
import com.flashsale.purchase.Receipt;
import com.flashsale.ratelimit.RateLimitedException;
import com.flashsale.sale.SaleNotFoundException;
import java.util.function.Supplier;

/**
 * What a buy attempt means to the shopper: one kind per case and the sentence the page shows.
 * The external script words the same cases the same way when it buys through the API.
 */
public record PurchaseOutcome(Kind kind, String message, Receipt receipt) {

    /** Every case a shopper can meet. */
    public enum Kind {
        BOUGHT, ALREADY_BOUGHT, SOLD_OUT, NOT_STARTED, ENDED, CANCELLED, INVALID_INPUT, BUSY, NOT_FOUND, TOO_MANY_ATTEMPTS,
        ADMISSION_REQUIRED, ADMISSION_EXPIRED
    }

    public boolean success() {
        return kind == Kind.BOUGHT;
    }

    /** Runs a purchase and turns its receipt or refusal into an outcome. */
    public static PurchaseOutcome of(Supplier<Receipt> purchase) {
        try {
            Receipt receipt = purchase.get();
            return new PurchaseOutcome(Kind.BOUGHT, "You bought it! Your receipt number is " + receipt.purchaseId() + ".",
                    receipt);
        } catch (PurchaseRejectedException e) {
            return rejected(e);
        } catch (RateLimitedException e) {
            return tooManyAttempts(e.retryAfterSeconds());
        } catch (InvalidRequestException e) {
            return new PurchaseOutcome(Kind.INVALID_INPUT, invalidInput(e.violations().get(0).message()), null);
        } catch (StoreUnavailableException e) {
            return new PurchaseOutcome(Kind.BUSY,
                    "The shop is very busy right now and could not take your order. Please try again in a moment.", null);
        } catch (SaleNotFoundException e) {
            return new PurchaseOutcome(Kind.NOT_FOUND, "This sale does not exist.", null);
        }
    }

    static PurchaseOutcome rejected(PurchaseRejectedException e) {
        return switch (e.outcome()) {
            case ALREADY_PURCHASED -> new PurchaseOutcome(Kind.ALREADY_BOUGHT, "You already bought this item"
                    + (e.existing() == null ? "." : " (receipt " + e.existing().purchaseId() + ")."), e.existing());
            case SOLD_OUT -> new PurchaseOutcome(Kind.SOLD_OUT, "Sorry, sold out: every unit has been sold.", null);
            case NOT_STARTED -> new PurchaseOutcome(Kind.NOT_STARTED,
                    "The sale has not started yet. The Buy button opens when the countdown ends.", null);
            case ENDED -> new PurchaseOutcome(Kind.ENDED, "Sorry, this sale has ended.", null);
            case CANCELLED -> new PurchaseOutcome(Kind.CANCELLED, "This sale was cancelled.", null);
            case ADMISSION_REQUIRED -> new PurchaseOutcome(Kind.ADMISSION_REQUIRED,
                    "This sale has a waiting room: join the line, and buy when it is your turn.", null);
            case ADMISSION_EXPIRED -> new PurchaseOutcome(Kind.ADMISSION_EXPIRED,
                    "Your turn has passed: your admission expired. Join the line again.", null);
            default -> new PurchaseOutcome(Kind.BUSY, "Please try again in a moment.", null);
        };
    }

    static PurchaseOutcome tooManyAttempts(long retryAfterSeconds) {
        return new PurchaseOutcome(Kind.TOO_MANY_ATTEMPTS,
                "Too many attempts. Please try again in " + retryAfterSeconds + " s.", null);
    }

    /** The service speaks of "userIdentifier"; the page calls it "your email or username". */
    static String invalidInput(String serviceMessage) {
        return serviceMessage.replace("userIdentifier", "Your email or username");
    }
}
