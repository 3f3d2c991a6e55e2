package com.flashsale.purchase;

import com.flashsale.sale.Sale;
import java.util.List;

/**
 * Rebuilds a sale's live state in the decision store from the durable record, for the
 * {@link Reconciler}: begin (purchases blocked if buyers are missing), add buyers, finish. Every
 * method may throw {@link com.flashsale.StoreUnavailableException}.
 */
public interface SaleStateRestore {

    /**
     * Writes the sale's metadata and, if the state is missing or holds fewer buyers than the
     * durable record, blocks purchases until {@link #finishRestore} runs.
     *
     * @return true if buyers must be restored
     */
    boolean beginRestore(Sale sale, long recordedPurchases);

    /** Adds buyers missing from the store, keeping stock at most total − buyers; returns how many were added. */
    int restoreBuyers(String saleId, int totalStock, List<Receipt> receipts);

    /** Sets stock to total − buyers and reopens the sale to purchases. */
    void finishRestore(String saleId, int totalStock);
}
