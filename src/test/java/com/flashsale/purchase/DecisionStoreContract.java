package com.flashsale.purchase;

import com.flashsale.admission.Admission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.admin.StoreWipe;
import com.flashsale.purchase.Decision.Outcome;
import com.flashsale.ratelimit.AttemptLimits;
import com.flashsale.ratelimit.Limit;
import com.flashsale.sale.CurrentSale;
import com.flashsale.sale.Sale;
import com.flashsale.sale.SaleState;
import com.flashsale.sale.SaleStates;
import com.flashsale.sale.SharedLocks;
import com.flashsale.sale.WaitingRoom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the decision store's ports ({@link PurchaseDecisions}, {@link SaleStates}, {@link SaleStateRestore},
 * {@link CurrentSale}, {@link SharedLocks}, {@link StoreWipe}) must do together, run against the
 * in-memory fake and against Redis running the Lua scripts, so the fake the unit tests rely on cannot
 * drift from production. Windows are set
 * clearly in the past, around now or in the future by the store's own clock, so nothing sleeps.
 */
public abstract class DecisionStoreContract {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    // The ports under test, over one store that is empty at the start of each test.

    protected abstract PurchaseDecisions decisions();

    protected abstract SaleStates states();

    protected abstract SaleStateRestore stateRestore();

    protected abstract CurrentSale currentSale();

    protected abstract SharedLocks locks();

    protected abstract StoreWipe wipe();

    /** The store's clock, which judges every window. */
    protected abstract Instant storeNow();

    /** Lets the store's clock run on by {@code step} (a real store: waits). */
    protected abstract void elapse(Duration step);

    /** Makes the sale's state look as if another store process held it since it was last reconciled. */
    protected abstract void makeStale(String saleId);

    /**
     * Stores an admission for a shopper of a sale with a waiting room, as the admitter does
     * ({@code grant} is {@code <admission number>:<expires at epoch ms>}).
     */
    protected abstract void admit(String saleId, String shopperId, String grant);

    /** The admission the store holds for a shopper (unspent, not swept), if any. */
    protected abstract Optional<String> heldAdmission(String saleId, String shopperId);

    // decide ---------------------------------------------------------------------------------

    @Test
    void sellsOneUnitToANewShopperDuringTheWindow() {
        Sale sale = publish(open(3));
        Instant before = storeNow().truncatedTo(ChronoUnit.MILLIS); // stores keep milliseconds

        Decision d = decide(sale.id(), "alice", "p-alice");

        assertEquals(Outcome.BOUGHT, d.outcome());
        assertEquals(new Receipt("p-alice", sale.id(), "alice", d.receipt().purchasedAt()), d.receipt());
        assertFalse(d.receipt().purchasedAt().isBefore(before), "purchase time by the store's clock");
        assertFalse(d.receipt().purchasedAt().isAfter(storeNow()), "purchase time by the store's clock");
        assertNotNull(d.outboxEntryId(), "a new purchase is appended to the outbox");
        assertEquals(2, stock(sale));
        assertEquals(d.receipt(), decisions().purchaseOf(sale.id(), "alice").orElseThrow());
    }

    @Test
    void answersSoldOutWhenNoUnitIsLeft() {
        Sale sale = publish(open(1));
        decide(sale.id(), "alice", "p-alice");

        Decision d = decide(sale.id(), "bob", "p-bob");

        assertEquals(Decision.of(Outcome.SOLD_OUT), d);
        assertEquals(0, stock(sale));
        assertTrue(decisions().purchaseOf(sale.id(), "bob").isEmpty());
    }

    @Test
    void answersAlreadyPurchasedWithTheOriginalPurchaseToANewCandidate() {
        Sale sale = publish(open(1)); // sold out too: already-bought is judged before stock
        Receipt first = decide(sale.id(), "alice", "p-1").receipt();

        Decision d = decide(sale.id(), "alice", "p-2");

        assertEquals(new Decision(Outcome.ALREADY_PURCHASED, first, null), d);
        assertEquals(0, stock(sale));
    }

    @Test
    void replaysTheSameCandidateAsBoughtWithoutSellingAgain() {
        Sale sale = publish(open(3));
        Receipt first = decide(sale.id(), "alice", "p-1").receipt();

        Decision d = decide(sale.id(), "alice", "p-1");

        assertEquals(new Decision(Outcome.BOUGHT, first, null), d, "no second outbox entry");
        assertEquals(2, stock(sale));
    }

    @Test
    void refusesBeforeTheWindowOpens() {
        Sale sale = publish(upcoming(3));

        assertEquals(Decision.of(Outcome.NOT_STARTED), decide(sale.id(), "alice", "p-1"));
        assertEquals(3, stock(sale));
    }

