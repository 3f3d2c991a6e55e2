package com.flashsale.purchase;

import com.flashsale.admission.Admission;
import com.flashsale.ratelimit.AttemptLimits;
import java.util.Optional;

/**
 * The purchase path's port to the decision store: one atomic decision per attempt, and the
 * shopper's purchase as that decision recorded it. Both may throw
 * {@link com.flashsale.StoreUnavailableException}.
 */
public interface PurchaseDecisions {

    /**
     * Decides one purchase in one atomic step against the store's own clock, taking first a token
     * of the client address in this sale and then one of the shopper in this sale, for each limit
     * that {@code limits} applies (a refusal decides nothing and reveals nothing). For a sale with a
     * waiting room, a unit is sold only if {@code admission} is the shopper's current, unexpired
     * admission, which the purchase then spends.
     */
    Decision decide(String saleId, String shopperId, String candidatePurchaseId, AttemptLimits limits,
                    Admission admission);

    /** The shopper's purchase as the decision recorded it. */
    Optional<Receipt> purchaseOf(String saleId, String shopperId);
}
