package com.flashsale.queue;

import com.flashsale.queue.WaitingLines.AdmissionStep;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last admission step this instance ran for each sale with a waiting room: how many wait, how
 * many were admitted so far, whether the line closed. Every instance's admitter steps every sale, so
 * each instance knows every line's progress without reading the store per follower; live pages
 * derive a shopper's place from it (place at the last read minus admissions since).
 */
@ApplicationScoped
public class QueueProgress {

    private final Map<String, AdmissionStep> latest = new ConcurrentHashMap<>();

    void update(String saleId, AdmissionStep step) {
        latest.put(saleId, step);
    }

    /** The latest step seen for a sale. */
    public Optional<AdmissionStep> of(String saleId) {
        return Optional.ofNullable(latest.get(saleId));
    }

    /** Shoppers waiting in every line this instance steps. */
    public long waiting() {
        return latest.values().stream().mapToLong(AdmissionStep::waiting).sum();
    }

    /** How many sales with a waiting room this instance steps. */
    public int lines() {
        return latest.size();
    }
}
