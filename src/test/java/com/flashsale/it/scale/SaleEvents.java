package com.flashsale.it.scale;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import com.flashsale.it.harness.ServiceClient;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client of {@code /api/v1/sales/{id}/events}: each {@code sale} event's
 * stock, stamped with the moment it arrived, lands in a queue the test polls with a deadline.
 */
final class SaleEvents implements AutoCloseable {

    /** A {@code sale} event: units left, and when it arrived ({@link System#nanoTime()}). */
    record Update(long stockRemaining, String status, long arrivedNanos) {
    }

    private final BlockingQueue<Update> updates = new LinkedBlockingQueue<>();
    private volatile Stream<String> lines;

    private SaleEvents() {
    }

    /** Opens the stream of the sale's live events on one instance. */
    static SaleEvents open(ServiceClient instance, String saleId) {
        HttpClient client = instance.http();
        URI uri = instance.uri("/api/v1/sales/" + saleId + "/events");
        SaleEvents events = new SaleEvents();
        HttpResponse<Stream<String>> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
        } catch (Exception e) {
            throw new IllegalStateException("Could not open " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        events.lines = response.body();
        Thread reader = new Thread(events::read, "sse-" + uri.getPort());
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    /** The next update, or null after {@code timeout}. */
    Update next(Duration timeout) throws InterruptedException {
        return updates.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for an update showing at most {@code stock} units left; null after {@code timeout}. */
    Update awaitStockAtMost(long stock, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Update u = updates.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (u != null && u.stockRemaining() <= stock) {
                return u;
            }
        }
        return null;
    }

    private void read() {
        String event = null;
        try {
            for (var it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:") && "sale".equals(event)) {
                    try (JsonReader reader = Json.createReader(new StringReader(line.substring(5).strip()))) {
                        JsonObject sale = reader.readObject();
                        updates.add(new Update(sale.getJsonNumber("stockRemaining").longValue(),
                                sale.getString("status"), System.nanoTime()));
                    }
                } else if (line.isEmpty()) {
                    event = null;
                }
            }
        } catch (RuntimeException e) {
            // closed
        }
    }

    @Override
    public void close() {
        Stream<String> l = lines;
        if (l != null) {
            l.close();
        }
    }
}
