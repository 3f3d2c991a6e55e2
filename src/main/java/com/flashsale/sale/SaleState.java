package com.flashsale.sale;

import java.time.Instant;

/**
 * A sale as the purchase decision sees it, read in one step from the decision store,
 * together with that store's clock. Status and stock reported to shoppers come from here,
 * so a winner reads the result of the decision the instant after it is made.
 */
public record SaleState(
        String saleId,
        String productName,
        int totalStock,
        long stockRemaining,
        Instant startTime,
        Instant endTime,
        Instant createdAt,
        boolean cancelled,
        Instant serverTime,
        WaitingRoom waitingRoom) {

    /** The state of a sale without a waiting room. */
    public SaleState(String saleId, String productName, int totalStock, long stockRemaining, Instant startTime,
                     Instant endTime, Instant createdAt, boolean cancelled, Instant serverTime) {
        this(saleId, productName, totalStock, stockRemaining, startTime, endTime, createdAt, cancelled, serverTime,
                null);
    }

    public SaleStatus status() {
        return SaleStatus.of(startTime, endTime, cancelled, stockRemaining, serverTime);
    }

    public long unitsSold() {
        return totalStock - stockRemaining;
    }
}
