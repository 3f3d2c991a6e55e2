package com.flashsale.web.admin;

import com.flashsale.queue.QueueProgress;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The measured admission rate of the waiting rooms an admin is watching: once a second it samples
 * the admitted total this instance's admitter last read for the sale ({@link QueueProgress}: the
 * whole fleet's total, no store read), and reports admissions per second over the last
 * {@link #WINDOW_MILLIS}. A sale is sampled for {@link #WATCH_MILLIS} after its panel was last shown.
 */
@ApplicationScoped
public class AdmissionRateMeter {

    static final long WINDOW_MILLIS = 10_000;
    static final long WATCH_MILLIS = 10 * 60_000;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    QueueProgress progress;

    private final Map<String, Samples> watched = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> sampler;

    /** Starts (or keeps) sampling a sale and answers its measured rate, if two samples are in. */
    public OptionalDouble perSecond(String saleId) {
        long now = System.currentTimeMillis();
        Samples samples = watched.computeIfAbsent(saleId, id -> new Samples());
        samples.shownAt = now;
        progress.of(saleId).ifPresent(step -> samples.record(now, step.admittedTotal()));
        ensureSampling();
        return samples.perSecond();
    }

    private synchronized void ensureSampling() {
        if (sampler == null || sampler.isDone()) {
            sampler = executor.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
        }
    }

    void sample() {
        long now = System.currentTimeMillis();
        watched.entrySet().removeIf(e -> now - e.getValue().shownAt > WATCH_MILLIS);
        watched.forEach((saleId, samples) ->
                progress.of(saleId).ifPresent(step -> samples.record(now, step.admittedTotal())));
        if (watched.isEmpty()) {
            stopSampling();
        }
    }

    @PreDestroy
    synchronized void stopSampling() {
        if (sampler != null) {
            sampler.cancel(false);
            sampler = null;
        }
    }

    /** One sale's samples (time in ms, admitted total). */
    static final class Samples {

        private final Deque<long[]> samples = new ArrayDeque<>();
        volatile long shownAt;

        synchronized void record(long millis, long admitted) {
            samples.addLast(new long[] {millis, admitted});
            while (samples.size() > 2 && samples.peekFirst()[0] < millis - WINDOW_MILLIS) {
                samples.removeFirst();
            }
        }

        synchronized OptionalDouble perSecond() {
            if (samples.size() < 2) {
                return OptionalDouble.empty();
            }
            long[] first = samples.peekFirst();
            long[] last = samples.peekLast();
            long millis = last[0] - first[0];
            if (millis < 900) {
                return OptionalDouble.empty();
            }
            double rate = Math.max(0, last[1] - first[1]) * 1000.0 / millis;
            return OptionalDouble.of(Math.round(rate * 10) / 10.0);
        }
    }
}
