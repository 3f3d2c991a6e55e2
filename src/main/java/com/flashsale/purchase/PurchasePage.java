package com.flashsale.purchase;

import java.util.List;

/** One page of a sale's purchases. */
public record PurchasePage(List<Receipt> items, int page, int size, long total) {
}
