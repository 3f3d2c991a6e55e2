package com.flashsale.sale;

import java.time.Instant;

/**
 * A sale as the API shows it: its record, its live stock and status, the server's clock, and its
 * waiting room (null: none).
 */
public record SaleResponse(String id, String productName, int totalStock, long stockRemaining, long unitsSold,
                           String status, Instant startTime, Instant endTime, Instant createdAt,
                           Instant serverTime, WaitingRoom waitingRoom) {

    public static SaleResponse of(SaleState s) {
        return new SaleResponse(s.saleId(), s.productName(), s.totalStock(), s.stockRemaining(), s.unitsSold(),
                s.status().label(), s.startTime(), s.endTime(), s.createdAt(), s.serverTime(), s.waitingRoom());
    }
}
