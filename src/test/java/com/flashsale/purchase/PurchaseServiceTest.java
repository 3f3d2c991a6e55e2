package com.flashsale.purchase;

import com.flashsale.admission.AdmissionTokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.InvalidRequestException;
import com.flashsale.StoreUnavailableException;
import com.flashsale.purchase.Decision.Outcome;
import com.flashsale.ratelimit.LocalTokenBuckets;
import com.flashsale.ratelimit.PurchaseRateLimiter;
import com.flashsale.ratelimit.RateLimitedException;
import com.flashsale.ratelimit.RateLimitedException.Kind;
import com.flashsale.ratelimit.RecordingRateLimitMetrics;
import com.flashsale.sale.Sale;
import com.flashsale.sale.SaleNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link PurchaseService} against in-memory fakes of the decision store, outbox and record. */
class PurchaseServiceTest {

    private static final String SALE_ID = "65f000000000000000000001";
    private static final Instant START = Instant.parse("2026-02-14T10:00:00Z");
    private static final Instant END = Instant.parse("2026-02-14T14:00:00Z");

    private final List<String> log = new ArrayList<>();
    private final InMemoryOutbox outbox = new InMemoryOutbox(log);
    private final InMemoryPurchaseRepository purchases = new InMemoryPurchaseRepository(log);
    private final InMemorySaleRepository sales = new InMemorySaleRepository();
    private final InMemoryDecisionStore store = new InMemoryDecisionStore(outbox);
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final PurchaseService service = new PurchaseService(store, store, new PurchaseGroupCommit(new PurchaseRecorder(purchases, outbox), 256, 2, Runnable::run), purchases,
            new Reconciler(sales, purchases, store, store, new OutboxPersister(outbox, purchases, 500), new RecordingMetrics()), metrics,
            new PurchaseRateLimiter((key, limit) -> Duration.ZERO, null, false, 1, 1, 1, 1),
            new AdmissionTokens(Optional.empty(), false), 1000);

    private Sale sale(int stock) {
        Sale sale = new Sale(SALE_ID, "Phone", stock, START, END, START.minusSeconds(60), START.minusSeconds(60), false);
        sales.insert(sale);
        return sale;
    }

    @Test
    void buysRecordsAndAcknowledgesWithTheCanonicalShopperId() {
        store.publish(sale(2));

        Receipt receipt = service.purchase(SALE_ID, "  Alice@Example.com ", null, "203.0.113.1");

        assertEquals("alice@example.com", receipt.userIdentifier());
        assertEquals(SALE_ID, receipt.saleId());
        assertEquals(List.of(receipt), purchases.all());
        assertEquals(0, outbox.backlog(SALE_ID));
        assertEquals(List.of("save:[" + receipt.purchaseId() + "]", "ack:[1-0]"), log);
        assertEquals(1L, store.states.get(SALE_ID).stock);
        assertEquals(List.of(Outcome.BOUGHT), metrics.outcomes);
    }

    @Test
    void returnsTheReceiptAndLeavesItInTheOutboxWhenTheRecordFails() {
        store.publish(sale(2));
        purchases.failure = new IllegalStateException("database down");

        Receipt receipt = service.purchase(SALE_ID, "alice", null, "203.0.113.1");

        assertEquals("alice", receipt.userIdentifier());
        assertEquals(1, outbox.backlog(SALE_ID));
        assertTrue(log.stream().noneMatch(e -> e.startsWith("ack:")), log::toString);
    }

    @Test
    void replaysTheOriginalReceiptForTheSameIdempotencyKey() {
        store.publish(sale(5));
        Receipt first = service.purchase(SALE_ID, "alice", "key-1", "203.0.113.1");

        Receipt again = service.purchase(SALE_ID, "ALICE", "key-1", "203.0.113.1");

        assertEquals(first, again);
        assertEquals(1, purchases.saveCalls);
        assertEquals(4L, store.states.get(SALE_ID).stock);
    }

    @Test
    void refusesASecondPurchaseWithAnotherKeyAndReportsTheEarlierReceipt() {
        store.publish(sale(5));
        Receipt first = service.purchase(SALE_ID, "alice", "key-1", "203.0.113.1");

        PurchaseRejectedException e = assertThrows(PurchaseRejectedException.class,
                () -> service.purchase(SALE_ID, "alice", "key-2", "203.0.113.1"));

        assertEquals(Outcome.ALREADY_PURCHASED, e.outcome());
        assertEquals(first, e.existing());
    }

