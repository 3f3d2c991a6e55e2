package com.flashsale.infrastructure.redis;

import com.flashsale.StoreUnavailableException;
import com.flashsale.infrastructure.metrics.StoreCall;
import com.flashsale.purchase.Decision;
import com.flashsale.ratelimit.AttemptLimits;
import com.flashsale.ratelimit.Limit;
import com.flashsale.purchase.Decision.Outcome;
import com.flashsale.purchase.Receipt;
import com.flashsale.purchase.StockGateway;
import com.flashsale.sale.Sale;
import com.flashsale.sale.SaleState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import redis.clients.jedis.ScanIteration;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/** The decision store on Redis: every decision is one EVALSHA of {@code purchase.lua}. */
@ApplicationScoped
@StoreCall("redis")
public class RedisStockGateway implements StockGateway {

    private static final LuaScript PURCHASE = LuaScript.load("token-bucket", "purchase");
    private static final LuaScript STATE = LuaScript.load("state");
    private static final LuaScript PUBLISH = LuaScript.load("publish");
    private static final LuaScript REPUBLISH = LuaScript.load("republish");
    private static final LuaScript RESTORE_BEGIN = LuaScript.load("restore-begin");
    private static final LuaScript RESTORE_BUYERS = LuaScript.load("restore-buyers");
    private static final LuaScript RESTORE_FINISH = LuaScript.load("restore-finish");
    private static final LuaScript UNLOCK = LuaScript.load("unlock");

    private static final List<String> TRANSIENT_ERRORS = List.of("LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN");

    private final UnifiedJedis redis;
    private final RedisChangeFeed changes;

