package com.flashsale.web.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Purchases per second on this server, over a sliding window of a few seconds, sampled from the
 * purchase-outcome counter the purchase service already keeps.
 */
@ApplicationScoped
public class PurchaseRate {

    static final long WINDOW_MILLIS = 5_000;
    private static final MetricID BOUGHT = new MetricID("flashsale_purchase_outcomes", new Tag("outcome", "bought"));

    @Inject
    MetricRegistry registry;

    private final Deque<long[]> samples = new ArrayDeque<>();

    /** Takes a sample of the counter now. */
    public void sample() {
        Counter bought = registry.getCounter(BOUGHT);
        record(System.currentTimeMillis(), bought == null ? 0 : bought.getCount());
    }

    synchronized void record(long millis, long count) {
        samples.addLast(new long[] {millis, count});
        while (samples.size() > 2 && samples.peekFirst()[0] < millis - WINDOW_MILLIS) {
            samples.removeFirst();
        }
    }

    /** Purchases per second over the window, to one decimal. */
    public synchronized double perSecond() {
        if (samples.size() < 2) {
            return 0;
        }
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        long millis = last[0] - first[0];
        double rate = millis <= 0 ? 0 : (last[1] - first[1]) * 1000.0 / millis;
        return Math.round(rate * 10) / 10.0;
    }
}
