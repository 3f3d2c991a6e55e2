package com.flashsale.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Batches form while earlier ones are written; each purchase learns its own batch's fate. */
class PurchaseGroupCommitTest {

    /** A recorder whose writes the test completes by hand. */
    private static final class HeldRecorder extends PurchaseRecorder {
        final List<List<DecidedPurchase>> batches = new ArrayList<>();
        final List<CompletableFuture<Void>> writes = new ArrayList<>();

        @Override
        public synchronized CompletionStage<Void> record(List<DecidedPurchase> batch) {
            batches.add(batch);
            CompletableFuture<Void> write = new CompletableFuture<>();
            writes.add(write);
            return write;
        }
    }

    private static DecidedPurchase purchase(int i) {
        return new DecidedPurchase(new Receipt("p" + i, "sale-1", "shopper-" + i, Instant.EPOCH), "0-" + i);
    }

    @Test
    void purchasesDecidedWhileABatchIsWrittenGoOutTogetherAsTheNextBatch() {
        HeldRecorder recorder = new HeldRecorder();
        PurchaseGroupCommit commit = new PurchaseGroupCommit(recorder, 100, 1);
        CompletableFuture<Void> first = commit.record(purchase(0));
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            waiting.add(commit.record(purchase(i)));
        }
        assertEquals(1, recorder.batches.size(), "one batch in flight at most");
        assertEquals(1, recorder.batches.get(0).size());

        recorder.writes.get(0).complete(null);

        assertTrue(first.isDone() && !first.isCompletedExceptionally());
        assertEquals(2, recorder.batches.size());
        assertEquals(5, recorder.batches.get(1).size(), "the five that waited, in one write");
        assertFalse(waiting.get(0).isDone(), "done only when its own batch is written");
        recorder.writes.get(1).complete(null);
        waiting.forEach(w -> assertTrue(w.isDone() && !w.isCompletedExceptionally()));
    }

    @Test
    void aFailedBatchFailsEveryPurchaseInItAndTheNextBatchStillGoesOut() {
        HeldRecorder recorder = new HeldRecorder();
        PurchaseGroupCommit commit = new PurchaseGroupCommit(recorder, 2, 1);
        CompletableFuture<Void> a = commit.record(purchase(0));
        CompletableFuture<Void> b = commit.record(purchase(1));
        CompletableFuture<Void> c = commit.record(purchase(2));
        CompletableFuture<Void> d = commit.record(purchase(3));
        assertTrue(d.isCompletedExceptionally(), "beyond one waiting batch: left to the outbox at once");

        recorder.writes.get(0).completeExceptionally(new IllegalStateException("database down"));

        assertTrue(a.isCompletedExceptionally());
        assertEquals(2, recorder.batches.get(1).size(), "at most batch-size per batch");
        assertFalse(b.isDone());
        recorder.writes.get(1).complete(null);
        assertTrue(b.isDone() && c.isDone() && !b.isCompletedExceptionally());
    }

    @Test
    void aRecorderThatRefusesAtOnceFailsTheBatchWithoutStoppingTheQueue() {
        PurchaseRecorder refusing = new PurchaseRecorder() {
            @Override
            public CompletionStage<Void> record(List<DecidedPurchase> batch) {
                throw new IllegalStateException("circuit open");
            }
        };
        PurchaseGroupCommit commit = new PurchaseGroupCommit(refusing, 10, 2);
        assertTrue(commit.record(purchase(0)).isCompletedExceptionally());
        assertTrue(commit.record(purchase(1)).isCompletedExceptionally());
    }

    @Test
    void whenTheNextBatchIsFullAPurchaseIsLeftToTheOutboxAtOnce() {
        HeldRecorder recorder = new HeldRecorder();
        PurchaseGroupCommit commit = new PurchaseGroupCommit(recorder, 3, 1);
        commit.record(purchase(0)); // in flight
        List<CompletableFuture<Void>> next = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            next.add(commit.record(purchase(i)));
        }
        CompletableFuture<Void> overflow = commit.record(purchase(4));
        assertTrue(overflow.isCompletedExceptionally(), "the fourth waiting purchase is not waited for");
        next.forEach(f -> assertFalse(f.isDone()));
        recorder.writes.get(0).complete(null);
        assertEquals(3, recorder.batches.get(1).size());
        assertFalse(commit.record(purchase(5)).isDone(), "room again once the waiting batch went out");
    }

    @Test
    void upToTheConfiguredNumberOfBatchesAreWrittenAtOnce() {
        HeldRecorder recorder = new HeldRecorder();
        PurchaseGroupCommit commit = new PurchaseGroupCommit(recorder, 1, 3);
        for (int i = 0; i < 10; i++) {
            commit.record(purchase(i));
        }
        assertEquals(3, recorder.batches.size());
    }
}