    @Test
    void refusesWhenSoldOut() {
        store.publish(sale(1));
        service.purchase(SALE_ID, "alice", null, "203.0.113.1");

        PurchaseRejectedException e = assertThrows(PurchaseRejectedException.class,
                () -> service.purchase(SALE_ID, "bob", null, "203.0.113.1"));

        assertEquals(Outcome.SOLD_OUT, e.outcome());
        assertNull(e.existing());
        assertEquals(List.of(Outcome.BOUGHT, Outcome.SOLD_OUT), metrics.outcomes);
    }

    @ParameterizedTest
    @EnumSource(value = Outcome.class, names = {"NOT_STARTED", "ENDED", "CANCELLED", "SOLD_OUT"})
    void turnsEveryBusinessRefusalIntoARejection(Outcome outcome) {
        store.scripted.add(Decision.of(outcome));

        PurchaseRejectedException e = assertThrows(PurchaseRejectedException.class,
                () -> service.purchase(SALE_ID, "alice", null, "203.0.113.1"));

        assertEquals(outcome, e.outcome());
    }

    @Test
    void reportsRebuildingAsStoreUnavailable() {
        store.scripted.add(Decision.of(Outcome.REBUILDING));

        assertThrows(StoreUnavailableException.class, () -> service.purchase(SALE_ID, "alice", null, "203.0.113.1"));
    }

    @Test
    void restoresAMissingStateFromTheRecordAndDecidesAgain() {
        sale(3);
        purchases.saveAll(List.of(new Receipt("65f0000000000000000000b1", SALE_ID, "bob", START)));
        log.clear();

        Receipt receipt = service.purchase(SALE_ID, "alice", null, "203.0.113.1");

        assertEquals("alice", receipt.userIdentifier());
        assertEquals(1L, store.states.get(SALE_ID).stock);
        assertEquals(2, store.calls.stream().filter(c -> c.startsWith("decide:")).count());
    }

    @Test
    void reconcilesStateAStoreRestartLeftOlderBeforeDeciding() {
        store.publish(sale(3));
        Receipt bob = new Receipt("65f0000000000000000000b1", SALE_ID, "bob", START);
        purchases.saveAll(List.of(bob)); // recorded, but the store came back from before it
        store.states.get(SALE_ID).stale = true;

        PurchaseRejectedException e = assertThrows(PurchaseRejectedException.class,
                () -> service.purchase(SALE_ID, "bob", null, "203.0.113.1"));

        assertEquals(Outcome.ALREADY_PURCHASED, e.outcome());
        assertEquals(bob, e.existing());
        assertEquals(2L, store.states.get(SALE_ID).stock);
    }

    @Test
    void reportsStateStillStaleAfterReconcilingAsStoreUnavailable() {
        store.publish(sale(3));
        store.scripted.add(Decision.of(Outcome.STALE));
        store.scripted.add(Decision.of(Outcome.STALE));

        assertThrows(StoreUnavailableException.class, () -> service.purchase(SALE_ID, "alice", null, "203.0.113.1"));
    }

    @Test
    void restoredStateStillRefusesAShopperWhoAlreadyBought() {
        sale(3);
        Receipt earlier = new Receipt("65f0000000000000000000b1", SALE_ID, "bob", START);
        purchases.saveAll(List.of(earlier));

        PurchaseRejectedException e = assertThrows(PurchaseRejectedException.class,
                () -> service.purchase(SALE_ID, "bob", null, "203.0.113.1"));

        assertEquals(Outcome.ALREADY_PURCHASED, e.outcome());
        assertEquals(earlier, e.existing());
    }

