package com.flashsale.web.live;

import com.flashsale.sale.SaleState;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open streams of one topic (a sale, or all sales) and the last state each sale was
 * broadcast with, so that only changes are sent.
 */
final class Channel {

    private static final Logger LOG = Logger.getLogger(Channel.class.getName());

    private final SseBroadcaster broadcaster;
    private final Set<SseEventSink> sinks = ConcurrentHashMap.newKeySet();
    private final Map<String, SaleSnapshot> lastSent = new ConcurrentHashMap<>();
    private volatile double lastRate = -1;

    Channel(SseBroadcaster broadcaster) {
        this.broadcaster = broadcaster;
        broadcaster.onClose(sinks::remove);
        broadcaster.onError((sink, error) -> {
            LOG.log(Level.FINE, "Closing an event stream that failed a write", error);
            sinks.remove(sink);
            sink.close();
        });
    }

    SseBroadcaster broadcaster() {
        return broadcaster;
    }

    void add(SseEventSink sink) {
        sinks.add(sink);
        broadcaster.register(sink);
    }

    /** @return true if no stream is open any more */
    boolean prune() {
        sinks.removeIf(SseEventSink::isClosed);
        return sinks.isEmpty();
    }

    int size() {
        return sinks.size();
    }

    /** Remembers the state and tells whether it differs from the one last broadcast. */
    boolean changed(SaleState state) {
        SaleSnapshot now = SaleSnapshot.of(state);
        return !now.equals(lastSent.put(state.saleId(), now));
    }

    boolean rateChanged(double rate) {
        boolean changed = rate != lastRate;
        lastRate = rate;
        return changed;
    }

    void close() {
        broadcaster.close();
    }
}
