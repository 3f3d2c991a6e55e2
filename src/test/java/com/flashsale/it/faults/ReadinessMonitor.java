package com.flashsale.it.faults;

import com.flashsale.it.harness.ServiceClient;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/** Polls {@code /health/ready} every 250 ms through a scenario and keeps every answer. */
final class ReadinessMonitor implements AutoCloseable {

    /** One poll: when it started and ended (rush clock) and its status (-1: no answer). */
    record Poll(long startNanos, long endNanos, int status) {
    }

    private final ConcurrentLinkedQueue<Poll> polls = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    ReadinessMonitor(ServiceClient client, LongSupplier clock) {
        thread = new Thread(() -> {
            while (running) {
                long started = clock.getAsLong();
                int status = client.get("/health/ready").status();
                polls.add(new Poll(started, clock.getAsLong(), status));
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "readiness-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    List<Poll> polls() {
        return List.copyOf(polls);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(20_000);
    }
}
