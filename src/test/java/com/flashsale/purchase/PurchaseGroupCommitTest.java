package com.flashsale.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Batches form while earlier ones are written; each purchase learns its own batch's fate. */
class PurchaseGroupCommitTest {

    /** A recorder that keeps the batches it wrote and fails when told to. */
    private static final class RecordingRecorder extends PurchaseRecorder {
        final List<List<DecidedPurchase>> batches = new ArrayList<>();
        boolean failNext;

        @Override
        public void record(List<DecidedPurchase> batch) {
            batches.add(batch);
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("database down");
            }
        }
    }

    /** Writer threads the test runs by hand: a batch is in flight until its task runs. */
    private static final class HeldWriters implements Executor {
        final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runNext() {
            tasks.poll().run();
        }
    }

    private final RecordingRecorder recorder = new RecordingRecorder();
    private final HeldWriters writers = new HeldWriters();

    private static DecidedPurchase purchase(int i) {
        return new DecidedPurchase(new Receipt("p" + i, "sale-1", "shopper-" + i, Instant.EPOCH), "0-" + i);
    }

    @Test
    void purchasesDecidedWhileABatchIsWrittenGoOutTogetherAsTheNextBatch() {
        PurchaseGroupCommit commit = new PurchaseGroupCommit(recorder, 100, 1, writers);
        CompletableFuture<Void> first = commit.record(purchase(0));
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            waiting.add(commit.record(purchase(i)));
        }
        assertEquals(1, writers.tasks.size(), "one batch in flight at most");

        writers.runNext();

        assertTrue(first.isDone() && !first.isCompletedExceptionally());
        assertEquals(1, recorder.batches.get(0).size());
        assertEquals(1, writers.tasks.size(), "the next batch went out when the first was written");
        assertFalse(waiting.get(0).isDone(), "done only when its own batch is written");
        writers.runNext();
        assertEquals(5, recorder.batches.get(1).size(), "the five that waited, in one write");
        waiting.forEach(w -> assertTrue(w.isDone() && !w.isCompletedExceptionally()));
    }

    @Test
    void aFailedBatchFailsEveryPurchaseInItAndTheNextBatchStillGoesOut() {
        PurchaseGroupCommit commit = new PurchaseGroupCommit(recorder, 2, 1, writers);
        CompletableFuture<Void> a = commit.record(purchase(0));
        CompletableFuture<Void> b = commit.record(purchase(1));
        CompletableFuture<Void> c = commit.record(purchase(2));
        CompletableFuture<Void> d = commit.record(purchase(3));
        assertTrue(d.isCompletedExceptionally(), "beyond one waiting batch: left to the outbox at once");

        recorder.failNext = true;
        writers.runNext();

        assertTrue(a.isCompletedExceptionally());
        assertFalse(b.isDone());
        writers.runNext();
        assertEquals(2, recorder.batches.get(1).size(), "at most batch-size per batch");
        assertTrue(b.isDone() && c.isDone() && !b.isCompletedExceptionally() && !c.isCompletedExceptionally());
    }

    @Test
    void aRecorderThatRefusesAtOnceFailsTheBatchWithoutStoppingTheQueue() {
        PurchaseRecorder refusing = new PurchaseRecorder() {
            @Override
            public void record(List<DecidedPurchase> batch) {
                throw new IllegalStateException("circuit open");
            }
        };
        PurchaseGroupCommit commit = new PurchaseGroupCommit(refusing, 10, 2, Runnable::run);
        assertTrue(commit.record(purchase(0)).isCompletedExceptionally());
        assertTrue(commit.record(purchase(1)).isCompletedExceptionally());
    }

    @Test
    void whenTheNextBatchIsFullAPurchaseIsLeftToTheOutboxAtOnce() {
        PurchaseGroupCommit commit = new PurchaseGroupCommit(recorder, 3, 1, writers);
        commit.record(purchase(0)); // in flight
        List<CompletableFuture<Void>> next = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            next.add(commit.record(purchase(i)));
        }
        CompletableFuture<Void> overflow = commit.record(purchase(4));
        assertTrue(overflow.isCompletedExceptionally(), "the fourth waiting purchase is not waited for");
        next.forEach(f -> assertFalse(f.isDone()));
        writers.runNext();
        assertFalse(commit.record(purchase(5)).isDone(), "room again once the waiting batch went out");
        writers.runNext();
        assertEquals(3, recorder.batches.get(1).size());
    }

    @Test
    void upToTheConfiguredNumberOfBatchesAreWrittenAtOnce() {
        PurchaseGroupCommit commit = new PurchaseGroupCommit(recorder, 1, 3, writers);
        for (int i = 0; i < 4; i++) {
            commit.record(purchase(i));
        }
        assertEquals(3, writers.tasks.size());
    }
}
