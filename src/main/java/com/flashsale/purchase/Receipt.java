package com.flashsale.purchase;

import java.time.Instant;

/** Proof of one confirmed purchase: one unit of one sale for one shopper. */
public record Receipt(String purchaseId, String saleId, String userIdentifier, Instant purchasedAt) {
}
