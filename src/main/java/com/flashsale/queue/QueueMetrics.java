package com.flashsale.queue;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The waiting rooms' metrics: shoppers waiting (gauge), joins, admissions and expired admissions
 * (counters of this instance's steps: summed over instances they are the totals; their rate is the
 * admission rate). Token refusals on purchases are counted by the purchase metrics.
 */
@ApplicationScoped
public class QueueMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    QueueProgress progress;

    private Counter joins;
    private Counter admissions;
    private Counter expired;

    @PostConstruct
    void register() {
        joins = registry.counter(Metadata.builder().withName("flashsale_queue_joins")
                .withDescription("Joins answered with a place in a waiting line (joining again included)").build());
        admissions = registry.counter(Metadata.builder().withName("flashsale_queue_admissions")
                .withDescription("Shoppers admitted by this instance's admission steps").build());
        expired = registry.counter(Metadata.builder().withName("flashsale_queue_admissions_expired")
                .withDescription("Admissions that expired unused, swept by this instance's steps").build());
        registry.gauge(Metadata.builder().withName("flashsale_queue_waiting")
                .withDescription("Shoppers waiting in every waiting line, as of the last admission step").build(),
                progress, QueueProgress::waiting);
    }

    /** Creates the metrics at start, so they read 0 (not absent) until the first join. */
    void atStartup(@Observes Startup startup) {
        joins.getCount();
    }

    void joined() {
        joins.inc();
    }

    void stepped(int admitted, int expiredNow) {
        admissions.inc(admitted);
        expired.inc(expiredNow);
    }
}
