package com.flashsale.purchase;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far the durable record is behind the decisions: entries waiting in every sale's outbox and
 * the age of the oldest. Read by the metrics endpoint and the readiness check, so one reading is
 * reused for a second instead of walking every sale's stream for each of them.
 */
@ApplicationScoped
public class OutboxBacklog {

    private static final Duration REUSE = Duration.ofSeconds(1);

    private final Outbox outbox;
    private final Clock clock;
    private volatile Snapshot last;

    @Inject
    public OutboxBacklog(Outbox outbox) {
        this(outbox, Clock.systemUTC());
    }

    OutboxBacklog(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected OutboxBacklog() {
        this(null, Clock.systemUTC());
    }

    /** What waits for the durable record now (at most a second old). */
    public Snapshot current() {
        Snapshot snapshot = last;
        Instant now = clock.instant();
        if (snapshot == null || snapshot.takenAt().plus(REUSE).isBefore(now)) {
            snapshot = read(now);
            last = snapshot;
        }
        return snapshot;
    }

    private Snapshot read(Instant now) {
        long entries = 0;
        Instant oldest = null;
        for (String saleId : outbox.saleIds()) {
            long waiting = outbox.backlog(saleId);
            if (waiting == 0) {
                continue;
            }
            entries += waiting;
            Optional<Instant> first = outbox.oldestEntry(saleId);
            if (first.isPresent() && (oldest == null || first.get().isBefore(oldest))) {
                oldest = first.get();
            }
        }
        Duration age = oldest == null ? Duration.ZERO : Duration.between(oldest, now);
        return new Snapshot(entries, age.isNegative() ? Duration.ZERO : age, now);
    }

    /** Entries waiting, and how long the oldest has waited (zero when none). */
    public record Snapshot(long entries, Duration oldestAge, Instant takenAt) {
    }
}
