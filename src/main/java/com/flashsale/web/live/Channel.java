package com.flashsale.web.live;

import com.flashsale.sale.SaleState;
import com.flashsale.sale.SalesChanged;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open streams of one topic (a sale, or all sales) and the last state each sale was
 * broadcast with, so that only changes are sent.
 *
 * <p>An event goes to every stream with its own {@code send}, none waiting for another's write.
 * (JAX-RS's {@code SseBroadcaster} on Liberty, RESTEasy, chains the sends: each stream's write
 * starts when the previous stream's write has completed, so with 10,000 streams the last one saw
 * a sold-out sale seconds after the first.) The sends are started in slices on the executor, so
 * that both cores share the work and a stream whose write blocks holds up only its slice. Requests
 * to broadcast are coalesced: one thread at a time broadcasts a channel, and changes announced
 * meanwhile are read once more when it is done, so a burst of stock changes costs one fan-out of
 * the newest state, not one queued fan-out per change.
 */
final class Channel {

    private static final Logger LOG = Logger.getLogger(Channel.class.getName());
    /** Streams per slice of a fan-out. */
    static final int SLICE = 500;
    /** How long a fan-out waits for its slices to have started every send (not for the writes). */
    private static final long DISPATCH_WAIT_SECONDS = 10;

    private final Set<SseEventSink> sinks = ConcurrentHashMap.newKeySet();
    private final Map<String, SaleSnapshot> lastSent = new ConcurrentHashMap<>();
    private volatile double lastRate = -1;

    // coalesced broadcast requests, under this
    private boolean broadcasting;
    private Set<String> pendingSales; // null: nothing pending; contains EVERY_SALE for every sale
    private boolean pendingHeartbeat;
    /**
     * A sale change was announced while a sale event is being sent: the streams that event has not
     * reached yet are better served by the newer state (it may say sold out) than by the stale one.
     */
    private volatile boolean superseded;
    /** Where the next fan-out starts in the list of streams: it moves, so no stream is always last. */
    private int nextStart;

    void add(SseEventSink sink) {
        sinks.add(sink);
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

    /**
     * Asks for a broadcast of these changes; {@code announced} when a sale is known to have changed
     * (the fleet's change feed), not for the periodic read, which must not cut a fan-out short.
     * @return true if the caller is now this channel's broadcaster and must call
     * {@link #nextRequest()} until it answers null; false if another thread is broadcasting and will
     * pick these changes up.
     */
    synchronized boolean request(SalesChanged changes, boolean heartbeat, boolean announced) {
        if (pendingSales == null) {
            pendingSales = new HashSet<>();
        }
        pendingSales.addAll(changes.saleIds());
        pendingHeartbeat |= heartbeat;
        if (broadcasting) {
            superseded |= announced && !changes.saleIds().isEmpty();
            return false;
        }
        broadcasting = true;
        return true;
    }

    /** The changes requested since the last call (merged), or null when none: the caller stops broadcasting. */
    synchronized Request nextRequest() {
        if (pendingSales == null) {
            broadcasting = false;
            return null;
        }
        Request next = new Request(new SalesChanged(Set.copyOf(pendingSales)), pendingHeartbeat);
        pendingSales = null;
        pendingHeartbeat = false;
        superseded = false;
        return next;
    }

    /** Ends a broadcast that failed: the next request starts a new one. */
    synchronized void abandon() {
        broadcasting = false;
    }

    record Request(SalesChanged changes, boolean heartbeat) {
    }

    /**
     * Starts the event's write on every open stream, in slices of {@link #SLICE} on the executor,
     * and returns once every send has been started (so the next event of this channel follows it on
     * every stream). A stream whose write fails is closed and forgotten.
     */
    void send(OutboundSseEvent event, Executor executor) {
        fanOut(event, executor, false);
    }

    /**
     * Sends a sale's event like {@link #send}, except that it stops starting writes once a newer
     * change of a sale has been announced: the sale is then read and sent again, to every stream, with that
     * change (the streams the stale event reached get the newer state after it, the others only the
     * newer state). Each fan-out starts at another place in the list of streams, so that under a
     * stream of changes every stream still gets updates, and a final state (sold out) goes out at once
     * instead of after the fan-out of the stock before it.
     *
     * @return false if it stopped early
     */
    boolean sendSale(String saleId, OutboundSseEvent event, Executor executor) {
        if (fanOut(event, executor, true)) {
            return true;
        }
        lastSent.remove(saleId);
        synchronized (this) {
            if (pendingSales == null) {
                pendingSales = new HashSet<>();
            }
            pendingSales.add(saleId);
        }
        return false;
    }

    /** @return false if a superseding change stopped it before every stream was sent the event */
    private boolean fanOut(OutboundSseEvent event, Executor executor, boolean supersedable) {
        List<SseEventSink> all = rotated(new ArrayList<>(sinks));
        if (all.size() <= SLICE) {
            return sendTo(all, event, supersedable);
        }
        List<CompletableFuture<Boolean>> slices = new ArrayList<>();
        for (int from = 0; from < all.size(); from += SLICE) {
            List<SseEventSink> slice = all.subList(from, Math.min(all.size(), from + SLICE));
            slices.add(CompletableFuture.supplyAsync(() -> sendTo(slice, event, supersedable), executor));
        }
        try {
            CompletableFuture.allOf(slices.toArray(CompletableFuture[]::new)).get(DISPATCH_WAIT_SECONDS, TimeUnit.SECONDS);
            return slices.stream().allMatch(CompletableFuture::join);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "Live update: a fan-out to {0} streams has not started every write after {1} s",
                    new Object[] {all.size(), DISPATCH_WAIT_SECONDS});
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.FINE, "Live update: a fan-out slice failed", e);
        }
        return true; // not known to have stopped early: nothing to send again
    }

    private List<SseEventSink> rotated(List<SseEventSink> all) {
        if (all.size() > SLICE) {
            int start = Math.floorMod(nextStart, all.size());
            nextStart = start + SLICE;
            Collections.rotate(all, -start);
        }
        return all;
    }

    private boolean sendTo(List<SseEventSink> slice, OutboundSseEvent event, boolean supersedable) {
        for (SseEventSink sink : slice) {
            if (supersedable && superseded) {
                return false;
            }
            if (sink.isClosed()) {
                sinks.remove(sink);
                continue;
            }
            try {
                sink.send(event).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        drop(sink, failure);
                    }
                });
            } catch (RuntimeException e) { // closed meanwhile
                drop(sink, e);
            }
        }
        return true;
    }

    private void drop(SseEventSink sink, Throwable error) {
        LOG.log(Level.FINE, "Closing an event stream that failed a write", error);
        sinks.remove(sink);
        try {
            sink.close();
        } catch (RuntimeException ignored) {
            // already closed
        }
    }

    void close() {
        for (SseEventSink sink : sinks) {
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // already closed
            }
        }
        sinks.clear();
    }
}
