package com.flashsale.infrastructure.redis;

import com.flashsale.sale.SalesChanged;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * Fans sale changes out to every instance through Redis pub/sub, so a page connected to one
 * instance sees a sale made on another at once. Changes are coalesced: at most one PUBLISH per
 * {@code flashsale.live.fanout.publish-ms} per instance, naming the sales that changed, whatever
 * the purchase rate. Pub/sub delivers at most once (a reconnect loses messages), so the periodic
 * read of {@code flashsale.live.interval-ms} stays as the safety net, and a reconnect announces
 * every sale as changed.
 */
@ApplicationScoped
public class RedisChangeFeed {

    static final String CHANNEL = "flashsale:live:changes";
    private static final Logger LOG = Logger.getLogger(RedisChangeFeed.class.getName());
    private static final long MAX_BACKOFF_MS = 10_000;

    @Resource
    ManagedScheduledExecutorService executor;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    UnifiedJedis redis;

    @Inject
    Event<SalesChanged> events;

    @Inject
    @ConfigProperty(name = "flashsale.live.fanout.enabled")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "flashsale.live.fanout.publish-ms")
    long publishMillis;

    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Subscriber subscriber = new Subscriber();
    private volatile boolean running;
    private volatile ScheduledFuture<?> publisher;
    private Thread listener;

    void onStartup(@Observes Startup event) {
        if (!enabled) {
            return;
        }
        running = true;
        publisher = executor.scheduleWithFixedDelay(this::publish, publishMillis, publishMillis, TimeUnit.MILLISECONDS);
        listener = threads.newThread(this::listen);
        listener.setName("flashsale-change-feed");
        listener.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (publisher != null) {
            publisher.cancel(false);
        }
        try {
            if (subscriber.isSubscribed()) {
                subscriber.unsubscribe();
            }
        } catch (RuntimeException e) {
            // Redis already gone (the embedded one stops with the application): nothing to leave
            LOG.log(Level.FINE, "Change feed unsubscribe failed: {0}", e.toString());
        }
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** Notes that a sale's state changed here; it is announced with the next publication. */
    public void changed(String saleId) {
        if (enabled) {
            dirty.add(saleId);
        }
    }

    private void publish() {
        if (dirty.isEmpty()) {
            return;
        }
        Set<String> batch = new HashSet<>(dirty);
        dirty.removeAll(batch);
        try {
            redis.publish(CHANNEL, String.join(",", batch));
        } catch (RuntimeException e) {
            // the periodic read picks these changes up; no need to retry a notification
            LOG.log(Level.FINE, "Change feed publish failed: {0}", e.toString());
        }
    }

    private void listen() {
        long backoff = 0;
        while (running) {
            try {
                redis.subscribe(subscriber, CHANNEL); // blocks until unsubscribed or disconnected
                backoff = 0;
            } catch (RuntimeException e) {
                if (!running) {
                    return; // stopping: the connection was closed under the subscription
                }
                backoff = Math.min(MAX_BACKOFF_MS, Math.max(250, backoff * 2));
                LOG.log(Level.WARNING, "Change feed subscription lost, retrying in {0} ms: {1}",
                        new Object[] {backoff, e.toString()});
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Receives the announcements of every instance, this one included. */
    private final class Subscriber extends JedisPubSub {

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            fire(Set.of(SalesChanged.EVERY_SALE)); // what was published while not subscribed is lost
        }

        @Override
        public void onMessage(String channel, String message) {
            fire(new HashSet<>(Arrays.asList(message.split(","))));
        }

        private void fire(Set<String> saleIds) {
            try {
                events.fire(new SalesChanged(saleIds));
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Change feed listener failed: {0}", e.toString());
            }
        }
    }
}