    @Test
    void refusesAfterTheWindowCloses() {
        Sale sale = publish(ended(3));

        assertEquals(Decision.of(Outcome.ENDED), decide(sale.id(), "alice", "p-1"));
        assertEquals(3, stock(sale));
    }

    @Test
    void answersEndedEvenToAnEarlierBuyer() {
        Sale sale = ended(3);
        restore(sale, receipt(sale, "alice", "p-1"));

        assertEquals(Decision.of(Outcome.ENDED), decide(sale.id(), "alice", "p-1"));
    }

    @Test
    void refusesASalePublishedCancelled() {
        Sale sale = publish(cancelled(open(3)));

        assertEquals(Decision.of(Outcome.CANCELLED), decide(sale.id(), "alice", "p-1"));
    }

    @Test
    void answersCancelledBeforeJudgingTheWindow() {
        Sale sale = publish(upcoming(3));
        states().markCancelled(sale.id());

        assertEquals(Decision.of(Outcome.CANCELLED), decide(sale.id(), "alice", "p-1"));
    }

    @Test
    void answersNoStateForAnUnknownSale() {
        assertEquals(Decision.of(Outcome.NO_STATE), decide(newId(), "alice", "p-1"));
    }

    @Test
    void answersStaleUntilTheSaleIsReconciledAgain() {
        Sale sale = publish(open(3));
        makeStale(sale.id());

        assertEquals(Decision.of(Outcome.STALE), decide(sale.id(), "alice", "p-1"));

        assertFalse(stateRestore().beginRestore(sale, 0), "the state is whole: nothing to restore");
        assertEquals(Outcome.BOUGHT, decide(sale.id(), "alice", "p-1").outcome());
    }

    // the shopper's rate limit, taken in the decision ----------------------------------------

    @Test
    void refusesAShopperPastTheLimitPerSaleAndPerShopperAndTheRefusalChangesNothing() {
        Limit threePerMinute = new Limit(3, Duration.ofSeconds(60));
        Sale sale = publish(open(5));
        Sale other = publish(open(5));
        assertEquals(Outcome.BOUGHT, decisions().decide(sale.id(), "alice", "p1", shopper(threePerMinute), Admission.NONE).outcome());
        assertEquals(Outcome.ALREADY_PURCHASED, decisions().decide(sale.id(), "alice", "p2", shopper(threePerMinute), Admission.NONE).outcome());
        assertEquals(Outcome.ALREADY_PURCHASED, decisions().decide(sale.id(), "alice", "p3", shopper(threePerMinute), Admission.NONE).outcome());

        Decision refused = decisions().decide(sale.id(), "alice", "p4", shopper(threePerMinute), Admission.NONE);

        assertEquals(Outcome.SHOPPER_LIMITED, refused.outcome());
        assertNull(refused.receipt(), "a refused attempt learns nothing");
        assertNull(refused.outboxEntryId());
        long waitMillis = refused.retryAfter().toMillis();
        assertTrue(waitMillis > 19_000 && waitMillis <= 20_000, "one token every 20 s: " + refused.retryAfter());
        assertEquals(4, stock(sale), "nothing changed");
        assertEquals(Outcome.BOUGHT, decisions().decide(sale.id(), "bob", "p5", shopper(threePerMinute), Admission.NONE).outcome(), "per shopper");
        assertEquals(Outcome.BOUGHT, decisions().decide(other.id(), "alice", "p6", shopper(threePerMinute), Admission.NONE).outcome(), "per sale");
    }

    @Test
    void aShopperSpinningBeforeTheStartSpendsTheLimitOnNotStarted() {
        Limit twoPerMinute = new Limit(2, Duration.ofSeconds(60));
        Sale sale = publish(upcoming(3));
        assertEquals(Outcome.NOT_STARTED, decisions().decide(sale.id(), "bot", "p1", shopper(twoPerMinute), Admission.NONE).outcome());
        assertEquals(Outcome.NOT_STARTED, decisions().decide(sale.id(), "bot", "p2", shopper(twoPerMinute), Admission.NONE).outcome());
        assertEquals(Outcome.SHOPPER_LIMITED, decisions().decide(sale.id(), "bot", "p3", shopper(twoPerMinute), Admission.NONE).outcome());
    }

    @Test
    void aTokenComesBackAfterItsShareOfThePeriod() {
        Limit onePerSecond = new Limit(1, Duration.ofSeconds(1));
        Sale sale = publish(open(5));
        assertEquals(Outcome.BOUGHT, decisions().decide(sale.id(), "alice", "p1", shopper(onePerSecond), Admission.NONE).outcome());
        assertEquals(Outcome.SHOPPER_LIMITED, decisions().decide(sale.id(), "alice", "p2", shopper(onePerSecond), Admission.NONE).outcome());
        elapse(Duration.ofMillis(1100));
        assertEquals(Outcome.ALREADY_PURCHASED, decisions().decide(sale.id(), "alice", "p3", shopper(onePerSecond), Admission.NONE).outcome());
    }

