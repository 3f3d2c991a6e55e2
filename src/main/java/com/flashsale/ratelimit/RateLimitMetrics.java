package com.flashsale.ratelimit;

import com.flashsale.ratelimit.RateLimitedException.Kind;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Counts purchase attempts refused by a rate limit, by the limit that refused them. */
@ApplicationScoped
public class RateLimitMetrics {

    @Inject
    MetricRegistry registry;

    private final Map<Kind, Counter> rejections = new EnumMap<>(Kind.class);

    @PostConstruct
    void register() {
        for (Kind kind : Kind.values()) {
            rejections.put(kind, registry.counter(
                    Metadata.builder().withName("flashsale_ratelimit_rejections")
                            .withDescription("Purchase attempts refused with 429, by the limit that refused them").build(),
                    new Tag("kind", kind.name().toLowerCase(Locale.ROOT))));
        }
    }

    /** Creates the counters at start, so they read 0 (not absent) until the first refusal. */
    void atStartup(@Observes Startup startup) {
        rejections.size();
    }

    void rejected(Kind kind) {
        rejections.get(kind).inc();
    }
}
