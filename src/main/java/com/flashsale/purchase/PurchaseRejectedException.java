package com.flashsale.purchase;

import com.flashsale.FlashSaleException;

/**
 * A purchase refused for a business reason (sold out, already bought, outside the window, cancelled,
 * no valid admission to a sale with a waiting room).
 */
public class PurchaseRejectedException extends FlashSaleException {

    private final Decision.Outcome outcome;
    private final Receipt existing;

    public PurchaseRejectedException(Decision.Outcome outcome, Receipt existing) {
        super(problemFor(outcome), detailFor(outcome), false);
        this.outcome = outcome;
        this.existing = existing;
    }

    public Decision.Outcome outcome() {
        return outcome;
    }

    /** The shopper's earlier purchase when the outcome is {@code ALREADY_PURCHASED}. */
    public Receipt existing() {
        return existing;
    }

    private static Problem problemFor(Decision.Outcome outcome) {
        return switch (outcome) {
            case SOLD_OUT -> Problem.SOLD_OUT;
            case ALREADY_PURCHASED -> Problem.ALREADY_PURCHASED;
            case NOT_STARTED -> Problem.SALE_NOT_STARTED;
            case ENDED -> Problem.SALE_ENDED;
            case CANCELLED -> Problem.SALE_CANCELLED;
            case ADMISSION_REQUIRED -> Problem.ADMISSION_REQUIRED;
            case ADMISSION_EXPIRED -> Problem.ADMISSION_EXPIRED;
            default -> throw new IllegalArgumentException("not a rejection: " + outcome);
        };
    }

    private static String detailFor(Decision.Outcome outcome) {
        return switch (outcome) {
            case SOLD_OUT -> "Every unit of this sale has been sold.";
            case ALREADY_PURCHASED -> "This shopper has already bought this item.";
            case NOT_STARTED -> "The sale has not started yet.";
            case ENDED -> "The sale has ended.";
            case CANCELLED -> "The sale was cancelled.";
            case ADMISSION_REQUIRED -> "This sale has a waiting room: join the queue and buy with the admission "
                    + "token you are given (Admission-Token header).";
            case ADMISSION_EXPIRED -> "Your admission to this sale has expired: join the queue again.";
            default -> outcome.name();
        };
    }
}
