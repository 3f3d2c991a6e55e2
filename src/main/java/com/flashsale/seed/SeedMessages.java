package com.flashsale.seed;

import com.flashsale.purchase.Decision.Outcome;

/** The seed's words for each purchase outcome. */
final class SeedMessages {

    private SeedMessages() {
    }

    /** A refusal of a sale with a waiting room: the seed path holds no admission token. */
    static String waitingRoom(String saleId) {
        return "This sale has a waiting room: join the queue at /api/v1/sales/" + saleId
                + "/queue and buy once admitted";
    }

    static String of(Outcome outcome) {
        return switch (outcome) {
            case BOUGHT -> "Purchase successful!";
            case ALREADY_PURCHASED -> "You have already purchased this item";
            case SOLD_OUT -> "Item sold out";
            case NOT_STARTED -> "Sale has not started yet";
            case ENDED -> "Sale has ended";
            case CANCELLED -> "Sale has been cancelled";
            default -> "Purchase failed due to system error. Please try again.";
        };
    }
}
