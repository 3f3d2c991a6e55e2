package com.flashsale.infrastructure.redis;

import static com.flashsale.infrastructure.redis.RedisCalls.call;

import com.flashsale.infrastructure.metrics.StoreCall;
import com.flashsale.purchase.Receipt;
import com.flashsale.purchase.SaleStateRestore;
import com.flashsale.sale.Sale;
import com.flashsale.sale.SaleState;
import com.flashsale.sale.SaleStates;
import com.flashsale.sale.WaitingRoom;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * A sale's live state on Redis: its metadata hash, stock counter and buyers hash, written by the
 * sale's lifecycle (publish, edit, cancel) and by a restore from the durable record. One class for
 * both ports because both write the same three keys in the same encoding, each step one script.
 */
@ApplicationScoped
@StoreCall("redis")
public class RedisSaleStates implements SaleStates, SaleStateRestore {

    private static final LuaScript STATE = LuaScript.load("state");
    private static final LuaScript PUBLISH = LuaScript.load("waiting-room", "publish");
    private static final LuaScript REPUBLISH = LuaScript.load("waiting-room", "republish");
    private static final LuaScript RESTORE_BEGIN = LuaScript.load("waiting-room", "restore-begin");
    private static final LuaScript RESTORE_BUYERS = LuaScript.load("restore-buyers");
    private static final LuaScript RESTORE_FINISH = LuaScript.load("restore-finish");

    private final UnifiedJedis redis;
    private final RedisChangeFeed changes;

    @Inject
    public RedisSaleStates(UnifiedJedis redis, RedisChangeFeed changes) {
        this.redis = redis;
        this.changes = changes;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected RedisSaleStates() {
        this(null, null);
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
                "1".equals(r.get(5)), millis(r.get(7)), waitingRoom(r)));
    }

    /** The waiting room from {@code state.lua}'s reply (fields 8 to 11, '' when none). */
    private static WaitingRoom waitingRoom(List<?> r) {
        String rate = (String) r.get(8);
        return rate.isEmpty() ? null : new WaitingRoom(Integer.parseInt(rate), Integer.parseInt((String) r.get(9)),
                "1".equals(r.get(10)), "1".equals(r.get(11)));
    }

    /** The waiting room as the state-writing scripts take it (waiting-room.lua). */
    private static List<String> waitingRoomArgs(WaitingRoom room) {
        return room == null ? List.of("", "", "", "")
                : List.of(Integer.toString(room.admissionRatePerSecond()),
                        Integer.toString(room.admissionValiditySeconds()),
                        room.shuffleEarlyArrivals() ? "1" : "0", room.paused() ? "1" : "0");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    private void trackWaitingRoom(Sale sale) {
        if (sale.hasWaitingRoom()) {
            call(() -> redis.sadd(RedisKeys.QUEUES, sale.id()));
        }
    }

    @Override
    public void publish(Sale sale) {
        call(() -> PUBLISH.run(redis, List.of(RedisKeys.meta(sale.id()), RedisKeys.stock(sale.id())),
                concat(List.of(sale.productName(), Integer.toString(sale.totalStock()), ms(sale.startTime()),
                        ms(sale.endTime()), ms(sale.createdAt()), sale.cancelled() ? "1" : "0"),
                        waitingRoomArgs(sale.waitingRoom()))));
        call(() -> redis.sadd(RedisKeys.SALES, sale.id()));
        trackWaitingRoom(sale);
        changes.changed(sale.id());
    }

    @Override
    public boolean republishIfNotStarted(Sale sale) {
        Object replaced = call(() -> REPUBLISH.run(redis, threeKeys(sale.id()),
                concat(List.of(sale.productName(), Integer.toString(sale.totalStock()), ms(sale.startTime()),
                        ms(sale.endTime())), waitingRoomArgs(sale.waitingRoom()))));
        boolean done = Long.valueOf(1).equals(replaced);
        if (done) {
            trackWaitingRoom(sale);
            changes.changed(sale.id());
        }
        return done;
    }

    @Override
    public void markCancelled(String saleId) {
        call(() -> redis.hset(RedisKeys.meta(saleId), "cancelled", "1"));
        changes.changed(saleId);
    }

    @Override
    public boolean beginRestore(Sale sale, long recordedPurchases) {
        call(() -> redis.sadd(RedisKeys.SALES, sale.id()));
        Object rebuild = call(() -> RESTORE_BEGIN.run(redis, threeKeys(sale.id()),
                concat(List.of(sale.productName(), Integer.toString(sale.totalStock()), ms(sale.startTime()),
                        ms(sale.endTime()), ms(sale.createdAt()), sale.cancelled() ? "1" : "0",
                        Long.toString(recordedPurchases)), waitingRoomArgs(sale.waitingRoom()))));
        trackWaitingRoom(sale);
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
