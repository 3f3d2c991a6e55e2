package com.flashsale.sale;

/**
 * Puts a sale's live state back from the durable record when the decision store lost it, so a
 * sale never reads as unknown or sold out because of a store restart.
 */
public interface SaleRestorer {

    /**
     * Restores one sale's state if it exists durably; concurrent callers for the same sale share one
     * restore.
     *
     * @return false if the sale does not exist
     */
    boolean restore(String saleId);
}
