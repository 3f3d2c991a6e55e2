package com.flashsale.it.scale;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A rush on one sale: every shopper tries {@code attemptsEach} times, attempt {@code k} going to
 * instance {@code (shopper + k) % instances}, all shuffled and sent over {@code workers}
 * connections; a 503 is retried like a client would. Collects the receipts and every oddity.
 */
final class Rush {

    /** What a rush saw. */
    record Result(int attempts, double seconds, Map<String, String> receipts, List<String> duplicates,
                  List<String> unexpected, int soldOut, int alreadyPurchased, int retried) {

        double attemptsPerSecond() {
            return attempts / seconds;
        }
    }

    private Rush() {
    }

    static Result run(List<Instance> instances, String saleId, String shopperPrefix, int shoppers, int attemptsEach,
                      int workers) throws InterruptedException {
        record Attempt(Instance instance, String shopper) {
        }
        List<Attempt> attempts = new ArrayList<>();
        for (int k = 0; k < attemptsEach; k++) {
            for (int i = 0; i < shoppers; i++) {
                attempts.add(new Attempt(instances.get((i + k) % instances.size()), shopperPrefix + i + "@example.com"));
            }
        }
        Collections.shuffle(attempts, new Random(42));
        Map<String, String> receipts = new ConcurrentHashMap<>();
        Map<String, Boolean> winners = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> duplicates = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger soldOut = new AtomicInteger();
        AtomicInteger already = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long started = System.nanoTime();
        for (Attempt a : attempts) {
            pool.execute(() -> {
                Instance.Reply r = attempt(a.instance(), saleId, a.shopper(), retried);
                if (r.status() == 201) {
                    if (winners.putIfAbsent(a.shopper(), true) != null) {
                        duplicates.add(a.shopper() + " was answered 201 twice");
                    }
                    keep(receipts, duplicates, a.shopper(), r.json().getString("purchaseId"));
                } else if (r.status() == 409 && r.body().contains("/problems/sold-out")) {
                    soldOut.incrementAndGet();
                } else if (r.status() == 409 && r.body().contains("/problems/already-purchased")) {
                    already.incrementAndGet();
                    keep(receipts, duplicates, a.shopper(), r.json().getString("purchaseId"));
                } else {
                    unexpected.add(a.instance().name() + ": " + r);
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException("the rush did not finish in 5 minutes");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(attempts.size(), seconds, Map.copyOf(receipts), List.copyOf(duplicates),
                List.copyOf(unexpected), soldOut.get(), already.get(), retried.get());
    }

    /** The other attempt of the shopper may have been answered (409 with the same id) first. */
    private static void keep(Map<String, String> receipts, ConcurrentLinkedQueue<String> duplicates, String shopper,
                             String purchaseId) {
        String known = receipts.putIfAbsent(shopper, purchaseId);
        if (known != null && !known.equals(purchaseId)) {
            duplicates.add(shopper + " holds " + known + " and " + purchaseId);
        }
    }

    private static Instance.Reply attempt(Instance instance, String saleId, String shopper, AtomicInteger retried) {
        Instance.Reply r = null;
        for (int i = 0; i < 5; i++) {
            try {
                r = instance.purchase(saleId, shopper);
            } catch (RuntimeException e) {
                r = new Instance.Reply(-1, e.toString());
            }
            if (r.status() != 503) {
                return r;
            }
            retried.incrementAndGet();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
        }
        return r;
    }
}
