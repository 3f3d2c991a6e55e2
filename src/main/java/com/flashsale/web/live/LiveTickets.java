package com.flashsale.web.live;

import com.flashsale.queue.QueueProgress;
import com.flashsale.queue.QueueService;
import com.flashsale.queue.Ticket;
import com.flashsale.queue.WaitingLines.AdmissionStep;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pushes each waiting shopper's place in line to their page, without reading the store per page and
 * per second.
 *
 * <p>Why this is cheap: a shopper's place only moves when someone ahead is admitted (the line is
 * first come, first served after the opening, and joins go to the back), and every instance's
 * admitter already reads each line's admitted total every {@code flashsale.queue.admit-interval-ms}
 * ({@link QueueProgress}). So a stream reads the store once when it opens ({@link QueueService#follow}),
 * remembers the place and the admitted total of that read, and from then on its place is computed in
 * memory: place at the read minus admissions since. The store is read again for a stream only when
 * the computed place reaches the head (the read answers "admitted" with the token), when the line
 * closed (sold out, ended, cancelled), at the opening for an early arrival (a shuffled order is drawn
 * then), and every {@link #REFRESH} to pick up an admin's rate or pause change. One scheduled task
 * per instance walks every stream each {@code flashsale.live.interval-ms}; a stream is sent an event
 * only when its place changed, and no more often than every tenth of its estimated wait (1 s near the
 * head, at most every 10 s far back). A waiting page therefore costs one open connection (no thread),
 * a few arithmetic steps per tick, about two store reads over its whole wait plus one per
 * {@link #REFRESH}, and a small write per change it is sent.
 *
 * <p>A stream ends after the event that leaves the line (admitted, purchased, not in line, sold out,
 * ended, cancelled): the page then acts on it (reloads to the Buy form, or says the sale closed).
 */
@ApplicationScoped
public class LiveTickets {

    static final String TICKET_EVENT = "ticket";
    /** How often a stream re-reads the store regardless, for rate and pause changes. */
    static final Duration REFRESH = Duration.ofSeconds(30);
    private static final Duration MIN_GAP = Duration.ofSeconds(1);
    private static final Duration MAX_GAP = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(LiveTickets.class.getName());
    /** Store reads started by one task on the executor. */
    private static final int READ_SLICE = 200;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    QueueService queue;

    @Inject
    QueueProgress progress;

    @Inject
    @ConfigProperty(name = "flashsale.live.interval-ms")
    long intervalMillis;

    @Inject
    @ConfigProperty(name = "flashsale.live.heartbeat-seconds")
    long heartbeatSeconds;

    private final Map<String, Set<Watcher>> bySale = new ConcurrentHashMap<>();
    private volatile Sse sse;
    private volatile ScheduledFuture<?> ticker;
    private long ticks;

    void onStartup(@Observes Startup event) {
        ticker = executor.scheduleAtFixedRate(this::tick, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        bySale.values().forEach(set -> set.forEach(w -> close(w.sink)));
        bySale.clear();
    }

    /** Opens a stream on a ticket, starting with where it stands now (read from the store by the caller). */
    public void watch(Ticket current, SseEventSink sink, Sse sse) {
        this.sse = sse;
        Watcher watcher = new Watcher(sink, current, System.currentTimeMillis());
        sink.send(event(current)).whenComplete((ok, failure) -> {
            if (failure != null || !inLine(current)) {
                close(sink);
            } else {
                bySale.computeIfAbsent(current.saleId(), k -> ConcurrentHashMap.newKeySet()).add(watcher);
            }
        });
    }

    /** Open ticket streams, for the operations page and tests. */
    public int watchers() {
        return bySale.values().stream().mapToInt(Set::size).sum();
    }

    void tick() {
        try {
            boolean heartbeat = ++ticks % Math.max(1, heartbeatSeconds * 1000 / intervalMillis) == 0;
            long now = System.currentTimeMillis();
            List<Watcher> toRead = new ArrayList<>();
            for (Map.Entry<String, Set<Watcher>> sale : bySale.entrySet()) {
                Set<Watcher> watchers = sale.getValue();
                watchers.removeIf(w -> w.sink.isClosed());
                if (watchers.isEmpty()) {
                    bySale.remove(sale.getKey(), watchers);
                    continue;
                }
                Optional<AdmissionStep> step = progress.of(sale.getKey());
                for (Watcher w : watchers) {
                    if (w.reading.get()) {
                        continue;
                    }
                    Ticket computed = w.computed(step, now);
                    if (computed == null) {
                        toRead.add(w);
                    } else if (w.due(computed, now)) {
                        w.sent(computed, now);
                        send(w, event(computed));
                    } else if (heartbeat) {
                        send(w, sse.newEventBuilder().comment("keep-alive").build());
                    }
                }
            }
            for (int from = 0; from < toRead.size(); from += READ_SLICE) {
                List<Watcher> slice = List.copyOf(toRead.subList(from, Math.min(toRead.size(), from + READ_SLICE)));
                slice.forEach(w -> w.reading.set(true));
                executor.execute(() -> slice.forEach(this::read));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Ticket stream tick failed", e);
        }
    }

    /** Reads a stream's ticket from the store and sends it; a ticket out of the line ends the stream. */
    private void read(Watcher w) {
        try {
            Ticket fresh = queue.follow(w.read.saleId(), w.read.ticket());
            w.reread(fresh, System.currentTimeMillis());
            if (inLine(fresh)) {
                send(w, event(fresh));
            } else {
                w.sink.send(event(fresh)).whenComplete((ok, failure) -> close(w.sink));
                Set<Watcher> watchers = bySale.get(fresh.saleId());
                if (watchers != null) {
                    watchers.remove(w);
                }
            }
        } catch (RuntimeException e) {
            // a store hiccup: the next tick tries again (the stream keeps its last computed place)
            w.lastReadAt = System.currentTimeMillis();
            LOG.log(Level.FINE, "Ticket read failed: {0}", e.toString());
        } finally {
            w.reading.set(false);
        }
    }

    static boolean inLine(Ticket t) {
        return "waiting".equals(t.status()) || "early".equals(t.status());
    }

    private void send(Watcher w, OutboundSseEvent event) {
        try {
            w.sink.send(event).whenComplete((ok, failure) -> {
                if (failure != null) {
                    close(w.sink);
                }
            });
        } catch (RuntimeException e) {
            close(w.sink);
        }
    }

    private OutboundSseEvent event(Ticket ticket) {
        return sse.newEventBuilder().name(TICKET_EVENT).mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, Json.JSONB.toJson(ticket)).build();
    }

    private static void close(SseEventSink sink) {
        try {
            sink.close();
        } catch (RuntimeException ignored) {
            // already closed
        }
    }

    /** The same default JSON-B the JAX-RS provider uses, made on first use (not by the class's tests). */
    private static final class Json {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    /** One open stream: the ticket as last read from the store, and what was last sent. */
    static final class Watcher {

        final SseEventSink sink;
        final AtomicBoolean reading = new AtomicBoolean();
        volatile Ticket read;
        /** The local clock at the read, to carry the store's clock forward. */
        volatile long readAt;
        volatile long lastReadAt;
        volatile Long sentPosition;
        volatile long sentAt;

        Watcher(SseEventSink sink, Ticket read, long now) {
            this.sink = sink;
            reread(read, now);
        }

        void reread(Ticket fresh, long now) {
            read = fresh;
            readAt = now;
            lastReadAt = now;
            sentPosition = fresh.position();
            sentAt = now;
        }

        void sent(Ticket t, long now) {
            sentPosition = t.position();
            sentAt = now;
        }

        /**
         * The ticket as it stands now, computed from the last read and the line's progress; null when
         * the store must be read instead (head reached, line closed, opening passed, refresh due).
         */
        Ticket computed(Optional<AdmissionStep> step, long now) {
            Ticket r = read;
            Instant serverNow = r.serverTime().plusMillis(now - readAt);
            if (now - lastReadAt >= REFRESH.toMillis()) {
                return null;
            }
            if ("early".equals(r.status())) {
                return serverNow.isBefore(r.opensAt()) ? r : null;
            }
            if (step.isEmpty()) {
                return r; // this instance has not stepped the line yet: nothing known to have moved
            }
            AdmissionStep s = step.get();
            if (s.closed() != null) {
                return null;
            }
            long position = r.position() - Math.max(0, s.admittedTotal() - r.admittedTotal());
            if (position <= 0) {
                return null;
            }
            Long estimate = r.paused() ? null : (long) Math.ceil((double) position / r.admissionRatePerSecond());
            return new Ticket(r.ticket(), r.saleId(), r.status(), position, s.waiting(), estimate,
                    r.admissionRatePerSecond(), r.paused(), Math.max(r.admittedTotal(), s.admittedTotal()), null, null,
                    r.opensAt(), serverNow);
        }

        /** Whether a computed ticket is news worth a write now: its place changed, and the gap has passed. */
        boolean due(Ticket t, long now) {
            if (t.position() == null || t.position().equals(sentPosition)) {
                return false;
            }
            long estimateMillis = t.estimatedWaitSeconds() == null ? MAX_GAP.toMillis() : t.estimatedWaitSeconds() * 100;
            long gap = Math.max(MIN_GAP.toMillis(), Math.min(MAX_GAP.toMillis(), estimateMillis));
            return now - sentAt >= gap;
        }
    }
}
