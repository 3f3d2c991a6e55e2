package com.flashsale.purchase;

/**
 * A purchase the decision confirmed, with the outbox entry that holds it until it is recorded.
 *
 * @param receipt the purchase
 * @param outboxEntryId its entry in the sale's outbox
 */
public record DecidedPurchase(Receipt receipt, String outboxEntryId) {
}
