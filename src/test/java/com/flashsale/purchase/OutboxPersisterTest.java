package com.flashsale.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxPersisterTest {

    private static final String SALE = "65f000000000000000000001";

    private final List<String> log = new ArrayList<>();
    private final InMemoryOutbox outbox = new InMemoryOutbox(log);
    private final InMemoryPurchaseRepository purchases = new InMemoryPurchaseRepository(log);

    private List<String> append(String saleId, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(outbox.append(new Receipt("p" + saleId.substring(saleId.length() - 1) + i, saleId, "shopper" + i,
                    Instant.EPOCH.plusSeconds(i))));
        }
        return ids;
    }

    @Test
    void drainsEveryBatchUntilTheOutboxIsEmpty() {
        append(SALE, 5);
        OutboxPersister persister = new OutboxPersister(outbox, purchases, 2);

        assertEquals(5, persister.drain(SALE));

        assertEquals(List.of(2, 2, 1), outbox.takeSizes);
        assertEquals(5, purchases.countBySale(SALE, null));
        assertEquals(0, outbox.backlog(SALE));
    }

    @Test
    void takesOnceMoreAfterAFullBatchAndStopsOnAnEmptyOne() {
        append(SALE, 4);
        OutboxPersister persister = new OutboxPersister(outbox, purchases, 2);

        assertEquals(4, persister.drain(SALE));

        assertEquals(List.of(2, 2, 0), outbox.takeSizes);
        assertEquals(0, outbox.backlog(SALE));
    }

    @Test
    void drainOfAnEmptyOutboxWritesNothing() {
        OutboxPersister persister = new OutboxPersister(outbox, purchases, 500);

        assertEquals(0, persister.drain(SALE));

        assertEquals(List.of(0), outbox.takeSizes);
        assertEquals(0, purchases.saveCalls);
    }

    @Test
    void savesEachBatchBeforeAcknowledgingIt() {
        List<String> ids = append(SALE, 3);
        OutboxPersister persister = new OutboxPersister(outbox, purchases, 2);

        persister.drain(SALE);

        assertEquals(List.of(
                "take:" + SALE + ":2", "save:[p10, p11]", "ack:" + ids.subList(0, 2),
                "take:" + SALE + ":1", "save:[p12]", "ack:" + ids.subList(2, 3)), log);
    }

    @Test
    void doesNotAcknowledgeWhenTheSaveFails() {
        append(SALE, 2);
        RuntimeException down = new IllegalStateException("database down");
        purchases.failure = down;
        OutboxPersister persister = new OutboxPersister(outbox, purchases, 500);

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> persister.drain(SALE));

        assertSame(down, thrown);
        assertTrue(log.stream().noneMatch(e -> e.startsWith("ack:")), log::toString);
        assertEquals(2, outbox.unacknowledged(SALE));
        assertEquals(2, outbox.backlog(SALE));
        assertEquals(0, purchases.countAll());
    }

    @Test
    void keepsEarlierBatchesAcknowledgedWhenALaterSaveFails() {
        append(SALE, 3);
        InMemoryPurchaseRepository failingSecond = new InMemoryPurchaseRepository(log) {
            @Override
            public void saveAll(List<Receipt> batch) {
                if (saveCalls == 1) {
                    failure = new IllegalStateException("down");
                }
                super.saveAll(batch);
            }
        };
        OutboxPersister persister = new OutboxPersister(outbox, failingSecond, 2);

        assertThrows(IllegalStateException.class, () -> persister.drain(SALE));

        assertEquals(2, failingSecond.countAll());
        assertEquals(1, outbox.unacknowledged(SALE));
        assertEquals(1, log.stream().filter(e -> e.startsWith("ack:")).count());
    }

    @Test
    void drainAllDrainsEverySaleAndReturnsTheTotal() {
        String other = "65f000000000000000000002";
        append(SALE, 3);
        append(other, 2);
        OutboxPersister persister = new OutboxPersister(outbox, purchases, 500);

        assertEquals(5, persister.drainAll());

        assertEquals(3, purchases.countBySale(SALE, null));
        assertEquals(2, purchases.countBySale(other, null));
        assertEquals(0, outbox.backlog(SALE) + outbox.backlog(other));
    }
}
