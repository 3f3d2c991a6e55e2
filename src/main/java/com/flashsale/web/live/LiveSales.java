package com.flashsale.web.live;

import com.flashsale.sale.SaleResponse;
import com.flashsale.sale.SaleService;
import com.flashsale.sale.SaleState;
import com.flashsale.sale.SaleNotFoundException;
import com.flashsale.sale.SaleWithState;
import com.flashsale.sale.SalesChanged;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pushes sale changes to open pages. Streams are held without a thread each (JAX-RS SSE is
 * asynchronous). Sales changed on any instance are announced through Redis pub/sub
 * ({@link SalesChanged}, coalesced per instance) and the watched ones are read and broadcast at
 * once; one scheduled task, every {@code flashsale.live.interval-ms}, also reads every watched
 * sale (status changes by the clock, announcements lost to a reconnect). Only what changed
 * (stock, status) is sent, so thousands of purchases per second cost a few reads, not one push
 * per purchase. An event is serialised once per change, not once per stream, and written to every
 * stream without one write waiting for another ({@link Channel#send}).
 */
@ApplicationScoped
public class LiveSales {

    /** The topic of pages that watch every sale (the shop's list, the dashboard). */
    public static final String ALL_SALES = "*";
    static final String SALE_EVENT = "sale";
    static final String RATE_EVENT = "rate";
    private static final Logger LOG = Logger.getLogger(LiveSales.class.getName());

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    SaleService sales;

    @Inject
    PurchaseRate rate;

    @Inject
    @ConfigProperty(name = "flashsale.live.interval-ms")
    long intervalMillis;

    @Inject
    @ConfigProperty(name = "flashsale.live.heartbeat-seconds")
    long heartbeatSeconds;

    private static final SalesChanged EVERYTHING = new SalesChanged(Set.of(SalesChanged.EVERY_SALE));
    /** The same default JSON-B the JAX-RS provider uses: an event's data is serialised once, as text. */
    private static final Jsonb JSONB = JsonbBuilder.create();

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
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
        channels.values().forEach(Channel::close);
    }

    /** Opens a stream on one sale's changes, starting with its current state. */
    public void watchSale(SaleState current, SseEventSink sink, Sse sse) {
        this.sse = sse;
        afterFirstEvent(sink.send(saleEvent(current)), sink,
                () -> join(current.saleId(), sink, sse, channel -> channel.changed(current)));
    }

    /** Opens a stream on every sale's changes, starting with the purchase rate. */
    public void watchAll(SseEventSink sink, Sse sse) {
        this.sse = sse;
        double perSecond = rate.perSecond();
        afterFirstEvent(sink.send(rateEvent(perSecond)), sink,
                () -> join(ALL_SALES, sink, sse, channel -> channel.rateChanged(perSecond)));
    }

    /**
     * A stream joins its channel only once its first event is written, so no broadcast writes to it
     * at the same time (a new sale's first read rebuilds its state and announces a change at once;
     * the stream then ended the moment it opened, now and then). A change broadcast before it joins
     * reaches it at the next tick: joining resets what the channel last sent to this first event.
     */
    private static void afterFirstEvent(CompletionStage<?> sent, SseEventSink sink, Runnable join) {
        sent.whenComplete((ok, failure) -> {
            if (failure == null) {
                join.run();
            } else {
                LOG.log(Level.FINE, "A new event stream failed on its first event", failure);
                sink.close();
            }
        });
    }

    /**
     * Adds the stream to its topic's channel, made if needed, under the map's lock for that topic: the
     * tick removes and closes a channel with no streams under the same lock, so a stream can never be
     * added to a channel the tick is closing (it was: the new stream ended at once, now and then).
     */
    private void join(String topic, SseEventSink sink, Sse sse, Consumer<Channel> remember) {
        channels.compute(topic, (t, existing) -> {
            Channel channel = existing != null ? existing : new Channel();
            remember.accept(channel);
            channel.add(sink);
            return channel;
        });
    }

    /**
     * Sales changed somewhere in the fleet (announced through Redis pub/sub): read the watched
     * ones now instead of at the next tick. Off the announcing thread, which must keep listening.
     */
    void onChanges(@Observes SalesChanged changes) {
        if (sse == null || channels.isEmpty()) {
            return;
        }
        executor.execute(() -> channels.forEach((topic, channel) -> {
            if (ALL_SALES.equals(topic) || changes.includes(topic)) {
                broadcastChanges(topic, channel, changes, false, true);
            }
        }));
    }

    /** Open streams, for the operations page. */
    public int watchers() {
        return channels.values().stream().mapToInt(Channel::size).sum();
    }

    void tick() {
        try {
            rate.sample();
            boolean heartbeat = ++ticks % Math.max(1, heartbeatSeconds * 1000 / intervalMillis) == 0;
            List<Channel> emptied = new ArrayList<>();
            for (String topic : channels.keySet()) {
                channels.computeIfPresent(topic, (t, channel) -> {
                    if (channel.prune()) {
                        emptied.add(channel);
                        return null;
                    }
                    return channel;
                });
            }
            emptied.forEach(Channel::close);
            channels.forEach((topic, channel) -> broadcastChanges(topic, channel, EVERYTHING, heartbeat, false));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Live update tick failed", e);
        }
    }

    /**
     * Reads the sales of a topic that changed and broadcasts what is news. One thread at a time per
     * channel, so that a tick and an announcement never send an older stock after a newer one; a
     * request made while another thread broadcasts is merged into its next read (no thread waits,
     * and a burst of changes costs one fan-out of the newest state).
     */
    private void broadcastChanges(String topic, Channel channel, SalesChanged changed, boolean heartbeat,
                                  boolean announced) {
        if (!channel.request(changed, heartbeat, announced)) {
            return;
        }
        boolean drained = false;
        try {
            for (Channel.Request next = channel.nextRequest(); next != null; next = channel.nextRequest()) {
                broadcastOnce(topic, channel, next.changes(), next.heartbeat());
            }
            drained = true;
        } finally {
            if (!drained) {
                channel.abandon();
            }
        }
    }

    private void broadcastOnce(String topic, Channel channel, SalesChanged changed, boolean heartbeat) {
        try {
            for (SaleState state : read(topic, changed)) {
                if (channel.changed(state)) {
                    channel.sendSale(state.saleId(), saleEvent(state), executor);
                }
            }
            double perSecond = rate.perSecond();
            if (ALL_SALES.equals(topic) && channel.rateChanged(perSecond)) {
                channel.send(rateEvent(perSecond), executor);
            }
            if (heartbeat) {
                channel.send(sse.newEventBuilder().comment("keep-alive").build(), executor);
            }
        } catch (RuntimeException e) {
            // a store hiccup or a deleted sale: try again next tick
            LOG.log(Level.FINE, "Live update of " + topic + " failed: {0}", e.toString());
        }
    }

    private List<SaleState> read(String topic, SalesChanged changed) {
        if (!ALL_SALES.equals(topic)) {
            return List.of(sales.state(topic));
        }
        if (changed.everySale()) {
            return sales.all().stream().map(SaleWithState::state).toList();
        }
        return changed.saleIds().stream().flatMap(id -> {
            try {
                return Stream.of(sales.state(id));
            } catch (SaleNotFoundException e) {
                return Stream.empty(); // deleted by a reset meanwhile
            }
        }).toList();
    }

    private OutboundSseEvent saleEvent(SaleState state) {
        return sse.newEventBuilder().name(SALE_EVENT).mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, JSONB.toJson(SaleResponse.of(state))).build();
    }

    private OutboundSseEvent rateEvent(double perSecond) {
        return sse.newEventBuilder().name(RATE_EVENT).mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, JSONB.toJson(Map.of("purchasesPerSecond", perSecond))).build();
    }
}
