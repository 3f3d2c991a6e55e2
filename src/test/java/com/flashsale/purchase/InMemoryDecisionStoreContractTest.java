package com.flashsale.purchase;

import com.flashsale.admin.StoreWipe;
import com.flashsale.sale.CurrentSale;
import com.flashsale.sale.SaleStates;
import com.flashsale.sale.SharedLocks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

/** The in-memory fake held to the same contract as Redis, so unit tests built on it stay honest. */
class InMemoryDecisionStoreContractTest extends DecisionStoreContract {

    private final InMemoryDecisionStore store = new InMemoryDecisionStore(new InMemoryOutbox(new ArrayList<>()));

    @Override
    protected PurchaseDecisions decisions() {
        return store;
    }

    @Override
    protected SaleStates states() {
        return store;
    }

    @Override
    protected SaleStateRestore stateRestore() {
        return store;
    }

    @Override
    protected CurrentSale currentSale() {
        return store;
    }

    @Override
    protected SharedLocks locks() {
        return store;
    }

    @Override
    protected StoreWipe wipe() {
        return store;
    }

    @Override
    protected Instant storeNow() {
        return store.now;
    }

    @Override
    protected void elapse(Duration step) {
        store.now = store.now.plus(step);
    }

    @Override
    protected void makeStale(String saleId) {
        store.states.get(saleId).stale = true;
    }

    @Override
    protected void admit(String saleId, String shopperId, String grant) {
        store.states.get(saleId).admitted.put(shopperId, grant);
    }

    @Override
    protected Optional<String> heldAdmission(String saleId, String shopperId) {
        return Optional.ofNullable(store.states.get(saleId).admitted.get(shopperId));
    }
}
