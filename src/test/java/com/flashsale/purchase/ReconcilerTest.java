package com.flashsale.purchase;

import com.flashsale.admission.Admission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.ratelimit.AttemptLimits;
import com.flashsale.sale.Sale;
import com.flashsale.sale.SaleState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private static final String SALE_ID = "65f000000000000000000001";
    private static final Instant START = Instant.parse("2026-02-14T10:00:00Z");
    private static final Instant END = Instant.parse("2026-02-14T14:00:00Z");

    private final List<String> log = new ArrayList<>();
    private final InMemoryOutbox outbox = new InMemoryOutbox(log);
    private final InMemoryPurchaseRepository purchases = new InMemoryPurchaseRepository(log);
    private final InMemorySaleRepository sales = new InMemorySaleRepository();
    private final InMemoryDecisionStore store = new InMemoryDecisionStore(outbox);
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final Reconciler reconciler =
            new Reconciler(sales, purchases, store, store, new OutboxPersister(outbox, purchases, 500), metrics);

    private Sale sale(int totalStock) {
        Sale sale = new Sale(SALE_ID, "Phone", totalStock, START, END, START.minusSeconds(3600),
                START.minusSeconds(3600), false);
        sales.insert(sale);
        return sale;
    }

    private void recordBuyers(int count) {
        List<Receipt> receipts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            receipts.add(new Receipt(String.format("%024x", i), SALE_ID, "shopper" + i, START.plusSeconds(i)));
        }
        purchases.saveAll(receipts);
    }

    @Test
    void restoreReturnsFalseForAnUnknownSale() {
        assertFalse(reconciler.restore("65f0000000000000000000ff"));

        assertTrue(store.states.isEmpty());
        assertTrue(store.calls.isEmpty(), store.calls::toString);
    }

    @Test
    void restoreReturnsTrueAndRebuildsAKnownSaleWhoseStateIsMissing() {
        sale(10);
        recordBuyers(3);

        assertTrue(reconciler.restore(SALE_ID));

        SaleState state = store.state(SALE_ID).orElseThrow();
        assertEquals(7, state.stockRemaining());
        assertEquals(10, state.totalStock());
    }

    @Test
    void reconcileOfASaleWithMissingStateRestoresBuyersAndSetsStockToTotalMinusRecorded() {
        Sale sale = sale(10);
        recordBuyers(3);

        Reconciler.Result result = reconciler.reconcile(sale);

        assertEquals(new Reconciler.Result(SALE_ID, true, 3, 7, 3, true), result);
        assertEquals(List.of(true), metrics.reconciliations);
        assertEquals(7L, store.states.get(SALE_ID).stock);
        assertEquals(3, store.states.get(SALE_ID).buyers.size());
        assertTrue(store.purchaseOf(SALE_ID, "shopper2").isPresent());
        assertFalse(store.states.get(SALE_ID).rebuilding);
        assertEquals(List.of("beginRestore:" + SALE_ID + ":3", "restoreBuyers:" + SALE_ID + ":3",
                "finishRestore:" + SALE_ID + ":10"), store.calls);
    }

    @Test
    void reconcileDrainsTheOutboxBeforeCountingRecordedPurchases() {
        Sale sale = sale(10);
        recordBuyers(2);
        outbox.append(new Receipt("65f0000000000000000000aa", SALE_ID, "late", START.plusSeconds(60)));

        Reconciler.Result result = reconciler.reconcile(sale);

        assertEquals("beginRestore:" + SALE_ID + ":3", store.calls.get(0));
        assertEquals(0, outbox.backlog(SALE_ID));
        assertEquals(7, result.stockRemaining());
        assertEquals(3, result.recordedPurchases());
        assertTrue(store.purchaseOf(SALE_ID, "late").isPresent());
    }

    @Test
    void reconcileOfASaleWithNoPurchasesOpensItWithFullStock() {
        Sale sale = sale(5);

        Reconciler.Result result = reconciler.reconcile(sale);

        assertTrue(result.rebuilt());
        assertEquals(0, result.buyersRestored());
        assertEquals(5, result.stockRemaining());
        assertTrue(result.consistent());
    }

    @Test
    void reconcileRestoresBuyersInChunksOfAThousand() {
        Sale sale = sale(3000);
        recordBuyers(2500);

        Reconciler.Result result = reconciler.reconcile(sale);

        assertEquals(List.of("beginRestore:" + SALE_ID + ":2500", "restoreBuyers:" + SALE_ID + ":1000",
                "restoreBuyers:" + SALE_ID + ":1000", "restoreBuyers:" + SALE_ID + ":500",
                "finishRestore:" + SALE_ID + ":3000"), store.calls);
        assertEquals(2500, result.buyersRestored());
        assertEquals(500, result.stockRemaining());
    }

    @Test
    void reconcileLeavesAWholeStateAlone() {
        Sale sale = sale(10);
        store.publish(sale);
        store.decide(SALE_ID, "alice", "65f0000000000000000000a1", AttemptLimits.NONE, Admission.NONE);
        new OutboxPersister(outbox, purchases, 500).drain(SALE_ID);
        store.calls.clear();

        Reconciler.Result result = reconciler.reconcile(sale);

        assertEquals(new Reconciler.Result(SALE_ID, false, 0, 9, 1, true), result);
        assertEquals(List.of(false), metrics.reconciliations);
        assertEquals(List.of("beginRestore:" + SALE_ID + ":1"), store.calls);
    }

    @Test
    void reconcileRebuildsAStateThatLostBuyers() {
        Sale sale = sale(10);
        store.publish(sale); // the store restarted empty while 4 purchases are recorded
        recordBuyers(4);

        Reconciler.Result result = reconciler.reconcile(sale);

        assertTrue(result.rebuilt());
        assertEquals(4, result.buyersRestored());
        assertEquals(6, result.stockRemaining());
        assertTrue(result.consistent());
    }

    @Test
    void reconcileReportsInconsistencyWhenStoreStockDisagreesWithTheRecord() {
        Sale sale = sale(10);
        store.publish(sale);
        store.states.get(SALE_ID).stock = 4L; // no buyers known, no records, yet 6 units gone

        Reconciler.Result result = reconciler.reconcile(sale);

        assertFalse(result.rebuilt());
        assertEquals(4, result.stockRemaining());
        assertFalse(result.consistent());
    }

    @Test
    void reconcileOpenSalesSkipsEndedSales() {
        Sale open = new Sale(SALE_ID, "Open", 3, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600),
                Instant.EPOCH, Instant.EPOCH, false);
        Sale ended = new Sale("65f000000000000000000002", "Ended", 3, Instant.EPOCH, Instant.EPOCH.plusSeconds(1),
                Instant.EPOCH, Instant.EPOCH, false);
        sales.insert(open);
        sales.insert(ended);

        List<Reconciler.Result> results = reconciler.reconcileOpenSales();

        assertEquals(List.of(SALE_ID), results.stream().map(Reconciler.Result::saleId).toList());
        assertTrue(store.state(SALE_ID).isPresent());
        assertTrue(store.state("65f000000000000000000002").isEmpty());
    }
}