    @Test
    void withoutALimitNoAttemptIsRefused() {
        Sale sale = publish(open(5));
        for (int i = 0; i < 20; i++) {
            assertTrue(decide(sale.id(), "alice", "p" + i).outcome() != Outcome.SHOPPER_LIMITED);
        }
    }

    // the client address's rate limit, taken in the decision before the shopper's -------------

    @Test
    void refusesAnAddressPastTheLimitPerSaleAndPerAddressAndTheRefusalChangesNothing() {
        Limit twoPerMinute = new Limit(2, Duration.ofSeconds(60));
        Sale sale = publish(open(5));
        Sale other = publish(open(5));
        assertEquals(Outcome.BOUGHT, decisions().decide(sale.id(), "alice", "p1", address("203.0.113.7", twoPerMinute), Admission.NONE).outcome());
        assertEquals(Outcome.BOUGHT, decisions().decide(sale.id(), "bob", "p2", address("203.0.113.7", twoPerMinute), Admission.NONE).outcome());

        Decision refused = decisions().decide(sale.id(), "carol", "p3", address("203.0.113.7", twoPerMinute), Admission.NONE);

        assertEquals(Outcome.ADDRESS_LIMITED, refused.outcome());
        assertNull(refused.receipt());
        assertNull(refused.outboxEntryId());
        long waitMillis = refused.retryAfter().toMillis();
        assertTrue(waitMillis > 29_000 && waitMillis <= 30_000, "one token every 30 s: " + refused.retryAfter());
        assertEquals(3, stock(sale), "nothing changed");
        assertEquals(Outcome.BOUGHT, decisions().decide(sale.id(), "carol", "p4", address("2001:db8::1", twoPerMinute), Admission.NONE).outcome(),
                "per address");
        assertEquals(Outcome.BOUGHT, decisions().decide(other.id(), "carol", "p5", address("203.0.113.7", twoPerMinute), Admission.NONE).outcome(),
                "per sale");
    }

    @Test
    void theAddressIsTakenBeforeTheShopperAndBothMustAdmit() {
        Limit onePerMinute = new Limit(1, Duration.ofSeconds(60));
        Limit threePerMinute = new Limit(3, Duration.ofSeconds(60));
        Sale sale = publish(open(5));
        AttemptLimits tightShopper = new AttemptLimits("203.0.113.9", threePerMinute, onePerMinute);
        assertEquals(Outcome.BOUGHT, decisions().decide(sale.id(), "alice", "p1", tightShopper, Admission.NONE).outcome());
        assertEquals(Outcome.SHOPPER_LIMITED, decisions().decide(sale.id(), "alice", "p2", tightShopper, Admission.NONE).outcome(),
                "the address admits, the shopper does not (and the address token is spent)");
        assertEquals(Outcome.BOUGHT, decisions().decide(sale.id(), "bob", "p3", tightShopper, Admission.NONE).outcome());

        Decision refused = decisions().decide(sale.id(), "carol", "p4", tightShopper, Admission.NONE);

        assertEquals(Outcome.ADDRESS_LIMITED, refused.outcome(), "three attempts from the address, the fourth refused");
        assertEquals(Outcome.BOUGHT, decisions().decide(sale.id(), "carol", "p5", shopper(onePerMinute), Admission.NONE).outcome(),
                "the refused attempt took no token of carol's");
    }

    @Test
    void anUnknownSaleTakesNoToken() {
        Limit onePerMinute = new Limit(1, Duration.ofSeconds(60));
        assertEquals(Outcome.NO_STATE, decisions().decide("no-such-sale", "alice", "p1", shopper(onePerMinute), Admission.NONE).outcome());
        assertEquals(Outcome.NO_STATE, decisions().decide("no-such-sale", "alice", "p2", shopper(onePerMinute), Admission.NONE).outcome());
        assertEquals(Outcome.NO_STATE, decisions().decide("no-such-sale", "alice", "p3",
                new AttemptLimits("203.0.113.7", onePerMinute, onePerMinute), Admission.NONE).outcome());
        assertEquals(Outcome.NO_STATE, decisions().decide("no-such-sale", "alice", "p4",
                new AttemptLimits("203.0.113.7", onePerMinute, onePerMinute), Admission.NONE).outcome());
        assertEquals(0, wipe().forgetAll(), "nothing was written for an unknown sale");
    }

    // state and purchaseOf --------------------------------------------------------------------

