package com.flashsale.purchase;

import com.flashsale.purchase.Decision.Outcome;
import java.util.ArrayList;
import java.util.List;

/** Metrics without a registry: remembers the outcomes recorded. */
class RecordingMetrics extends PurchaseMetrics {

    final List<Outcome> outcomes = new ArrayList<>();

    @Override
    void record(Outcome outcome, long nanos) {
        outcomes.add(outcome);
    }

    final List<Boolean> reconciliations = new ArrayList<>();

    @Override
    void reconciled(boolean stateRebuilt) {
        reconciliations.add(stateRebuilt);
    }
}
