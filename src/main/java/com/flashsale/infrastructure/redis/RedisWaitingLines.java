package com.flashsale.infrastructure.redis;

import static com.flashsale.infrastructure.redis.RedisCalls.call;

import com.flashsale.infrastructure.metrics.StoreCall;
import com.flashsale.queue.QueueCounters;
import com.flashsale.queue.Standing;
import com.flashsale.queue.WaitingLines;
import com.flashsale.ratelimit.AttemptLimits;
import com.flashsale.ratelimit.Limit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;

/**
 * Waiting rooms on Redis, every key under the sale's hash tag (one cluster slot): the line is a
 * sorted set of shoppers by place (join and position O(log N)), admissions a hash with their expiry
 * in a sorted set, the counters and the admission pace a hash. Each step is one script.
 */
@ApplicationScoped
@StoreCall("redis")
public class RedisWaitingLines implements WaitingLines {

    private static final LuaScript JOIN = LuaScript.load("queue-standing", "token-bucket", "queue-join");
    private static final LuaScript TICKET = LuaScript.load("queue-standing", "queue-ticket");
    private static final LuaScript ADMIT = LuaScript.load("queue-admit");
    private static final LuaScript STATS = LuaScript.load("queue-stats");

    private final UnifiedJedis redis;

    @Inject
    public RedisWaitingLines(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected RedisWaitingLines() {
        this(null);
    }

    @Override
    public JoinResult join(String saleId, String shopperId, long randomPlace, long opensBeforeMillis,
                           AttemptLimits limits) {
        Limit perAddress = limits.perAddress();
        List<String> keys = new ArrayList<>(standingKeys(saleId));
        keys.add(RedisKeys.addressLimit(saleId, perAddress, perAddress == null ? "-" : limits.clientAddress()));
        return result((List<?>) call(() -> JOIN.run(redis, keys,
                List.of(shopperId, Long.toString(randomPlace), Long.toString(opensBeforeMillis),
                        perAddress == null ? "0" : Long.toString(perAddress.capacity()),
                        perAddress == null ? "0" : Long.toString(perAddress.period().toMillis())))));
    }

    @Override
    public JoinResult standing(String saleId, String shopperId) {
        return result((List<?>) call(() -> TICKET.run(redis, standingKeys(saleId), List.of(shopperId))));
    }

    @Override
    public AdmissionStep admit(String saleId, int maxPerStep, long maxBacklogMillis) {
        List<?> r = (List<?>) call(() -> ADMIT.run(redis,
                List.of(RedisKeys.meta(saleId), RedisKeys.stock(saleId), RedisKeys.line(saleId),
                        RedisKeys.admitted(saleId), RedisKeys.admissionExpiry(saleId), RedisKeys.queueStats(saleId)),
                List.of(Integer.toString(maxPerStep), Long.toString(maxBacklogMillis))));
        String closed = (String) r.get(5);
        return new AdmissionStep(num(r.get(0)) >= 0, (int) num(r.get(1)), (int) num(r.get(2)), num(r.get(3)),
                num(r.get(4)), closed.isEmpty() ? null : Standing.State.valueOf(closed));
    }

    @Override
    public Set<String> salesWithWaitingRooms() {
        return call(() -> redis.smembers(RedisKeys.QUEUES));
    }

    @Override
    public void forget(String saleId) {
        call(() -> redis.srem(RedisKeys.QUEUES, saleId));
    }

    @Override
    public QueueCounters counters(String saleId) {
        List<?> r = (List<?>) call(() -> STATS.run(redis,
                List.of(RedisKeys.line(saleId), RedisKeys.admitted(saleId), RedisKeys.queueStats(saleId)), List.of()));
        return new QueueCounters(num(r.get(0)), num(r.get(1)), num(r.get(2)), num(r.get(3)), num(r.get(4)),
                num(r.get(5)));
    }

    @Override
    public boolean setAdmission(String saleId, int ratePerSecond, boolean paused) {
        String meta = RedisKeys.meta(saleId);
        if (call(() -> redis.hget(meta, "q_rate")) == null) {
            return false;
        }
        call(() -> redis.hset(meta, Map.of("q_rate", Integer.toString(ratePerSecond),
                "q_paused", paused ? "1" : "0")));
        call(() -> redis.sadd(RedisKeys.QUEUES, saleId));
        return true;
    }

    private static List<String> standingKeys(String saleId) {
        return List.of(RedisKeys.meta(saleId), RedisKeys.stock(saleId), RedisKeys.buyers(saleId),
                RedisKeys.line(saleId), RedisKeys.admitted(saleId), RedisKeys.queueStats(saleId),
                RedisKeys.admissionExpiry(saleId));
    }

    private static JoinResult result(List<?> r) {
        String code = (String) r.get(0);
        switch (code) {
            case "NO_STATE":
                return new JoinResult(Refusal.NO_STATE, null, null);
            case "NO_WAITING_ROOM":
                return new JoinResult(Refusal.NO_WAITING_ROOM, null, null);
            case "NOT_OPEN":
                return new JoinResult(Refusal.NOT_OPEN, null, Instant.ofEpochMilli(num(r.get(1))));
            case "ADDRESS_LIMITED":
                return JoinResult.limited(Duration.ofMillis(Math.max(1, num(r.get(1)))));
            default:
                return new JoinResult(null, new Standing(Standing.State.valueOf(code), Instant.ofEpochMilli(num(r.get(1))),
                        Instant.ofEpochMilli(num(r.get(2))), Instant.ofEpochMilli(num(r.get(3))), (int) num(r.get(4)),
                        "1".equals(r.get(5)), "1".equals(r.get(6)), num(r.get(7)), num(r.get(8)), num(r.get(9)),
                        (String) r.get(10)), null);
        }
    }

    private static long num(Object value) {
        return value instanceof Long l ? l : Long.parseLong((String) value);
    }
}
