package com.flashsale.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxBacklogTest {

    private static final Instant NOW = Instant.parse("2026-02-14T10:00:00Z");

    private final InMemoryOutbox outbox = new InMemoryOutbox(new ArrayList<>());
    private final MutableClock clock = new MutableClock(NOW);
    private final OutboxBacklog backlog = new OutboxBacklog(outbox, clock);

    @Test
    void emptyOutboxHasNoBacklogAndNoAge() {
        assertEquals(0, backlog.current().entries());
        assertEquals(Duration.ZERO, backlog.current().oldestAge());
    }

    @Test
    void countsEntriesOfEverySaleAndAgesTheOldest() {
        outbox.append(new Receipt("p1", "sale-a", "ann", NOW.minusSeconds(40)));
        outbox.append(new Receipt("p2", "sale-a", "bob", NOW.minusSeconds(5)));
        outbox.append(new Receipt("p3", "sale-b", "cat", NOW.minusSeconds(90)));
        outbox.take("sale-b", "me", 10); // taken but not acknowledged still waits

        OutboxBacklog.Snapshot snapshot = backlog.current();

        assertEquals(3, snapshot.entries());
        assertEquals(Duration.ofSeconds(90), snapshot.oldestAge());
    }

    @Test
    void aReadingIsReusedForASecondThenTakenAgain() {
        outbox.append(new Receipt("p1", "sale-a", "ann", NOW));
        assertEquals(1, backlog.current().entries());

        outbox.acknowledge("sale-a", List.of("1-0"));
        clock.now = NOW.plusMillis(900);
        assertEquals(1, backlog.current().entries());

        clock.now = NOW.plusMillis(1100);
        assertEquals(0, backlog.current().entries());
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
