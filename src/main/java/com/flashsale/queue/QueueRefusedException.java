package com.flashsale.queue;

import com.flashsale.FlashSaleException;
import java.time.Instant;

/** A waiting-room request that cannot be served as asked; each has its problem type. Stackless: a client's case. */
public class QueueRefusedException extends FlashSaleException {

    private QueueRefusedException(Problem problem, String detail) {
        super(problem, detail, false);
    }

    static QueueRefusedException noWaitingRoom(String saleId) {
        return new QueueRefusedException(Problem.NO_WAITING_ROOM,
                "Sale '" + saleId + "' has no waiting room: buy directly.");
    }

    static QueueRefusedException notOpen(Instant opensAt) {
        return new QueueRefusedException(Problem.QUEUE_NOT_OPEN, "The waiting room opens at " + opensAt + ".");
    }

    static QueueRefusedException unknownTicket() {
        return new QueueRefusedException(Problem.TICKET_NOT_FOUND, "No such ticket for this sale.");
    }

    static QueueRefusedException closed(Standing.State state) {
        return switch (state) {
            case SOLD_OUT -> new QueueRefusedException(Problem.SOLD_OUT, "Every unit of this sale has been sold.");
            case ENDED -> new QueueRefusedException(Problem.SALE_ENDED, "The sale has ended.");
            case CANCELLED -> new QueueRefusedException(Problem.SALE_CANCELLED, "The sale was cancelled.");
            case PURCHASED -> new QueueRefusedException(Problem.ALREADY_PURCHASED,
                    "This shopper has already bought this item.");
            default -> throw new IllegalArgumentException(state + " does not refuse a join");
        };
    }
}
