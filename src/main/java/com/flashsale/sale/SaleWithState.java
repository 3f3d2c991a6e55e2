package com.flashsale.sale;

/** A sale's durable record next to its live state. */
public record SaleWithState(Sale sale, SaleState state) {
}
