package com.flashsale.sale;

import java.util.Optional;

/**
 * The seed-compatible API's pointer to "the sale", kept in the shared store so every instance
 * answers with the same one. Every method may throw {@link com.flashsale.StoreUnavailableException}.
 */
public interface CurrentSale {

    /** The sale the seed-compatible API calls "the sale", if known to the store. */
    Optional<String> currentSaleId();

    /** Points at {@code saleId}, replacing any earlier sale. */
    void setCurrentSaleId(String saleId);

    /** Clears the pointer only if it still points at {@code onlyIfEqualTo}. */
    void clearCurrentSaleId(String onlyIfEqualTo);
}
