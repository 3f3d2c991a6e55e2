package com.flashsale.purchase;

import com.flashsale.purchase.Decision.Outcome;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/** Counts purchase outcomes by type, times the atomic decision and counts reconciliations. */
@ApplicationScoped
public class PurchaseMetrics {

    @Inject
    MetricRegistry registry;

    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private Timer decisionTimer;
    private Counter rebuilt;
    private Counter checked;
    private final Map<String, Counter> admissionRefusals = new HashMap<>();

    @PostConstruct
    void register() {
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, registry.counter(
                    Metadata.builder().withName("flashsale_purchase_outcomes")
                            .withDescription("Purchase decisions by outcome").build(),
                    new Tag("outcome", outcome.name().toLowerCase(Locale.ROOT))));
        }
        decisionTimer = registry.timer(Metadata.builder().withName("flashsale_purchase_decision")
                .withDescription("Time of the atomic purchase decision, restore included").build());
        Metadata reconciliations = Metadata.builder().withName("flashsale_reconciliations")
                .withDescription("Sales reconciled against MongoDB, by whether Redis state had to be rebuilt").build();
        rebuilt = registry.counter(reconciliations, new Tag("result", "rebuilt"));
        checked = registry.counter(reconciliations, new Tag("result", "checked"));
        Metadata refusals = Metadata.builder().withName("flashsale_admission_refusals")
                .withDescription("Purchases of sales with a waiting room refused for their admission token, by reason: "
                        + "missing, invalid (forged, malformed, another sale's or shopper's), spent (already used, "
                        + "replaced or swept), expired").build();
        for (String reason : ADMISSION_REFUSAL_REASONS) {
            admissionRefusals.put(reason, registry.counter(refusals, new Tag("reason", reason)));
        }
    }

    static final List<String> ADMISSION_REFUSAL_REASONS = List.of("missing", "invalid", "spent", "expired");

    /** A purchase refused for its admission token, for one of {@link #ADMISSION_REFUSAL_REASONS}. */
    void admissionRefused(String reason) {
        admissionRefusals.get(reason).inc();
    }

    void record(Outcome outcome, long nanos) {
        outcomes.get(outcome).inc();
        decisionTimer.update(Duration.ofNanos(nanos));
    }

    void reconciled(boolean stateRebuilt) {
        (stateRebuilt ? rebuilt : checked).inc();
    }
}
