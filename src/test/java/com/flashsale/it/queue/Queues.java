package com.flashsale.it.queue;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import com.flashsale.it.harness.ServiceClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The waiting room's HTTP calls for the queue ITs, on the server {@code verify} starts ({@link Api}):
 * sales with a waiting room, join, follow, admission as admin, and purchases with an admission token.
 * Redis keys of a sale's line are named here for the tests that look behind the API.
 */
final class Queues {

    private Queues() {
    }

    static String createSale(String name, int stock, Instant start, Instant end, int rate, int validitySeconds,
                             boolean shuffle) {
        Reply r = Api.postAsAdmin("/api/v1/sales", saleJson(name, stock, start, end, rate, validitySeconds, shuffle));
        if (r.status() != 201) {
            throw new IllegalStateException("could not create a sale with a waiting room: " + r);
        }
        return r.json().getString("id");
    }

    static String saleJson(String name, int stock, Instant start, Instant end, int rate, int validitySeconds,
                           boolean shuffle) {
        return Json.createObjectBuilder().add("productName", name).add("totalStock", stock)
                .add("startTime", start.toString()).add("endTime", end.toString())
                .add("waitingRoom", Json.createObjectBuilder().add("admissionRatePerSecond", rate)
                        .add("admissionValiditySeconds", validitySeconds).add("shuffleEarlyArrivals", shuffle))
                .build().toString();
    }

    /** A sale that opened five seconds ago, open for an hour, whose admission is paused. */
    static String pausedOpenSale(String name, int stock, int rate, int validitySeconds) {
        String sale = createSale(name, stock, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)),
                rate, validitySeconds, true);
        admission(sale, "{\"paused\":true}");
        return sale;
    }

    static Reply join(String sale, String shopper) {
        return Api.post(path(sale), Json.createObjectBuilder().add("userIdentifier", shopper).build().toString());
    }

    static Reply follow(String sale, String ticket) {
        return Api.get(path(sale) + "/" + ticket);
    }

    static JsonObject joined(String sale, String shopper) {
        Reply r = join(sale, shopper);
        if (r.status() != 200) {
            throw new AssertionError("join of " + shopper + ": " + r);
        }
        return r.json();
    }

    static JsonObject followed(String sale, String ticket) {
        Reply r = follow(sale, ticket);
        if (r.status() != 200) {
            throw new AssertionError("follow of " + ticket + ": " + r);
        }
        return r.json();
    }

    static JsonObject counters(String sale) {
        Reply r = Api.getAsAdmin(path(sale));
        if (r.status() != 200) {
            throw new AssertionError("counters: " + r);
        }
        return r.json();
    }

    static Reply admission(String sale, String json) {
        Reply r = Api.putAsAdmin(path(sale) + "/admission", json);
        if (r.status() != 200) {
            throw new AssertionError("admission " + json + ": " + r);
        }
        return r;
    }

    /** Follows a ticket until it is admitted; its admission token. */
    static String awaitToken(String sale, String ticket, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject t;
        do {
            t = followed(sale, ticket);
            if ("admitted".equals(t.getString("status"))) {
                return t.getString("admissionToken");
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not admitted in " + timeout + ": " + t);
    }

    /** {@code POST /api/v1/sales/{sale}/purchases} with an {@code Admission-Token} unless it is null. */
    static Reply buy(ServiceClient client, String sale, String shopper, String token) {
        HttpRequest.Builder b = client.request("/api/v1/sales/" + sale + "/purchases")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ServiceClient.purchaseJson(shopper)));
        if (token != null) {
            b.header("Admission-Token", token);
        }
        return client.send(b);
    }

    static Reply buy(String sale, String shopper, String token) {
        return buy(Api.SERVER, sale, shopper, token);
    }

    /** Whether a field is null or left out (the API leaves nulls out). */
    static boolean absent(JsonObject json, String field) {
        return !json.containsKey(field) || json.isNull(field);
    }

    static String path(String sale) {
        return "/api/v1/sales/" + sale + "/queue";
    }

    static String lineKey(String sale) {
        return "{sale:" + sale + "}:q:line";
    }

    static String admittedKey(String sale) {
        return "{sale:" + sale + "}:q:admitted";
    }

    static String expiryKey(String sale) {
        return "{sale:" + sale + "}:q:expiry";
    }

    static String statsKey(String sale) {
        return "{sale:" + sale + "}:q:stats";
    }

    /**
     * Runs {@code count} calls over {@code workers} threads, handing out indexes 0..count-1 in order
     * (so index order is the order the calls start in, give or take the workers in flight); the
     * results by index. Bounded: fails if not done within {@code timeout}.
     */
    static <T> List<T> inParallel(int count, int workers, Duration timeout, IntFunction<T> call) throws Exception {
        List<T> results = new ArrayList<>(java.util.Collections.nCopies(count, null));
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count && System.nanoTime() < deadline;
                            i = next.getAndIncrement()) {
                        T result = call.apply(i);
                        synchronized (results) {
                            results.set(i, result);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(Math.max(1, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(10), TimeUnit.NANOSECONDS);
            }
            long missing = results.stream().filter(java.util.Objects::isNull).count();
            if (missing > 0) {
                throw new AssertionError(missing + " of " + count + " calls not done within " + timeout);
            }
        } finally {
            pool.shutdownNow();
        }
        return results;
    }
}
