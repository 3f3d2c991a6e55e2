package com.flashsale.it.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A rush on one sale: {@code shoppers} arrive evenly over the rush, {@code workers} at a time,
 * each buying until answered. A quarter send an {@code Idempotency-Key} and, once bought, send
 * the same request again (it must replay the receipt); every tenth of the others tries a second
 * time without a key (it must be refused as already purchased, with the same purchase id). A 503
 * or a refused or broken connection is retried after a pause, as a client would; a request that
 * gets no answer within the client timeout is counted and retried. Every attempt is kept.
 */
final class Rush {

    /** One request and its answer, times in nanoseconds since the rush started. */
    record Attempt(String shopper, long startNanos, long endNanos, int status, String problemType,
                   String retryAfter, String purchaseId, String failure) {

        long latencyNanos() {
            return endNanos - startNanos;
        }

        boolean startedWithin(long fromNanos, long toNanos) {
            return startNanos >= fromNanos && startNanos <= toNanos;
        }
    }

    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final ShopClient client;
    private final String saleId;
    private final String tag;
    private final int shoppers;
    private final int workers;
    private final Duration spread;
    private final Duration giveUpAfter;
    private final long t0 = System.nanoTime();
    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    /** Shopper to purchase id, from every 201 and every already-purchased refusal. */
    private final Map<String, String> owned = new ConcurrentHashMap<>();
    /** Shopper to purchase id, from 201 answers only: the promises the audit checks. */
    private final Map<String, String> confirmed = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> contradictions = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean restarting = new AtomicBoolean();
    private ExecutorService pool;

    Rush(ShopClient client, String saleId, String tag, int shoppers, int workers, Duration spread, Duration giveUpAfter) {
        this.client = client;
        this.saleId = saleId;
        this.tag = tag;
        this.shoppers = shoppers;
        this.workers = workers;
        this.spread = spread;
        this.giveUpAfter = giveUpAfter;
    }

    /** Starts the shoppers; returns at once. */
    Rush start() {
        pool = Executors.newFixedThreadPool(workers);
        for (int i = 0; i < shoppers; i++) {
            int n = i;
            long arrival = spread.toNanos() * i / shoppers;
            pool.execute(() -> {
                sleepUntil(arrival);
                shop(n);
            });
        }
        pool.shutdown();
        return this;
    }

    /** Waits for every shopper to be answered or to give up. */
    void await(Duration timeout) throws InterruptedException {
        if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
            throw new IllegalStateException("The rush did not finish in " + timeout);
        }
    }

    /** Nanoseconds since the rush started. */
    long now() {
        return System.nanoTime() - t0;
    }

    /** While set, a non-problem 404 (Liberty up, application not yet started) is retried like a 503. */
    void serverRestarting(boolean value) {
        restarting.set(value);
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    Map<String, String> confirmed() {
        return Map.copyOf(confirmed);
    }

    Map<String, String> owned() {
        return Map.copyOf(owned);
    }

    List<String> contradictions() {
        return List.copyOf(contradictions);
    }

    private void shop(int n) {
        String shopper = tag + "-" + n + "@example.com";
        String key = n % 4 == 0 ? tag + "-key-" + n : null;
        boolean secondTry = key == null && n % 10 == 1;
        boolean bought = false;
        long deadline = t0 + giveUpAfter.toNanos();
        while (System.nanoTime() < deadline) {
            Attempt a = attempt(shopper, key);
            if (a.status() == 201) {
                note(confirmed, shopper, a.purchaseId());
                note(owned, shopper, a.purchaseId());
                if (bought) {
                    return; // the replay answered
                }
                bought = true;
                if (key == null && !secondTry) {
                    return;
                }
                continue; // send again: a replay (with the key) or a second purchase (without)
            }
            if (a.status() == 409) {
                if (a.problemType().endsWith("/already-purchased")) {
                    note(owned, shopper, a.purchaseId());
                    if (key != null) {
                        contradictions.add(shopper + " sent its Idempotency-Key again and was refused: " + a);
                    }
                }
                return;
            }
            if (!retryable(a)) {
                return; // counted as unexpected by the audit
            }
            sleepUntil(now() + RETRY_PAUSE.toNanos());
        }
    }

    private boolean retryable(Attempt a) {
        return a.status() == 503 || a.failure() != null
                || (a.status() == 404 && restarting.get() && !a.problemType().contains("/problems/"));
    }

    private Attempt attempt(String shopper, String key) {
        long started = now();
        ShopClient.Answer answer = client.purchase(saleId, shopper, key);
        String purchaseId = null;
        String type = "";
        if (answer.body() != null && answer.body().startsWith("{")) {
            try {
                type = answer.problemType();
                purchaseId = answer.json().getString("purchaseId", null);
            } catch (RuntimeException e) {
                // not JSON after all (an HTML error page while starting): no id, no type
            }
        }
        Attempt a = new Attempt(shopper, started, now(), answer.status(), type, answer.retryAfter(), purchaseId,
                answer.failure());
        attempts.add(a);
        return a;
    }

    private void note(Map<String, String> ids, String shopper, String purchaseId) {
        String known = ids.putIfAbsent(shopper, purchaseId);
        if (known != null && !known.equals(purchaseId)) {
            contradictions.add(shopper + " was told " + known + " and " + purchaseId);
        }
    }


    private void sleepUntil(long nanosSinceStart) {
        long wait = nanosSinceStart - now();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