    @Test
    void statesAPublishedSaleWithTheStoresClock() {
        Sale sale = publish(open(5));
        Instant before = storeNow().truncatedTo(ChronoUnit.MILLIS); // stores keep milliseconds

        SaleState s = states().state(sale.id()).orElseThrow();

        assertEquals(new SaleState(sale.id(), sale.productName(), 5, 5, sale.startTime(), sale.endTime(),
                sale.createdAt(), false, s.serverTime()), s);
        assertFalse(s.serverTime().isBefore(before));
        assertFalse(s.serverTime().isAfter(storeNow()));
    }

    @Test
    void statesNothingForAnUnknownSale() {
        assertTrue(states().state(newId()).isEmpty());
        assertTrue(decisions().purchaseOf(newId(), "alice").isEmpty());
    }

    @Test
    void knowsNoPurchaseOfAShopperWhoDidNotBuy() {
        Sale sale = publish(open(5));
        decide(sale.id(), "alice", "p-1");

        assertTrue(decisions().purchaseOf(sale.id(), "bob").isEmpty());
    }

    // publish, republish, cancel ----------------------------------------------------------------

    @Test
    void publishDoesNothingWhenTheStoreAlreadyHasTheSale() {
        Sale sale = publish(open(5));
        decide(sale.id(), "alice", "p-1");

        states().publish(renamed(sale, "Other", 9));

        SaleState s = states().state(sale.id()).orElseThrow();
        assertEquals(sale.productName(), s.productName());
        assertEquals(5, s.totalStock());
        assertEquals(4, s.stockRemaining());
    }

    @Test
    void republishReplacesAnUpcomingSale() {
        Sale sale = publish(upcoming(5));
        Sale edited = new Sale(sale.id(), "Edited", 7, sale.startTime().plusSeconds(60),
                sale.endTime().plusSeconds(120), sale.createdAt(), sale.updatedAt(), false);

        assertTrue(states().republishIfNotStarted(edited));

        SaleState s = states().state(sale.id()).orElseThrow();
        assertEquals(new SaleState(sale.id(), "Edited", 7, 7, edited.startTime(), edited.endTime(), sale.createdAt(),
                false, s.serverTime()), s);
    }

    @Test
    void republishRefusesAStartedSale() {
        Sale sale = publish(open(5));

        assertFalse(states().republishIfNotStarted(renamed(sale, "Edited", 7)));

        assertEquals(sale.productName(), states().state(sale.id()).orElseThrow().productName());
        assertEquals(5, stock(sale));
    }

    @Test
    void republishRefusesAnUnknownSale() {
        Sale sale = upcoming(5);

        assertFalse(states().republishIfNotStarted(sale));
        assertTrue(states().state(sale.id()).isEmpty());
    }

    @Test
    void republishRefusesACancelledSale() {
        Sale sale = publish(upcoming(5));
        states().markCancelled(sale.id());

        assertFalse(states().republishIfNotStarted(renamed(sale, "Edited", 7)));
        assertEquals(sale.productName(), states().state(sale.id()).orElseThrow().productName());
    }

    @Test
    void republishRefusesASaleBeingRebuilt() {
        Sale sale = upcoming(5);
        assertTrue(stateRestore().beginRestore(sale, 0));

        assertFalse(states().republishIfNotStarted(renamed(sale, "Edited", 7)));
    }

    @Test
    void republishKeepsTheUnitsOfRestoredBuyersSold() {
        Sale sale = upcoming(5);
        restore(sale, receipt(sale, "alice", "p-1"));

        assertTrue(states().republishIfNotStarted(renamed(sale, "Edited", 7)));

        assertEquals(6, stock(sale));
    }

    @Test
    void markCancelledStopsSalesAndKeepsEarlierPurchases() {
        Sale sale = publish(open(5));
        Receipt alice = decide(sale.id(), "alice", "p-1").receipt();

        states().markCancelled(sale.id());

        assertTrue(states().state(sale.id()).orElseThrow().cancelled());
        assertEquals(Decision.of(Outcome.CANCELLED), decide(sale.id(), "bob", "p-2"));
        assertEquals(alice, decisions().purchaseOf(sale.id(), "alice").orElseThrow());
        assertEquals(4, stock(sale));
    }

    @Test
    void markCancelledOfAnUnknownSaleCreatesNoState() {
        String id = newId();

        states().markCancelled(id);

        assertTrue(states().state(id).isEmpty());
        assertEquals(Decision.of(Outcome.NO_STATE), decide(id, "alice", "p-1"));
    }

    // forgetAll and the current sale -----------------------------------------------------------

