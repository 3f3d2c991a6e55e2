package com.flashsale.web;

import com.flashsale.sale.SaleState;
import com.flashsale.sale.SaleStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * A sale as the pages show it: its live state plus the labels, badge and countdown text that
 * the templates print. Status is always spelled out in words, never shown by colour alone.
 */
public record SaleView(SaleState state) {

    public String getId() {
        return state.saleId();
    }

    public String getProductName() {
        return state.productName();
    }

    public SaleStatus getStatus() {
        return state.status();
    }

    public String getStatusCode() {
        return state.status().label();
    }

    public String getStatusLabel() {
        return statusLabel(state.status());
    }

    public int getTotalStock() {
        return state.totalStock();
    }

    public long getStockRemaining() {
        return state.stockRemaining();
    }

    public long getUnitsSold() {
        return state.unitsSold();
    }

    public boolean isActive() {
        return state.status() == SaleStatus.ACTIVE;
    }

    /** Whether shoppers queue in a waiting room before they may buy. */
    public boolean hasWaitingRoom() {
        return state.waitingRoom() != null;
    }

    /** The same, as a bean property for the pages. */
    public boolean isWaitingRoom() {
        return hasWaitingRoom();
    }

    public boolean isUpcoming() {
        return state.status() == SaleStatus.UPCOMING;
    }

    public Instant getStartTime() {
        return state.startTime();
    }

    public Instant getEndTime() {
        return state.endTime();
    }

    public Instant getServerTime() {
        return state.serverTime();
    }

    public String getStart() {
        return Times.display(state.startTime());
    }

    public String getEnd() {
        return Times.display(state.endTime());
    }

    /** What the countdown says when the page is rendered; the script keeps it ticking. */
    public String getCountdown() {
        return countdown(state.status(), state.startTime(), state.endTime(), state.serverTime());
    }

    public static String statusLabel(SaleStatus status) {
        return switch (status) {
            case UPCOMING -> "Upcoming";
            case ACTIVE -> "On sale now";
            case SOLD_OUT -> "Sold out";
            case ENDED -> "Ended";
            case CANCELLED -> "Cancelled";
        };
    }

    public static String countdown(SaleStatus status, Instant start, Instant end, Instant now) {
        return switch (status) {
            case UPCOMING -> "Starts in " + Times.duration(Duration.between(now, start));
            case ACTIVE, SOLD_OUT -> "Ends in " + Times.duration(Duration.between(now, end));
            case ENDED -> "Ended " + Times.display(end);
            case CANCELLED -> "Cancelled";
        };
    }
}
