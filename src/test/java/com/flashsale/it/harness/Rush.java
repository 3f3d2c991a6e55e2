package com.flashsale.it.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * The one rush driver of the integration tests: {@code shoppers} (named {@code <prefix><i>@example.com})
 * each make {@code attemptsEach} purchase attempts on one sale, over {@code workers} threads (one
 * connection each). With several attempts each, all attempts are shuffled (fixed seed), so one shopper's
 * attempts race each other; attempt {@code k} of shopper {@code i} goes to target {@code (i + k) % targets}.
 * Attempts may start spread evenly over a period, may carry an {@code Idempotency-Key}, and a shopper may
 * send its request once more after a 201 (with its key: a replay; without: a second purchase). Answers the
 * {@link Retry} policy names are retried after its pause. Every request and its answer is kept.
 *
 * <p>What it checks on the way (see {@link #contradictions()}): no shopper is told two purchase ids, no
 * shopper without a key is answered 201 twice, and a shopper with a key is never refused on a resend.
 */
public final class Rush {

    /** One request and its answer; times in nanoseconds since the rush started. */
    public record Attempt(String shopper, String target, long startNanos, long endNanos, int status, String problemType,
                          String retryAfter, String purchaseId, String failure) {

        public long latencyNanos() {
            return endNanos - startNanos;
        }

        public boolean startedWithin(long fromNanos, long toNanos) {
            return startNanos >= fromNanos && startNanos <= toNanos;
        }

        public boolean timedOut() {
            return Reply.CLIENT_TIMEOUT.equals(failure);
        }

        public boolean soldOut() {
            return status == 409 && problemType.endsWith("/sold-out");
        }

        public boolean alreadyPurchased() {
            return status == 409 && problemType.endsWith("/already-purchased");
        }

        @Override
        public String toString() {
            return target + " " + shopper + ": " + (failure == null ? status + " " + problemType : failure)
                    + (purchaseId == null ? "" : " " + purchaseId) + " after " + latencyNanos() / 1_000_000 + " ms";
        }
    }

    /**
     * Which answers are tried again, after what pause, how often and until when. A purchase attempt
     * ends at a 201 or a 409, or at an answer that is not retried (then it is {@link #unexpected()}).
     */
    public record Retry(int maxTries, Duration pause, boolean noAnswer, Duration giveUpAfter) {

        /** A 503 is retried {@code maxTries - 1} times, as a client honouring {@code Retry-After} would. */
        public static Retry on503(int maxTries, Duration pause) {
            return new Retry(maxTries, pause, false, null);
        }

        /**
         * A 503, no answer (timeout, refused or broken connection) and, while {@link #serverRestarting},
         * Liberty's own 404 are retried until {@code giveUpAfter} since the rush started.
         */
        public static Retry untilAnswered(Duration pause, Duration giveUpAfter) {
            return new Retry(Integer.MAX_VALUE, pause, true, giveUpAfter);
        }
    }

    private final List<ServiceClient> targets;
    private final String saleId;
    private final String shopperPrefix;
    private final int shoppers;
    private int attemptsEach = 1;
    private int workers = 32;
    private Duration spread = Duration.ZERO;
    private Retry retry = Retry.on503(5, Duration.ofMillis(200));
    private IntFunction<String> idempotencyKeys = i -> null;
    private IntPredicate againAfterPurchase = i -> false;

    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Attempt> unexpected = new ConcurrentLinkedQueue<>();
    private final Map<String, String> owned = new ConcurrentHashMap<>();
    private final Map<String, String> confirmed = new ConcurrentHashMap<>();
    private final Map<String, Boolean> unkeyedWinners = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> contradictions = new ConcurrentLinkedQueue<>();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicBoolean restarting = new AtomicBoolean();
    private long t0;
    private volatile long finishedNanos;
    private ExecutorService pool;

    private Rush(List<ServiceClient> targets, String saleId, String shopperPrefix, int shoppers) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target");
        }
        this.targets = List.copyOf(targets);
        this.saleId = Objects.requireNonNull(saleId);
        this.shopperPrefix = shopperPrefix;
        this.shoppers = shoppers;
    }

    /** A rush of {@code shoppers} on {@code saleId}, spread over {@code targets} (instances of one fleet). */
    public static Rush on(List<ServiceClient> targets, String saleId, String shopperPrefix, int shoppers) {
        return new Rush(targets, saleId, shopperPrefix, shoppers);
    }

    public static Rush on(ServiceClient target, String saleId, String shopperPrefix, int shoppers) {
        return on(List.of(target), saleId, shopperPrefix, shoppers);
    }

    /** Independent purchase attempts per shopper, all shuffled together (default 1). */
    public Rush attemptsEach(int n) {
        this.attemptsEach = n;
        return this;
    }

    /** Threads, hence open connections (default 32). */
    public Rush workers(int n) {
        this.workers = n;
        return this;
    }

    /** Attempts start evenly over this period instead of all at once. */
    public Rush spread(Duration period) {
        this.spread = period;
        return this;
    }

    /** Default: a 503 is tried up to 5 times, 200 ms apart. */
    public Rush retry(Retry policy) {
        this.retry = policy;
        return this;
    }

    /** The {@code Idempotency-Key} of shopper {@code i}, or null for none. */
    public Rush idempotencyKeys(IntFunction<String> keyOfShopper) {
        this.idempotencyKeys = keyOfShopper;
        return this;
    }

    /** Shoppers who, once answered 201, send the same request once more (a duplicate attempt). */
    public Rush againAfterPurchase(IntPredicate shopper) {
        this.againAfterPurchase = shopper;
        return this;
    }

    /** Starts the attempts; returns at once. */
    public Rush start() {
        record Task(int shopper, ServiceClient target) {
        }
        List<Task> tasks = new ArrayList<>();
        for (int k = 0; k < attemptsEach; k++) {
            for (int i = 0; i < shoppers; i++) {
                tasks.add(new Task(i, targets.get((i + k) % targets.size())));
            }
        }
        if (attemptsEach > 1) {
            Collections.shuffle(tasks, new Random(42));
        }
        pool = Executors.newFixedThreadPool(workers);
        t0 = System.nanoTime();
        for (int j = 0; j < tasks.size(); j++) {
            Task task = tasks.get(j);
            long arrival = spread.toNanos() * j / tasks.size();
            pool.execute(() -> {
                sleepUntil(arrival);
                shop(task.shopper(), task.target());
            });
        }
        pool.shutdown();
        return this;
    }

    /** Waits until every attempt is answered or given up; false (and the rest cancelled) if that takes longer. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        boolean done = pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            pool.shutdownNow();
        }
        finishedNanos = now();
        return done;
    }

    /** Starts and waits up to five minutes; throws if the rush does not finish by then. */
    public Rush run() throws InterruptedException {
        if (!start().awaitFinished(Duration.ofMinutes(5))) {
            throw new IllegalStateException("the rush did not finish in 5 minutes");
        }
        return this;
    }

    /** Nanoseconds since the rush started. */
    public long now() {
        return System.nanoTime() - t0;
    }

    /** While set, Liberty's own 404 (server up, application not yet started) is retried like a 503. */
    public void serverRestarting(boolean value) {
        restarting.set(value);
    }

    /** Every request, in no particular order. */
    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** Purchase attempts that ended on an answer other than 201, 409 sold-out or 409 already-purchased. */
    public List<Attempt> unexpected() {
        return List.copyOf(unexpected);
    }

    /** Shopper to purchase id, from 201 answers only: the promises made. */
    public Map<String, String> confirmed() {
        return Map.copyOf(confirmed);
    }

    /** Shopper to purchase id, from every 201 and every already-purchased refusal: the units shoppers hold. */
    public Map<String, String> owned() {
        return Map.copyOf(owned);
    }

    public List<String> contradictions() {
        return List.copyOf(contradictions);
    }

    public long soldOut() {
        return attempts.stream().filter(Attempt::soldOut).count();
    }

    public long alreadyPurchased() {
        return attempts.stream().filter(Attempt::alreadyPurchased).count();
    }

    /** Requests sent again under the retry policy. */
    public int retried() {
        return retried.get();
    }

    /** Purchase attempts planned: shoppers times attempts each (not counting retries and resends). */
    public int plannedAttempts() {
        return shoppers * attemptsEach;
    }

    /** From the start to the end of {@link #awaitFinished}. */
    public double seconds() {
        return finishedNanos / 1e9;
    }

    public double attemptsPerSecond() {
        return plannedAttempts() / seconds();
    }

    private void shop(int n, ServiceClient target) {
        String shopper = shopperPrefix + n + "@example.com";
        String key = idempotencyKeys.apply(n);
        boolean again = againAfterPurchase.test(n);
        boolean bought = false;
        int tries = 0;
        long deadline = retry.giveUpAfter() == null ? Long.MAX_VALUE : retry.giveUpAfter().toNanos();
        while (true) {
            Attempt a = attempt(target, shopper, key);
            tries++;
            if (a.status() == 201) {
                note(confirmed, shopper, a.purchaseId());
                note(owned, shopper, a.purchaseId());
                if (key == null && unkeyedWinners.putIfAbsent(shopper, true) != null) {
                    contradictions.add(shopper + " was answered 201 twice");
                }
                if (bought || !again) {
                    return;
                }
                bought = true;
                tries = 0;
                continue; // send again: a replay (with the key) or a second purchase (without)
            }
            if (a.status() == 409) {
                if (a.alreadyPurchased()) {
                    note(owned, shopper, a.purchaseId());
                    if (key != null) {
                        contradictions.add(shopper + " sent its Idempotency-Key again and was refused: " + a);
                    }
                } else if (!a.soldOut()) {
                    unexpected.add(a);
                }
                return;
            }
            if (!retried(a) || tries >= retry.maxTries() || now() + retry.pause().toNanos() >= deadline) {
                unexpected.add(a);
                return;
            }
            retried.incrementAndGet();
            sleepUntil(now() + retry.pause().toNanos());
        }
    }

    private boolean retried(Attempt a) {
        return a.status() == 503 || (retry.noAnswer() && a.failure() != null)
                || (retry.noAnswer() && a.status() == 404 && restarting.get() && !a.problemType().contains("/problems/"));
    }

    private Attempt attempt(ServiceClient target, String shopper, String key) {
        long started = now();
        Reply r = target.purchase(saleId, shopper, key);
        Attempt a = new Attempt(shopper, target.name(), started, now(), r.status(), r.problemType(), r.retryAfter(),
                r.purchaseId(), r.failure());
        attempts.add(a);
        return a;
    }

    private void note(Map<String, String> ids, String shopper, String purchaseId) {
        if (purchaseId == null) {
            contradictions.add(shopper + " was answered without a purchase id");
            return;
        }
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