    @ParameterizedTest
    @EnumSource(value = Outcome.class, names = {"ADDRESS_LIMITED", "SHOPPER_LIMITED"})
    void answersARefusalOfTheDecisionsRateLimitsWith429AndCountsIt(Outcome limit) {
        RecordingRateLimitMetrics refusals = new RecordingRateLimitMetrics();
        PurchaseService limited = limitedService(new LocalTokenBuckets(), refusals);
        store.scripted.add(Decision.rateLimited(limit, Duration.ofMillis(11_200)));

        RateLimitedException e = assertThrows(RateLimitedException.class,
                () -> limited.purchase(SALE_ID, "alice", null, "203.0.113.1"));

        Kind kind = limit == Outcome.ADDRESS_LIMITED ? Kind.IP : Kind.SHOPPER;
        assertEquals(kind, e.kind());
        assertEquals(12, e.retryAfterSeconds());
        assertEquals(Map.of(kind, 1), refusals.rejections);
        assertEquals(List.of("decide:" + SALE_ID + ":alice"), store.calls);
    }

    @Test
    void anAttemptOnAnUnknownSalePaysFromTheAddressBudgetBeforeTheRecordIsRead() {
        RecordingRateLimitMetrics refusals = new RecordingRateLimitMetrics();
        PurchaseService limited = limitedService(new LocalTokenBuckets(), refusals); // 2 per minute per address

        for (int i = 0; i < 2; i++) {
            assertThrows(SaleNotFoundException.class, () -> limited.purchase(SALE_ID, "alice", null, "203.0.113.1"));
        }
        RateLimitedException e = assertThrows(RateLimitedException.class,
                () -> limited.purchase(SALE_ID, "alice", null, "203.0.113.1"));

        assertEquals(Kind.IP, e.kind());
        assertEquals(Map.of(Kind.IP, 1), refusals.rejections);
        assertThrows(SaleNotFoundException.class, () -> limited.purchase(SALE_ID, "alice", null, "198.51.100.1"),
                "another address has its own budget");
    }

    /** This test's service with the limiter on: 2 attempts per minute per address, 5 per shopper. */
    private PurchaseService limitedService(LocalTokenBuckets buckets, RecordingRateLimitMetrics refusals) {
        return new PurchaseService(store, store, new PurchaseGroupCommit(new PurchaseRecorder(purchases, outbox), 256, 2, Runnable::run),
                purchases, new Reconciler(sales, purchases, store, store, new OutboxPersister(outbox, purchases, 500),
                new RecordingMetrics()), metrics, new PurchaseRateLimiter(buckets, refusals, true, 2, 60, 5, 60),
                new AdmissionTokens(Optional.empty(), false), 1000);
    }

    @Test
    void reportsAnUnknownSaleAsNotFound() {
        assertThrows(SaleNotFoundException.class, () -> service.purchase(SALE_ID, "alice", null, "203.0.113.1"));
        assertEquals(List.of(Outcome.NO_STATE), metrics.outcomes);
    }

    @Test
    void rejectsAnInvalidShopperBeforeAskingTheStore() {
        assertThrows(InvalidRequestException.class, () -> service.purchase(SALE_ID, "a$", null, "203.0.113.1"));
        assertTrue(store.calls.isEmpty());
        assertTrue(metrics.outcomes.isEmpty());
    }

    @Test
    void rejectsATooLongIdempotencyKeyBeforeAskingTheStore() {
        store.publish(sale(3));
        store.calls.clear();

        assertThrows(InvalidRequestException.class, () -> service.purchase(SALE_ID, "alice", "k".repeat(201), "203.0.113.1"));
        assertTrue(store.calls.isEmpty());
    }

    @Test
    void purchaseOfReadsTheDecisionStoreWithTheCanonicalId() {
        store.publish(sale(3));
        Receipt receipt = service.purchase(SALE_ID, "alice", null, "203.0.113.1");

        assertEquals(receipt, service.purchaseOf(SALE_ID, " ALICE ").orElseThrow());
        assertTrue(service.purchaseOf(SALE_ID, "bob").isEmpty());
    }

    @Test
    void purchaseOfAnUnknownSaleIsNotFound() {
        assertThrows(SaleNotFoundException.class, () -> service.purchaseOf(SALE_ID, "alice"));
    }

    @Test
    void historyListsTheShoppersRecordedPurchases() {
        Receipt r = new Receipt("65f0000000000000000000b1", SALE_ID, "bob", START);
        purchases.saveAll(List.of(r));

        assertEquals(List.of(r), service.history(" BOB "));
        assertTrue(service.history("carol").isEmpty());
    }
}
