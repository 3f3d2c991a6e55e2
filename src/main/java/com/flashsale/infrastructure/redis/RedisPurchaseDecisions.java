package com.flashsale.infrastructure.redis;

import static com.flashsale.infrastructure.redis.RedisCalls.call;

import com.flashsale.infrastructure.metrics.StoreCall;
import com.flashsale.purchase.Decision;
import com.flashsale.purchase.Decision.Outcome;
import com.flashsale.purchase.PurchaseDecisions;
import com.flashsale.purchase.Receipt;
import com.flashsale.admission.Admission;
import com.flashsale.ratelimit.AttemptLimits;
import com.flashsale.ratelimit.Limit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/** The purchase path on Redis: every decision is one EVALSHA of {@code purchase.lua}. */
@ApplicationScoped
@StoreCall("redis")
public class RedisPurchaseDecisions implements PurchaseDecisions {

    private static final LuaScript PURCHASE = LuaScript.load("token-bucket", "purchase");

    private final UnifiedJedis redis;
    private final RedisChangeFeed changes;

    @Inject
    public RedisPurchaseDecisions(UnifiedJedis redis, RedisChangeFeed changes) {
        this.redis = redis;
        this.changes = changes;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected RedisPurchaseDecisions() {
        this(null, null);
    }

    @Override
    public Decision decide(String saleId, String shopperId, String candidatePurchaseId, AttemptLimits limits,
                           Admission admission) {
        Limit perShopper = limits.perShopper();
        Limit perAddress = limits.perAddress();
        List<String> keys = List.of(RedisKeys.meta(saleId), RedisKeys.stock(saleId), RedisKeys.buyers(saleId),
                RedisKeys.outbox(saleId), RedisKeys.shopperLimit(saleId, perShopper, shopperId),
                RedisKeys.addressLimit(saleId, perAddress, perAddress == null ? "-" : limits.clientAddress()),
                RedisKeys.admitted(saleId));
        List<String> args = List.of(shopperId, candidatePurchaseId, capacity(perShopper), periodMillis(perShopper),
                capacity(perAddress), periodMillis(perAddress), admission.grant(),
                Long.toString(admission.expiresAtMillis()));
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

    @Override
    public Optional<Receipt> purchaseOf(String saleId, String shopperId) {
        String record = call(() -> redis.hget(RedisKeys.buyers(saleId), shopperId));
        return Optional.ofNullable(record).map(r -> receipt(saleId, shopperId, r));
    }

    private static String capacity(Limit limit) {
        return limit == null ? "0" : Long.toString(limit.capacity());
    }

    private static String periodMillis(Limit limit) {
        return limit == null ? "0" : Long.toString(limit.period().toMillis());
    }

    /** A buyer's record in the sale's buyers hash: {@code <purchaseId>:<epoch millis>}. */
    private static Receipt receipt(String saleId, String shopperId, String record) {
        int colon = record.indexOf(':');
        return new Receipt(record.substring(0, colon), saleId, shopperId,
                Instant.ofEpochMilli(Long.parseLong(record.substring(colon + 1))));
    }
}
