package com.flashsale.it.scale;

import com.flashsale.it.harness.Reply;
import com.flashsale.it.harness.ServiceClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A crowd in one sale's waiting room over HTTP: shoppers join and follow their tickets, alternating
 * over the instances (shopper {@code i} on instance {@code i % n}), with a small pool of workers; the
 * admin reads the counters and steers admission. Every answer is kept.
 */
final class WaitingCrowd {

    /** One shopper's call: who, on which instance, and the answer. */
    record Call(int index, String shopper, ServiceClient target, Reply reply) {
    }

    /** The admin counters of {@code GET /api/v1/sales/{id}/queue}, with the moment they were read (mid-request). */
    record Counters(long waiting, long admittedNow, long joined, long admitted, long bought, long expired, long atNanos) {
    }

    private final List<ServiceClient> instances;
    private final String sale;
    private final int workers;

    WaitingCrowd(List<ServiceClient> instances, String sale, int workers) {
        this.instances = instances;
        this.sale = sale;
        this.workers = workers;
    }

    static String saleJson(String name, int stock, java.time.Instant start, java.time.Instant end, int ratePerSecond,
                           int validitySeconds, boolean shuffle) {
        return Json.createObjectBuilder().add("productName", name).add("totalStock", stock)
                .add("startTime", start.toString()).add("endTime", end.toString())
                .add("waitingRoom", Json.createObjectBuilder().add("admissionRatePerSecond", ratePerSecond)
                        .add("admissionValiditySeconds", validitySeconds).add("shuffleEarlyArrivals", shuffle))
                .build().toString();
    }

    ServiceClient on(int i) {
        return instances.get(i % instances.size());
    }

    /** {@code POST /api/v1/sales/{id}/queue} for shoppers 0..count-1 of {@code shopperOf}. */
    List<Call> join(int count, IntFunction<String> shopperOf) throws InterruptedException {
        return each(count, i -> {
            String shopper = shopperOf.apply(i);
            return new Call(i, shopper, on(i), join(on(i), shopper));
        });
    }

    Reply join(ServiceClient target, String shopper) {
        return target.post("/api/v1/sales/" + sale + "/queue",
                Json.createObjectBuilder().add("userIdentifier", shopper).build().toString());
    }

    /** {@code GET /api/v1/sales/{id}/queue/{ticket}} for every ticket, shopper {@code i} on instance {@code i % n}. */
    List<Call> follow(List<String> shoppers, List<String> tickets) throws InterruptedException {
        return each(tickets.size(), i -> new Call(i, shoppers.get(i), on(i), follow(on(i), tickets.get(i))));
    }

    Reply follow(ServiceClient target, String ticket) {
        return target.get("/api/v1/sales/" + sale + "/queue/" + ticket);
    }

    /** A v1 purchase carrying {@code Admission-Token} unless the token is null. */
    Reply buy(ServiceClient target, String shopper, String admissionToken) {
        var b = target.request("/api/v1/sales/" + sale + "/purchases").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ServiceClient.purchaseJson(shopper)));
        if (admissionToken != null) {
            b.header("Admission-Token", admissionToken);
        }
        return target.send(b);
    }

    Counters counters(ServiceClient target) {
        long sent = System.nanoTime();
        Reply r = target.getAsAdmin("/api/v1/sales/" + sale + "/queue");
        long at = (sent + System.nanoTime()) / 2;
        if (r.status() != 200) {
            throw new AssertionError("queue counters on " + target.name() + ": " + r);
        }
        JsonObject j = r.json();
        return new Counters(j.getJsonNumber("waiting").longValue(), j.getJsonNumber("admittedNow").longValue(),
                j.getJsonNumber("joined").longValue(), j.getJsonNumber("admitted").longValue(),
                j.getJsonNumber("bought").longValue(), j.getJsonNumber("expired").longValue(), at);
    }

    void setAdmission(ServiceClient target, String json) {
        Reply r = target.putAsAdmin("/api/v1/sales/" + sale + "/queue/admission", json);
        if (r.status() != 200) {
            throw new AssertionError("admission change " + json + " on " + target.name() + ": " + r);
        }
    }

    /** This instance's {@code flashsale_queue_admissions_total} (the admissions its own steps granted). */
    static long admissionsByStepsOf(ServiceClient target) {
        Reply r = target.get("/metrics");
        if (r.status() != 200) {
            throw new AssertionError("/metrics on " + target.name() + ": " + r);
        }
        double sum = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith("flashsale_queue_admissions_total")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Math.round(sum);
    }

    private List<Call> each(int count, IntFunction<Call> call) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Call>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> call.apply(index)));
            }
            List<Call> calls = new ArrayList<>(count);
            for (Future<Call> f : futures) {
                calls.add(f.get(2, TimeUnit.MINUTES));
            }
            return calls;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("crowd calls did not finish", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
