package com.flashsale.purchase;

import com.flashsale.admin.StoreWipe;
import com.flashsale.admission.Admission;
import com.flashsale.purchase.Decision.Outcome;
import com.flashsale.ratelimit.AttemptLimits;
import com.flashsale.ratelimit.Limit;
import com.flashsale.ratelimit.MemoryTokenBuckets;
import com.flashsale.sale.CurrentSale;
import com.flashsale.sale.Sale;
import com.flashsale.sale.SaleState;
import com.flashsale.sale.SaleStates;
import com.flashsale.sale.SharedLocks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decision store in memory, following the Lua scripts: state, cancelled, window,
 * already bought, stock; restore begins, adds buyers, then sets stock = total - buyers.
 * Decisions can also be scripted to force an outcome. Every method is atomic, as a script is;
 * {@code DecisionStoreContract} holds it to the same cases as Redis. One object implements every
 * port of the store, as one Redis holds the keys behind all of them.
 */
class InMemoryDecisionStore
        implements PurchaseDecisions, SaleStates, SaleStateRestore, CurrentSale, SharedLocks, StoreWipe {

    static final class State {
        Sale sale;
        Long stock; // null: the stock key is missing
        final Map<String, Receipt> buyers = new LinkedHashMap<>();
        boolean rebuilding;
        boolean stale; // a store process that has not checked this state against the record yet
        /** A sale with a waiting room: admitted shopper -> grant ('<number>:<expires at ms>'), as q:admitted. */
        final Map<String, String> admitted = new HashMap<>();
    }

    final Map<String, State> states = new HashMap<>();
    final Deque<Decision> scripted = new ArrayDeque<>();
    final List<String> calls = new ArrayList<>();
    private final InMemoryOutbox outbox;
    volatile Instant now = Instant.parse("2026-02-14T12:00:00Z");
    private String currentSaleId;
    private final Map<String, Lock> locks = new HashMap<>();

    private record Lock(String token, Instant expiresAt) {
    }

    /**
     * The rate-limit buckets of the purchase script: per sale, rule and shopper (its KEYS[5]) and per
     * sale, rule and client address (KEYS[6]).
     */
    final MemoryTokenBuckets limitBuckets = new MemoryTokenBuckets();

    InMemoryDecisionStore(InMemoryOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public synchronized Decision decide(String saleId, String shopperId, String candidatePurchaseId, AttemptLimits limits,
                                        Admission admission) {
        calls.add("decide:" + saleId + ":" + shopperId);
        if (!scripted.isEmpty()) {
            return scripted.poll();
        }
        State s = states.get(saleId);
        if (s == null) {
            return Decision.of(Outcome.NO_STATE);
        }
        if (s.rebuilding) {
            return Decision.of(Outcome.REBUILDING);
        }
        if (s.stale) {
            return Decision.of(Outcome.STALE);
        }
        Limit perAddress = limits.perAddress();
        if (perAddress != null) {
            Duration wait = limitBuckets.take(saleId + ":address:" + perAddress.fingerprint() + ':' + limits.clientAddress(),
                    perAddress, now.toEpochMilli());
            if (!wait.isZero()) {
                return Decision.rateLimited(Outcome.ADDRESS_LIMITED, wait);
            }
        }
        Limit perShopper = limits.perShopper();
        if (perShopper != null) {
            Duration wait = limitBuckets.take(saleId + ":shopper:" + perShopper.fingerprint() + ':' + shopperId, perShopper,
                    now.toEpochMilli());
            if (!wait.isZero()) {
                return Decision.rateLimited(Outcome.SHOPPER_LIMITED, wait);
            }
        }
        if (s.sale.cancelled()) {
            return Decision.of(Outcome.CANCELLED);
        }
        if (now.isBefore(s.sale.startTime())) {
            return Decision.of(Outcome.NOT_STARTED);
        }
        if (!now.isBefore(s.sale.endTime())) {
            return Decision.of(Outcome.ENDED);
        }
        Receipt existing = s.buyers.get(shopperId);
        if (existing != null) {
            return existing.purchaseId().equals(candidatePurchaseId)
                    ? new Decision(Outcome.BOUGHT, existing, null)
                    : new Decision(Outcome.ALREADY_PURCHASED, existing, null);
        }
        if (s.stock == null) {
            return Decision.of(Outcome.NO_STATE);
        }
        if (s.stock <= 0) {
            return Decision.of(Outcome.SOLD_OUT);
        }
        if (s.sale.hasWaitingRoom()) {
            String held = s.admitted.get(shopperId);
            if (admission.grant().isEmpty() || !admission.grant().equals(held)) {
                return Decision.of(!admission.grant().isEmpty() && !"-".equals(admission.grant())
                        && admission.expiresAtMillis() <= now.toEpochMilli() ? Outcome.ADMISSION_EXPIRED
                        : Outcome.ADMISSION_REQUIRED);
            }
            if (admission.expiresAtMillis() <= now.toEpochMilli()) {
                return Decision.of(Outcome.ADMISSION_EXPIRED);
            }
            s.admitted.remove(shopperId);
        }
        s.stock--;
        Receipt receipt = new Receipt(candidatePurchaseId, saleId, shopperId, now);
        s.buyers.put(shopperId, receipt);
        return new Decision(Outcome.BOUGHT, receipt, outbox.append(receipt));
    }

    @Override
    public synchronized Optional<SaleState> state(String saleId) {
        State s = states.get(saleId);
        if (s == null || s.stock == null || s.rebuilding) {
            return Optional.empty();
        }
        Sale sale = s.sale;
        return Optional.of(new SaleState(sale.id(), sale.productName(), sale.totalStock(), s.stock, sale.startTime(),
                sale.endTime(), sale.createdAt(), sale.cancelled(), now));
    }

    @Override
    public synchronized Optional<Receipt> purchaseOf(String saleId, String shopperId) {
        State s = states.get(saleId);
        return s == null ? Optional.empty() : Optional.ofNullable(s.buyers.get(shopperId));
    }

    @Override
    public synchronized void publish(Sale sale) {
        calls.add("publish:" + sale.id());
        states.computeIfAbsent(sale.id(), id -> {
            State s = new State();
            s.sale = sale;
            s.stock = (long) sale.totalStock();
            return s;
        });
    }

    @Override
    public synchronized boolean republishIfNotStarted(Sale sale) {
        State s = states.get(sale.id());
        if (s == null || s.sale.cancelled() || s.rebuilding || !now.isBefore(s.sale.startTime())) {
            return false;
        }
        Sale o = s.sale; // like republish.lua: only the name, stock and window change
        s.sale = new Sale(o.id(), sale.productName(), sale.totalStock(), sale.startTime(), sale.endTime(),
                o.createdAt(), sale.updatedAt(), o.cancelled());
        s.stock = (long) sale.totalStock() - s.buyers.size();
        return true;
    }

    @Override
    public synchronized void markCancelled(String saleId) {
        State s = states.get(saleId);
        if (s != null) {
            Sale o = s.sale;
            s.sale = new Sale(o.id(), o.productName(), o.totalStock(), o.startTime(), o.endTime(), o.createdAt(),
                    o.updatedAt(), true);
        }
    }

    @Override
    public synchronized long forgetAll() {
        locks.values().removeIf(l -> !now.isBefore(l.expiresAt())); // expired: no longer a key
        long n = states.size() + locks.size() + limitBuckets.size() + (currentSaleId == null ? 0 : 1);
        states.clear();
        locks.clear();
        limitBuckets.clear();
        currentSaleId = null;
        return n;
    }

    @Override
    public synchronized Optional<String> currentSaleId() {
        return Optional.ofNullable(currentSaleId);
    }

    @Override
    public synchronized void setCurrentSaleId(String saleId) {
        currentSaleId = saleId;
    }

    @Override
    public synchronized void clearCurrentSaleId(String onlyIfEqualTo) {
        if (onlyIfEqualTo.equals(currentSaleId)) {
            currentSaleId = null;
        }
    }

    @Override
    public synchronized boolean tryLock(String name, String token, long ttlMillis) {
        Lock held = locks.get(name);
        if (held != null && now.isBefore(held.expiresAt())) {
            return false;
        }
        locks.put(name, new Lock(token, now.plusMillis(ttlMillis)));
        return true;
    }

    @Override
    public synchronized void unlock(String name, String token) {
        Lock held = locks.get(name);
        if (held != null && held.token().equals(token) && now.isBefore(held.expiresAt())) {
            locks.remove(name);
        }
    }

    @Override
    public synchronized boolean beginRestore(Sale sale, long recordedPurchases) {
        calls.add("beginRestore:" + sale.id() + ":" + recordedPurchases);
        State s = states.get(sale.id());
        boolean whole = s != null && !s.rebuilding && s.stock != null && s.buyers.size() >= recordedPurchases;
        if (s == null) {
            s = new State();
            states.put(sale.id(), s);
        }
        s.sale = sale;
        s.stale = false;
        if (whole) {
            return false;
        }
        s.rebuilding = true;
        return true;
    }

    @Override
    public synchronized int restoreBuyers(String saleId, int totalStock, List<Receipt> receipts) {
        calls.add("restoreBuyers:" + saleId + ":" + receipts.size());
        State s = states.get(saleId);
        int added = 0;
        for (Receipt r : receipts) {
            if (s.buyers.putIfAbsent(r.userIdentifier(), r) == null) {
                added++;
            }
        }
        if (s.stock != null) {
            s.stock = Math.min(s.stock, Math.max(0, totalStock - s.buyers.size()));
        }
        return added;
    }

    @Override
    public synchronized void finishRestore(String saleId, int totalStock) {
        calls.add("finishRestore:" + saleId + ":" + totalStock);
        State s = states.get(saleId);
        s.stock = (long) Math.max(0, totalStock - s.buyers.size());
        s.rebuilding = false;
    }
}
