package com.flashsale.web.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.sale.SaleState;
import java.time.Instant;
import com.flashsale.sale.SalesChanged;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class LiveChangesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void onlyStockOrStatusChangesAreBroadcast() {
        Channel channel = new Channel();
        assertTrue(channel.changed(state(5, NOW.plusSeconds(10), NOW)), "first state is news");
        assertFalse(channel.changed(state(5, NOW.plusSeconds(10), NOW.plusMillis(500))), "only the clock moved");
        assertTrue(channel.changed(state(5, NOW.plusSeconds(10), NOW.plusSeconds(11))), "it opened");
        assertTrue(channel.changed(state(4, NOW.plusSeconds(10), NOW.plusSeconds(12))), "a unit sold");
        assertFalse(channel.changed(state(4, NOW.plusSeconds(10), NOW.plusSeconds(13))));
    }

    @Test
    void rateIsSentWhenItChanges() {
        Channel channel = new Channel();
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

    @Test
    void anEventGoesToEveryStreamWithoutWaitingForAnotherWrite() {
        Channel channel = new Channel();
        List<FakeSink> sinks = streams(channel, 3 * Channel.SLICE + 7);
        // no write ever completes: every stream must still have been sent the event
        channel.send(new FakeEvent(), Runnable::run);
        assertTrue(sinks.stream().allMatch(s -> s.sent == 1), "every stream got its send");
        assertEquals(sinks.size(), channel.size());
    }

    @Test
    void aStreamWhoseWriteFailsIsClosedAndForgotten() {
        Channel channel = new Channel();
        FakeSink good = new FakeSink();
        FakeSink bad = new FakeSink();
        bad.result = CompletableFuture.failedFuture(new java.io.IOException("reset"));
        channel.add(good);
        channel.add(bad);
        channel.send(new FakeEvent(), Runnable::run);
        assertTrue(bad.closed);
        assertFalse(good.closed);
        assertEquals(1, channel.size());
    }

    @Test
    void requestsWhileBroadcastingAreMergedIntoOneMore() {
        Channel channel = new Channel();
        assertTrue(channel.request(new SalesChanged(Set.of("a")), false, true), "the first caller broadcasts");
        assertEquals(new SalesChanged(Set.of("a")), channel.nextRequest().changes());
        assertFalse(channel.request(new SalesChanged(Set.of("b")), false, true), "another thread is broadcasting");
        assertFalse(channel.request(new SalesChanged(Set.of("c")), true, true));
        Channel.Request merged = channel.nextRequest();
        assertEquals(Set.of("b", "c"), merged.changes().saleIds());
        assertTrue(merged.heartbeat());
        assertNull(channel.nextRequest(), "nothing left: the broadcaster stops");
        assertTrue(channel.request(new SalesChanged(Set.of("d")), false, true), "the next caller broadcasts again");
    }

    @Test
    void aNewerChangeStopsAStaleSaleFanOutAndTheSaleIsSentAgainToEveryStream() {
        Channel channel = new Channel();
        List<FakeSink> sinks = streams(channel, 3 * Channel.SLICE);
        assertTrue(channel.request(new SalesChanged(Set.of("s")), false, true));
        assertEquals(Set.of("s"), channel.nextRequest().changes().saleIds());
        SaleState stock4 = state(4, NOW.minusSeconds(60), NOW);
        assertTrue(channel.changed(stock4));
        sinks.get(0).onSend = () -> channel.request(new SalesChanged(Set.of("s")), false, true); // sold out meanwhile

        boolean complete = channel.sendSale("s", new FakeEvent(), Runnable::run);

        assertFalse(complete, "the stale event stopped");
        long reached = sinks.stream().filter(x -> x.sent == 1).count();
        assertTrue(reached >= 1 && reached < sinks.size(), "reached " + reached);
        assertEquals(Set.of("s"), channel.nextRequest().changes().saleIds(), "the sale is read again");
        assertTrue(channel.changed(stock4), "and sent to every stream, even in the state it had");
        sinks.get(0).onSend = () -> { };
        assertTrue(channel.sendSale("s", new FakeEvent(), Runnable::run), "nothing newer: it goes to every stream");
        assertTrue(sinks.stream().allMatch(x -> x.sent >= 1));
    }

    @Test
    void thePeriodicReadDoesNotCutAFanOutShort() {
        Channel channel = new Channel();
        List<FakeSink> sinks = streams(channel, 2 * Channel.SLICE);
        sinks.forEach(sink -> sink.onSend = () -> channel.request(new SalesChanged(Set.of(SalesChanged.EVERY_SALE)), true, false));
        channel.request(new SalesChanged(Set.of("s")), false, true);
        channel.nextRequest();

        assertTrue(channel.sendSale("s", new FakeEvent(), Runnable::run));
        assertTrue(sinks.stream().allMatch(x -> x.sent == 1));
        assertTrue(channel.nextRequest().heartbeat(), "the tick's request is still served, after");
    }

    @Test
    void eachFanOutStartsElsewhereSoNoStreamIsAlwaysLast() {
        Channel channel = new Channel();
        List<FakeSink> sinks = streams(channel, 2 * Channel.SLICE);
        // every fan-out is superseded at once
        sinks.forEach(sink -> sink.onSend = () -> channel.request(new SalesChanged(Set.of("s")), false, true));
        channel.request(new SalesChanged(Set.of("s")), false, true);
        channel.nextRequest();

        assertFalse(channel.sendSale("s", new FakeEvent(), Runnable::run));
        channel.nextRequest();
        assertFalse(channel.sendSale("s", new FakeEvent(), Runnable::run));

        assertEquals(2, sinks.stream().filter(x -> x.sent == 1).count(), "two fan-outs, two different first streams");
    }

    /** {@code n} open streams, added to the channel. */
    private static List<FakeSink> streams(Channel channel, int n) {
        List<FakeSink> sinks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FakeSink sink = new FakeSink();
            sinks.add(sink);
            channel.add(sink);
        }
        return sinks;
    }

    private static final class FakeSink implements SseEventSink {
        Runnable onSend = () -> { };
        int sent;
        boolean closed;
        CompletionStage<?> result = new CompletableFuture<>(); // never completes

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            sent++;
            onSend.run();
            return result;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class FakeEvent implements OutboundSseEvent {
        @Override
        public Class<?> getType() {
            return String.class;
        }

        @Override
        public java.lang.reflect.Type getGenericType() {
            return String.class;
        }

        @Override
        public jakarta.ws.rs.core.MediaType getMediaType() {
            return jakarta.ws.rs.core.MediaType.TEXT_PLAIN_TYPE;
        }

        @Override
        public Object getData() {
            return "{}";
        }

        @Override
        public String getId() {
            return null;
        }

        @Override
        public String getName() {
            return "sale";
        }

        @Override
        public String getComment() {
            return null;
        }

        @Override
        public long getReconnectDelay() {
            return -1;
        }

        @Override
        public boolean isReconnectDelaySet() {
            return false;
        }
    }
}
