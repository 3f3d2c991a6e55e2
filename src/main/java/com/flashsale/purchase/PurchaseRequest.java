package com.flashsale.purchase;

/** A shopper's request to buy one unit. */
public record PurchaseRequest(String userIdentifier) {
}
