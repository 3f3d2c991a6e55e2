package com.flashsale.it.scale;

import com.flashsale.it.harness.Reply;
import com.flashsale.it.harness.ServiceClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Purchase attempts on one sale at a fixed offered rate for a fixed time: attempt {@code i} is due
 * at {@code i / perSecond} after the start and goes to target {@code i % targets}, so the attempts
 * alternate over the instances; a small pool of workers sends them. A worker that falls behind
 * sends at once, and nothing is sent after the time is up, so the offered rate is what the machine
 * allowed ({@link #offeredPerSecond()}).
 * Every answer is kept with the moment its request was sent.
 */
final class PacedAttempts {

    /** One attempt: which target, when it was sent (nanoTime) and the answer. */
    record Attempt(int index, ServiceClient target, long sentNanos, Reply reply) {
    }

    private final List<Attempt> attempts;

    private PacedAttempts(List<Attempt> attempts) {
        this.attempts = attempts;
    }

    static PacedAttempts run(List<ServiceClient> targets, String sale, IntFunction<String> shopperOf, double perSecond,
                             Duration duration, int workers) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Attempt> done = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime() + 20_000_000; // every worker is waiting by then
        long end = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                for (int i = next.getAndIncrement(); ; i = next.getAndIncrement()) {
                    long due = start + (long) (i * 1e9 / perSecond);
                    if (due >= end) {
                        return;
                    }
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    if (System.nanoTime() >= end) {
                        return; // behind schedule: the time is bounded, not the count
                    }
                    ServiceClient target = targets.get(i % targets.size());
                    long sent = System.nanoTime();
                    done.add(new Attempt(i, target, sent, target.purchase(sale, shopperOf.apply(i))));
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
            pool.shutdownNow();
            throw new AssertionError("paced attempts did not finish: " + done.size() + " answered");
        }
        List<Attempt> all = new ArrayList<>(done);
        all.sort(Comparator.comparingLong(Attempt::sentNanos));
        return new PacedAttempts(all);
    }

    List<Attempt> all() {
        return attempts;
    }

    long count(Predicate<Reply> which) {
        return attempts.stream().filter(a -> which.test(a.reply())).count();
    }

    List<Attempt> where(Predicate<Reply> which) {
        return attempts.stream().filter(a -> which.test(a.reply())).toList();
    }

    /** T: from the first request sent to the last one sent, in seconds. */
    double seconds() {
        return (attempts.get(attempts.size() - 1).sentNanos() - attempts.get(0).sentNanos()) / 1e9;
    }

    /** Attempts per second actually sent over {@link #seconds()}. */
    double offeredPerSecond() {
        return (attempts.size() - 1) / seconds();
    }
}
