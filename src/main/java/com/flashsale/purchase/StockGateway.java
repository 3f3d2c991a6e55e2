package com.flashsale.purchase;

import com.flashsale.ratelimit.AttemptLimits;
import com.flashsale.sale.Sale;
import com.flashsale.sale.SaleState;
import java.util.List;
import java.util.Optional;

/**
 * The decision store: holds each sale's live stock, window and buyers, and decides purchases
 * atomically. Every method may throw {@link com.flashsale.StoreUnavailableException}.
 */
public interface StockGateway {

    /**
     * Decides one purchase in one atomic step against the store's own clock, taking first a token
     * of the client address in this sale and then one of the shopper in this sale, for each limit
     * that {@code limits} applies (a refusal decides nothing and reveals nothing).
     */
    Decision decide(String saleId, String shopperId, String candidatePurchaseId, AttemptLimits limits);

    /** The live state of a sale, or empty if the store holds none for it. */
    Optional<SaleState> state(String saleId);

    /** The shopper's purchase as the decision recorded it. */
    Optional<Receipt> purchaseOf(String saleId, String shopperId);

    /** Publishes a new sale's state; does nothing if the store already has state for it. */
    void publish(Sale sale);

    /** Replaces a sale's window, name and stock if it has not started by the store's clock. */
    boolean republishIfNotStarted(Sale sale);

    void markCancelled(String saleId);

    /** Removes every key this application owns in the store (and no other); returns how many. */
    long forgetAll();

    /** The sale the seed-compatible API calls "the sale", if known to the store. */
    Optional<String> currentSaleId();

    void setCurrentSaleId(String saleId);

    void clearCurrentSaleId(String onlyIfEqualTo);

    /** Takes a named lock shared by every instance, held at most {@code ttlMillis}. */
    boolean tryLock(String name, String token, long ttlMillis);

    /** Releases a lock if {@code token} still holds it. */
    void unlock(String name, String token);

    // Rebuilding a sale's state from the durable record ---------------------------------

    /**
     * Writes the sale's metadata and, if the state is missing or holds fewer buyers than the
     * durable record, blocks purchases until {@link #finishRestore} runs.
     *
     * @return true if buyers must be restored
     */
    boolean beginRestore(Sale sale, long recordedPurchases);

    /** Adds buyers missing from the store, keeping stock at most total − buyers. */
    int restoreBuyers(String saleId, int totalStock, List<Receipt> receipts);

    /** Sets stock to total − buyers and reopens the sale to purchases. */
    void finishRestore(String saleId, int totalStock);
}
