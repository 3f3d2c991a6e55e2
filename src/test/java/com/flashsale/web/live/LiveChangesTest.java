package com.flashsale.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.sale.SaleState;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.BiConsumer;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class LiveChangesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void onlyStockOrStatusChangesAreBroadcast() {
        Channel channel = new Channel(new NoBroadcaster());
        assertTrue(channel.changed(state(5, NOW.plusSeconds(10), NOW)), "first state is news");
        assertFalse(channel.changed(state(5, NOW.plusSeconds(10), NOW.plusMillis(500))), "only the clock moved");
        assertTrue(channel.changed(state(5, NOW.plusSeconds(10), NOW.plusSeconds(11))), "it opened");
        assertTrue(channel.changed(state(4, NOW.plusSeconds(10), NOW.plusSeconds(12))), "a unit sold");
        assertFalse(channel.changed(state(4, NOW.plusSeconds(10), NOW.plusSeconds(13))));
    }

    @Test
    void rateIsSentWhenItChanges() {
        Channel channel = new Channel(new NoBroadcaster());
        assertTrue(channel.rateChanged(0));
        assertFalse(channel.rateChanged(0));
        assertTrue(channel.rateChanged(2.5));
    }

    @Test
    void purchaseRateIsMeasuredOverTheWindow() {
        PurchaseRate rate = new PurchaseRate();
        assertEquals(0, rate.perSecond());
        rate.record(0, 100);
        rate.record(1000, 150);
        rate.record(2000, 300);
        assertEquals(100.0, rate.perSecond());
        rate.record(8000, 300);
        assertEquals(0.0, rate.perSecond(), "old samples leave the window");
    }

    private static SaleState state(long remaining, Instant start, Instant now) {
        return new SaleState("s", "Lamp", 5, remaining, start, start.plusSeconds(3600), NOW, false, now);
    }

    /** A broadcaster that goes nowhere. */
    private static final class NoBroadcaster implements SseBroadcaster {
        @Override
        public void onError(BiConsumer<SseEventSink, Throwable> onError) {
        }

        @Override
        public void onClose(Consumer<SseEventSink> onClose) {
        }

        @Override
        public void register(SseEventSink sink) {
        }

        @Override
        public CompletionStage<?> broadcast(OutboundSseEvent event) {
            return null;
        }

        @Override
        public void close() {
        }

        @Override
        public void close(boolean cascading) {
        }
    }

}