    @Test
    void forgetAllRemovesEverySalePurchaseLockAndTheCurrentSale() {
        Sale one = publish(open(5));
        Sale two = publish(upcoming(5));
        decide(one.id(), "alice", "p-1");
        currentSale().setCurrentSaleId(two.id());
        assertTrue(locks().tryLock("single-sale", "holder", 60_000));

        assertTrue(wipe().forgetAll() > 0);

        assertTrue(states().state(one.id()).isEmpty());
        assertTrue(states().state(two.id()).isEmpty());
        assertTrue(decisions().purchaseOf(one.id(), "alice").isEmpty());
        assertEquals(Decision.of(Outcome.NO_STATE), decide(one.id(), "bob", "p-2"));
        assertTrue(currentSale().currentSaleId().isEmpty());
        assertTrue(locks().tryLock("single-sale", "another", 60_000), "the lock went with the keys");
    }

    @Test
    void forgetAllOfAnEmptyStoreRemovesNothing() {
        assertEquals(0, wipe().forgetAll());
    }

    @Test
    void remembersTheCurrentSaleUntilReplaced() {
        assertTrue(currentSale().currentSaleId().isEmpty());

        currentSale().setCurrentSaleId("a");
        assertEquals("a", currentSale().currentSaleId().orElseThrow());

        currentSale().setCurrentSaleId("b");
        assertEquals("b", currentSale().currentSaleId().orElseThrow());
    }

    @Test
    void clearsTheCurrentSaleOnlyIfItIsTheNamedOne() {
        currentSale().setCurrentSaleId("a");

        currentSale().clearCurrentSaleId("b");
        assertEquals("a", currentSale().currentSaleId().orElseThrow());

        currentSale().clearCurrentSaleId("a");
        assertTrue(currentSale().currentSaleId().isEmpty());
    }

    // locks ----------------------------------------------------------------------------------

    @Test
    void aHeldLockRefusesEveryOtherTakerEvenTheSameToken() {
        assertTrue(locks().tryLock("l", "a", 60_000));

        assertFalse(locks().tryLock("l", "b", 60_000));
        assertFalse(locks().tryLock("l", "a", 60_000), "not re-entrant");
        assertTrue(locks().tryLock("other", "b", 60_000), "locks are named");
    }

    @Test
    void unlockReleasesOnlyForTheHoldersToken() {
        assertTrue(locks().tryLock("l", "a", 60_000));

        locks().unlock("l", "b");
        assertFalse(locks().tryLock("l", "b", 60_000));

        locks().unlock("l", "a");
        assertTrue(locks().tryLock("l", "b", 60_000));
    }

    @Test
    void aLockExpiresAfterItsTtl() {
        assertTrue(locks().tryLock("l", "a", 200));
        assertFalse(locks().tryLock("l", "b", 60_000));

        assertTrue(eventually(() -> locks().tryLock("l", "b", 60_000)), "free again after the TTL");
        locks().unlock("l", "a"); // too late: b holds it now
        assertFalse(locks().tryLock("l", "c", 60_000));
    }

    // restore --------------------------------------------------------------------------------

    @Test
    void restoringAMissingSaleBlocksPurchasesUntilFinished() {
        Sale sale = open(5);

        assertTrue(stateRestore().beginRestore(sale, 2));
        assertEquals(Decision.of(Outcome.REBUILDING), decide(sale.id(), "carol", "p-3"));
        assertTrue(states().state(sale.id()).isEmpty(), "no state to show while rebuilding");

        assertEquals(2, stateRestore().restoreBuyers(sale.id(), 5,
                List.of(receipt(sale, "alice", "p-1"), receipt(sale, "bob", "p-2"))));
        assertEquals(Decision.of(Outcome.REBUILDING), decide(sale.id(), "carol", "p-3"));
        assertTrue(decisions().purchaseOf(sale.id(), "alice").isPresent());

        stateRestore().finishRestore(sale.id(), 5);

        assertEquals(3, stock(sale));
        assertEquals(Outcome.BOUGHT, decide(sale.id(), "carol", "p-3").outcome());
        assertEquals(Outcome.ALREADY_PURCHASED, decide(sale.id(), "bob", "p-9").outcome());
    }

    @Test
    void beginRestoreOfAWholeSaleOnlyRewritesItsMetadata() {
        Sale sale = publish(open(5));
        decide(sale.id(), "alice", "p-1");

        assertFalse(stateRestore().beginRestore(cancelled(renamed(sale, "Renamed", 5)), 1));

        SaleState s = states().state(sale.id()).orElseThrow();
        assertEquals("Renamed", s.productName());
        assertTrue(s.cancelled());
        assertEquals(4, s.stockRemaining());
    }

    @Test
    void beginRestoreBlocksPurchasesWhenTheStoreKnowsFewerBuyersThanRecorded() {
        Sale sale = publish(open(5));
        decide(sale.id(), "alice", "p-1");

        assertTrue(stateRestore().beginRestore(sale, 2));

        assertEquals(Decision.of(Outcome.REBUILDING), decide(sale.id(), "carol", "p-3"));
        assertTrue(states().state(sale.id()).isEmpty(), "no state to show while rebuilding");
        assertTrue(decisions().purchaseOf(sale.id(), "alice").isPresent());
    }