    @Inject
    public RedisStockGateway(UnifiedJedis redis, RedisChangeFeed changes) {
        this.redis = redis;
        this.changes = changes;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected RedisStockGateway() {
        this(null, null);
    }

    @Override
    public Decision decide(String saleId, String shopperId, String candidatePurchaseId, AttemptLimits limits) {
        Limit perShopper = limits.perShopper();
        Limit perAddress = limits.perAddress();
        List<String> keys = List.of(RedisKeys.meta(saleId), RedisKeys.stock(saleId), RedisKeys.buyers(saleId),
                RedisKeys.outbox(saleId), RedisKeys.shopperLimit(saleId, perShopper, shopperId),
                RedisKeys.addressLimit(saleId, perAddress, perAddress == null ? "-" : limits.clientAddress()));
        List<String> args = List.of(shopperId, candidatePurchaseId, capacity(perShopper), periodMillis(perShopper),
                capacity(perAddress), periodMillis(perAddress));
        List<?> reply = (List<?>) call(() -> PURCHASE.run(redis, keys, args));
        Outcome outcome = Outcome.valueOf((String) reply.get(0));
        if (outcome == Outcome.ADDRESS_LIMITED || outcome == Outcome.SHOPPER_LIMITED) {
            return Decision.rateLimited(outcome, Duration.ofMillis(Math.max(1, (Long) reply.get(1))));
        }
        Receipt receipt = reply.size() > 1 ? receipt(saleId, shopperId, (String) reply.get(1)) : null;
        String entryId = reply.size() > 2 && !((String) reply.get(2)).isEmpty() ? (String) reply.get(2) : null;
        if (entryId != null) {
            changes.changed(saleId); // a unit was sold just now (not an idempotent replay)
        }
        return new Decision(outcome, receipt, entryId);
    }

    private static String capacity(Limit limit) {
        return limit == null ? "0" : Long.toString(limit.capacity());
    }

    private static String periodMillis(Limit limit) {
        return limit == null ? "0" : Long.toString(limit.period().toMillis());
    }

    @Override
    public Optional<SaleState> state(String saleId) {
        List<?> r = (List<?>) call(() -> STATE.run(redis,
                List.of(RedisKeys.meta(saleId), RedisKeys.stock(saleId)), List.of()));
        if (r.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SaleState(saleId, (String) r.get(0), Integer.parseInt((String) r.get(1)),
                Long.parseLong((String) r.get(6)), millis(r.get(2)), millis(r.get(3)), millis(r.get(4)),
                "1".equals(r.get(5)), millis(r.get(7))));
    }

    @Override
    public Optional<Receipt> purchaseOf(String saleId, String shopperId) {
        String record = call(() -> redis.hget(RedisKeys.buyers(saleId), shopperId));
        return Optional.ofNullable(record).map(r -> receipt(saleId, shopperId, r));
    }

    @Override
    public void publish(Sale sale) {
        call(() -> PUBLISH.run(redis, List.of(RedisKeys.meta(sale.id()), RedisKeys.stock(sale.id())),
                List.of(sale.productName(), Integer.toString(sale.totalStock()), ms(sale.startTime()),
                        ms(sale.endTime()), ms(sale.createdAt()), sale.cancelled() ? "1" : "0")));
        call(() -> redis.sadd(RedisKeys.SALES, sale.id()));
        changes.changed(sale.id());
    }

    @Override
    public boolean republishIfNotStarted(Sale sale) {
        Object replaced = call(() -> REPUBLISH.run(redis, threeKeys(sale.id()),
                List.of(sale.productName(), Integer.toString(sale.totalStock()), ms(sale.startTime()),
                        ms(sale.endTime()))));
        boolean done = Long.valueOf(1).equals(replaced);
        if (done) {
            changes.changed(sale.id());
        }
        return done;
    }

    @Override
    public void markCancelled(String saleId) {
        call(() -> redis.hset(RedisKeys.meta(saleId), "cancelled", "1"));
        changes.changed(saleId);
    }

    /**
     * Deletes every key this application owns. On a Redis Cluster a plain SCAN walks only the node
     * it happens to reach; {@code scanIteration} walks every master in turn (one server: just it),
     * and the cluster client splits a DEL of keys from different slots per slot.
     */
    @Override
    public long forgetAll() {
        return call(() -> {
            long deleted = 0;
            for (String pattern : RedisKeys.OWNED_PATTERNS) {
                ScanIteration scan = redis.scanIteration(1000, pattern);
                while (!scan.isIterationCompleted()) {
                    List<String> keys = scan.nextBatch().getResult();
                    if (!keys.isEmpty()) {
                        deleted += redis.del(keys.toArray(String[]::new));
                    }
                }
            }
            return deleted;
        });
    }

    @Override
    public Optional<String> currentSaleId() {
        return Optional.ofNullable(call(() -> redis.get(RedisKeys.CURRENT)));
    }

    @Override
    public void setCurrentSaleId(String saleId) {
        call(() -> redis.set(RedisKeys.CURRENT, saleId));
    }

    @Override
    public void clearCurrentSaleId(String onlyIfEqualTo) {
        call(() -> onlyIfEqualTo.equals(redis.get(RedisKeys.CURRENT)) ? redis.del(RedisKeys.CURRENT) : 0L);
    }

    @Override
    public boolean tryLock(String name, String token, long ttlMillis) {
        return "OK".equals(call(() -> redis.set(RedisKeys.lock(name), token, SetParams.setParams().nx().px(ttlMillis))));
    }

    @Override
    public void unlock(String name, String token) {
        call(() -> UNLOCK.run(redis, List.of(RedisKeys.lock(name)), List.of(token)));
    }

    @Override
    public boolean beginRestore(Sale sale, long recordedPurchases) {
        call(() -> redis.sadd(RedisKeys.SALES, sale.id()));
        Object rebuild = call(() -> RESTORE_BEGIN.run(redis, threeKeys(sale.id()),
                List.of(sale.productName(), Integer.toString(sale.totalStock()), ms(sale.startTime()),
                        ms(sale.endTime()), ms(sale.createdAt()), sale.cancelled() ? "1" : "0",
                        Long.toString(recordedPurchases))));
        return Long.valueOf(1).equals(rebuild);
    }

    @Override
    public int restoreBuyers(String saleId, int totalStock, List<Receipt> receipts) {
        List<String> args = new ArrayList<>(1 + 2 * receipts.size());
        args.add(Integer.toString(totalStock));
        for (Receipt r : receipts) {
            args.add(r.userIdentifier());
            args.add(r.purchaseId() + ':' + r.purchasedAt().toEpochMilli());
        }
        return ((Long) call(() -> RESTORE_BUYERS.run(redis, threeKeys(saleId), args))).intValue();
    }

    @Override
    public void finishRestore(String saleId, int totalStock) {
        call(() -> RESTORE_FINISH.run(redis, threeKeys(saleId), List.of(Integer.toString(totalStock))));
        changes.changed(saleId);
    }

    /** Runs a Redis call, reporting an unreachable or overloaded Redis as a retryable 503. */
    static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (JedisDataException e) {
            if (isTransient(e)) {
                throw new StoreUnavailableException("The purchase service is starting or busy; try again shortly.", e);
            }
            throw e; // a bug (wrong type, script error), not a passing outage
        } catch (JedisException e) {
            throw new StoreUnavailableException("The purchase service is busy or unreachable; try again shortly.", e);
        }
    }

    /** Redis refusals that pass: loading its data, a busy script, a cluster failing over. */
    private static boolean isTransient(JedisDataException e) {
        String message = e.getMessage();
        return message != null && TRANSIENT_ERRORS.stream().anyMatch(message::startsWith);
    }

    private static Receipt receipt(String saleId, String shopperId, String record) {
        int colon = record.indexOf(':');
        return new Receipt(record.substring(0, colon), saleId, shopperId,
                Instant.ofEpochMilli(Long.parseLong(record.substring(colon + 1))));
    }

    private static List<String> threeKeys(String saleId) {
        return List.of(RedisKeys.meta(saleId), RedisKeys.stock(saleId), RedisKeys.buyers(saleId));
    }

    private static String ms(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    private static Instant millis(Object value) {
        return Instant.ofEpochMilli(Long.parseLong((String) value));
    }
}
