package com.flashsale.infrastructure.metrics;

import com.flashsale.purchase.OutboxBacklog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.ToDoubleFunction;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Gauges read when metrics are scraped: the outbox backlog (entries and the oldest entry's age).
 * A store that cannot be read gives NaN rather than failing the scrape.
 */
@ApplicationScoped
public class OperationsGauges {

    @Inject
    MetricRegistry registry;

    @Inject
    OutboxBacklog backlog;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        gauge("flashsale_outbox_backlog", "Purchases confirmed and waiting in the outbox for MongoDB",
                b -> b.current().entries());
        gauge("flashsale_outbox_oldest_age_seconds", "How long the oldest outbox entry has waited",
                b -> b.current().oldestAge().toMillis() / 1000.0);
    }

    private void gauge(String name, String description, ToDoubleFunction<OutboxBacklog> reading) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), backlog,
                b -> {
                    try {
                        return reading.applyAsDouble(b);
                    } catch (RuntimeException e) {
                        return Double.NaN;
                    }
                });
    }
}
