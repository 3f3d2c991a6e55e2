package com.flashsale.sale;

import java.util.Optional;

/**
 * A sale's live state in the decision store (window, stock left, cancelled), which purchases are
 * decided against: published when the sale is created, replaced by an edit before it starts,
 * marked on cancel. Every method may throw {@link com.flashsale.StoreUnavailableException}.
 */
public interface SaleStates {

    /** The live state of a sale, or empty if the store holds none for it (or is rebuilding it). */
    Optional<SaleState> state(String saleId);

    /** Publishes a new sale's state; does nothing if the store already has state for it. */
    void publish(Sale sale);

    /** Replaces a sale's window, name and stock if it has not started by the store's clock. */
    boolean republishIfNotStarted(Sale sale);

    /** Marks a sale cancelled, so no further purchase is decided; does not create state for an unknown sale. */
    void markCancelled(String saleId);
}