    @Test
    void restoreBuyersKeepsKnownBuyersAndFinishSetsStockToTotalMinusBuyers() {
        Sale sale = publish(open(5));
        Receipt alice = decide(sale.id(), "alice", "p-1").receipt();
        assertTrue(stateRestore().beginRestore(sale, 2));

        int added = stateRestore().restoreBuyers(sale.id(), 5,
                List.of(receipt(sale, "alice", "p-other"), receipt(sale, "bob", "p-2")));
        stateRestore().finishRestore(sale.id(), 5);

        assertEquals(1, added);
        assertEquals(alice, decisions().purchaseOf(sale.id(), "alice").orElseThrow());
        assertEquals(receipt(sale, "bob", "p-2"), decisions().purchaseOf(sale.id(), "bob").orElseThrow());
        assertEquals(3, stock(sale));
    }

    @Test
    void finishRestoreNeverLeavesNegativeStock() {
        Sale sale = open(1);
        restore(sale, receipt(sale, "alice", "p-1"), receipt(sale, "bob", "p-2"));

        assertEquals(0, stock(sale));
        assertEquals(Decision.of(Outcome.SOLD_OUT), decide(sale.id(), "carol", "p-3"));
    }

    // concurrency ----------------------------------------------------------------------------

    @Test
    void concurrentShoppersBuyExactlyTheStockOneUnitEach() throws Exception {
        int stock = 25;
        int shoppers = 200;
        Sale sale = publish(open(stock));
        List<Decision> decisions = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Decision>> futures = new ArrayList<>();
            for (int attempt = 0; attempt < 2; attempt++) { // every shopper tries twice, with new candidates
                for (int i = 0; i < shoppers; i++) {
                    String shopper = "shopper-" + i;
                    String candidate = "p-" + i + "-" + attempt;
                    futures.add(pool.submit(() -> decide(sale.id(), shopper, candidate)));
                }
            }
            for (Future<Decision> f : futures) {
                decisions.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<Receipt> sold = decisions.stream().filter(d -> d.outcome() == Outcome.BOUGHT).map(Decision::receipt)
                .toList();
        Set<String> buyers = sold.stream().map(Receipt::userIdentifier).collect(Collectors.toSet());
        Map<Outcome, Long> counts = decisions.stream()
                .collect(Collectors.groupingBy(Decision::outcome, Collectors.counting()));
        assertEquals(stock, sold.size(), counts::toString);
        assertEquals(stock, buyers.size(), "one unit per shopper");
        assertEquals(0, stock(sale));
        Set<String> recorded = new HashSet<>();
        for (int i = 0; i < shoppers; i++) {
            decisions().purchaseOf(sale.id(), "shopper-" + i).ifPresent(r -> recorded.add(r.userIdentifier()));
        }
        assertEquals(buyers, recorded);
    }

    // admission (a sale with a waiting room) ---------------------------------------------------

    @Test
    void aSaleWithAWaitingRoomRefusesAPurchaseWithoutAnAdmission() {
        Sale sale = publish(withWaitingRoom(open(3)));

        assertEquals(Decision.of(Outcome.ADMISSION_REQUIRED), decide(sale.id(), "alice", "p-1", Admission.NONE));
        assertEquals(Decision.of(Outcome.ADMISSION_REQUIRED), decide(sale.id(), "alice", "p-1", Admission.INVALID));
        assertEquals(3, stock(sale));
        assertTrue(decisions().purchaseOf(sale.id(), "alice").isEmpty());
    }

    @Test
    void theHeldAdmissionBuysOnceAndIsSpent() {
        Sale sale = publish(withWaitingRoom(open(3)));
        Admission grant = grant(1, Duration.ofMinutes(1));
        admit(sale.id(), "alice", grant.grant());

        Decision d = decide(sale.id(), "alice", "p-1", grant);

        assertEquals(Outcome.BOUGHT, d.outcome());
        assertNotNull(d.outboxEntryId());
        assertEquals(2, stock(sale));
        assertEquals(Optional.empty(), heldAdmission(sale.id(), "alice"), "spent by the purchase");
        // the same token again: an idempotent retry is the same purchase; a new attempt is already bought
        assertEquals(new Decision(Outcome.BOUGHT, d.receipt(), null), decide(sale.id(), "alice", "p-1", grant));
        assertEquals(Outcome.ALREADY_PURCHASED, decide(sale.id(), "alice", "p-2", grant).outcome());
        assertEquals(2, stock(sale));
    }

    @Test
    void anotherShoppersAdmissionBuysNothing() {
        Sale sale = publish(withWaitingRoom(open(3)));
        Admission alices = grant(1, Duration.ofMinutes(1));
        admit(sale.id(), "alice", alices.grant());

        assertEquals(Decision.of(Outcome.ADMISSION_REQUIRED), decide(sale.id(), "bob", "p-b", alices));
        assertEquals(3, stock(sale));
        assertEquals(Optional.of(alices.grant()), heldAdmission(sale.id(), "alice"), "alice's is untouched");
        assertEquals(Outcome.BOUGHT, decide(sale.id(), "alice", "p-a", alices).outcome());
    }

    @Test
    void anAdmissionReplacedByALaterOneBuysNothing() {
        Sale sale = publish(withWaitingRoom(open(3)));
        Admission first = grant(1, Duration.ofMinutes(1));
        Admission second = grant(2, Duration.ofMinutes(2));
        admit(sale.id(), "alice", second.grant());

        assertEquals(Decision.of(Outcome.ADMISSION_REQUIRED), decide(sale.id(), "alice", "p-1", first));
        assertEquals(Outcome.BOUGHT, decide(sale.id(), "alice", "p-1", second).outcome());
    }

    @Test
    void anExpiredAdmissionIsRefusedAsExpired() {
        Sale sale = publish(withWaitingRoom(open(3)));
        Admission expired = grant(1, Duration.ofSeconds(-1));
        admit(sale.id(), "alice", expired.grant()); // not swept yet

        assertEquals(Decision.of(Outcome.ADMISSION_EXPIRED), decide(sale.id(), "alice", "p-1", expired));
        assertEquals(Decision.of(Outcome.ADMISSION_EXPIRED), decide(sale.id(), "bob", "p-2", expired),
                "swept (no longer held): still expired");
        assertEquals(3, stock(sale));
    }

    @Test
    void anAdmissionExpiresByTheStoresClock() {
        Sale sale = publish(withWaitingRoom(open(3)));
        Admission grant = grant(1, Duration.ofMillis(300));
        admit(sale.id(), "alice", grant.grant());

        elapse(Duration.ofMillis(400));

        assertEquals(Decision.of(Outcome.ADMISSION_EXPIRED), decide(sale.id(), "alice", "p-1", grant));
        assertEquals(3, stock(sale));
    }

    @Test
    void soldOutIsAnsweredBeforeTheAdmissionIsLookedAt() {
        Sale sale = publish(withWaitingRoom(open(1)));
        Admission alices = grant(1, Duration.ofMinutes(1));
        Admission bobs = grant(2, Duration.ofMinutes(1));
        admit(sale.id(), "alice", alices.grant());
        admit(sale.id(), "bob", bobs.grant());
        assertEquals(Outcome.BOUGHT, decide(sale.id(), "alice", "p-a", alices).outcome());

        assertEquals(Decision.of(Outcome.SOLD_OUT), decide(sale.id(), "bob", "p-b", bobs));
        assertEquals(Decision.of(Outcome.SOLD_OUT), decide(sale.id(), "carol", "p-c", Admission.NONE));
        assertEquals(Optional.of(bobs.grant()), heldAdmission(sale.id(), "bob"), "a refusal spends nothing");
    }

    @Test
    void theWindowIsJudgedBeforeTheAdmission() {
        Sale upcoming = publish(withWaitingRoom(upcoming(3)));
        Sale ended = publish(withWaitingRoom(ended(3)));

        assertEquals(Decision.of(Outcome.NOT_STARTED), decide(upcoming.id(), "alice", "p-1", Admission.NONE));
        assertEquals(Decision.of(Outcome.ENDED), decide(ended.id(), "alice", "p-1", Admission.NONE));
    }

    @Test
    void aSaleWithoutAWaitingRoomIgnoresTheAdmission() {
        Sale sale = publish(open(3));

        assertEquals(Outcome.BOUGHT, decide(sale.id(), "alice", "p-1", Admission.INVALID).outcome());
        assertEquals(Outcome.BOUGHT, decide(sale.id(), "bob", "p-2", grant(1, Duration.ofSeconds(-1))).outcome());
        assertEquals(Outcome.BOUGHT, decide(sale.id(), "carol", "p-3", Admission.NONE).outcome());
        assertEquals(0, stock(sale));
    }

    @Test
    void concurrentAdmittedAndUnadmittedShoppersBuyOnlyWithTheirOwnAdmission() throws Exception {
        int stock = 20;
        int admitted = 60;
        Sale sale = publish(withWaitingRoom(open(stock)));
        Map<String, Admission> grants = new java.util.HashMap<>();
        for (int i = 0; i < admitted; i++) {
            Admission a = grant(i + 1, Duration.ofMinutes(1));
            admit(sale.id(), "admitted-" + i, a.grant());
            grants.put("admitted-" + i, a);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Decision>> admittedTries = new ArrayList<>();
        List<Future<Decision>> others = new ArrayList<>();
        try {
            for (int i = 0; i < admitted; i++) {
                String shopper = "admitted-" + i;
                String other = "walk-in-" + i;
                Admission a = grants.get(shopper);
                admittedTries.add(pool.submit(() -> decide(sale.id(), shopper, "p-" + shopper, a)));
                // a walk-in presents someone else's admission, or none
                Admission borrowed = i % 2 == 0 ? a : Admission.NONE;
                others.add(pool.submit(() -> decide(sale.id(), other, "p-" + other, borrowed)));
            }
            long sold = 0;
            for (Future<Decision> f : admittedTries) {
                Outcome o = f.get().outcome();
                assertTrue(o == Outcome.BOUGHT || o == Outcome.SOLD_OUT, o.toString());
                sold += o == Outcome.BOUGHT ? 1 : 0;
            }
            for (Future<Decision> f : others) {
                Outcome o = f.get().outcome();
                assertTrue(o == Outcome.ADMISSION_REQUIRED || o == Outcome.SOLD_OUT, o.toString());
            }
            assertEquals(stock, sold);
            assertEquals(0, stock(sale));
        } finally {
            pool.shutdownNow();
        }
    }

    // helpers --------------------------------------------------------------------------------

    private Decision decide(String saleId, String shopperId, String candidate, Admission admission) {
        return decisions().decide(saleId, shopperId, candidate, AttemptLimits.NONE, admission);
    }

    /** An admission numbered {@code number} that expires {@code validFor} from the store's now. */
    private Admission grant(long number, Duration validFor) {
        long expires = storeNow().plus(validFor).toEpochMilli();
        return new Admission(number + ":" + expires, expires);
    }

    private static Sale withWaitingRoom(Sale s) {
        return new Sale(s.id(), s.productName(), s.totalStock(), s.startTime(), s.endTime(), s.createdAt(),
                s.updatedAt(), s.cancelled(), new WaitingRoom(10, 60, true, false));
    }

    /** A decision with no rate limit. */
    private Decision decide(String saleId, String shopperId, String candidate) {
        return decisions().decide(saleId, shopperId, candidate, AttemptLimits.NONE, Admission.NONE);
    }

    private static AttemptLimits shopper(Limit perShopper) {
        return new AttemptLimits(null, null, perShopper);
    }

    private static AttemptLimits address(String clientAddress, Limit perAddress) {
        return new AttemptLimits(clientAddress, perAddress, null);
    }

    private Sale publish(Sale sale) {
        states().publish(sale);
        return sale;
    }

    /** Restores a sale from scratch with these buyers, as the reconciler does. */
    private void restore(Sale sale, Receipt... receipts) {
        assertTrue(stateRestore().beginRestore(sale, receipts.length));
        stateRestore().restoreBuyers(sale.id(), sale.totalStock(), List.of(receipts));
        stateRestore().finishRestore(sale.id(), sale.totalStock());
    }

    private long stock(Sale sale) {
        return states().state(sale.id()).orElseThrow().stockRemaining();
    }

    private boolean eventually(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(2);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            elapse(Duration.ofMillis(50));
        }
        return true;
    }

    private Sale open(int stock) {
        return sale(stock, Duration.ofHours(-1), Duration.ofHours(1));
    }

    private Sale upcoming(int stock) {
        return sale(stock, Duration.ofHours(1), Duration.ofHours(2));
    }

    private Sale ended(int stock) {
        return sale(stock, Duration.ofHours(-2), Duration.ofHours(-1));
    }

    /** A sale whose window is set around the store's clock; millisecond precision, as stores keep. */
    private Sale sale(int stock, Duration startIn, Duration endIn) {
        Instant now = storeNow().truncatedTo(ChronoUnit.MILLIS);
        return new Sale(newId(), "Sneaker " + SEQUENCE.get(), stock, now.plus(startIn), now.plus(endIn),
                now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(1)), false);
    }

    private static Sale cancelled(Sale s) {
        return new Sale(s.id(), s.productName(), s.totalStock(), s.startTime(), s.endTime(), s.createdAt(),
                s.updatedAt(), true);
    }

    private static Sale renamed(Sale s, String name, int stock) {
        return new Sale(s.id(), name, stock, s.startTime(), s.endTime(), s.createdAt(), s.updatedAt(), s.cancelled());
    }

    private static Receipt receipt(Sale sale, String shopper, String purchaseId) {
        return new Receipt(purchaseId, sale.id(), shopper, sale.startTime().plusSeconds(1));
    }

    private static String newId() {
        return String.format("65f0%020x", SEQUENCE.incrementAndGet());
    }
}
