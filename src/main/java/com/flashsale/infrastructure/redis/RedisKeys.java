package com.flashsale.infrastructure.redis;

import com.flashsale.ratelimit.Limit;
import java.util.List;

/**
 * The key layout. All keys of one sale share the hash tag {@code {sale:<id>}}, so they live
 * in one cluster slot and one script can touch them all.
 */
final class RedisKeys {

    /** Ids of sales with state in this store; the outbox persister walks it. */
    static final String SALES = "flashsale:sales";
    /** Ids of sales with a waiting room; every instance's admitter walks it. */
    static final String QUEUES = "flashsale:queues";
    /** The seed-compatible API's "current sale". */
    static final String CURRENT = "flashsale:current";
    /** Patterns of every key this application owns (reset deletes only these). */
    static final List<String> OWNED_PATTERNS = List.of("{sale:*}:*", "flashsale:*");

    private RedisKeys() {
    }

    static String meta(String saleId) {
        return "{sale:" + saleId + "}:meta";
    }

    static String stock(String saleId) {
        return "{sale:" + saleId + "}:stock";
    }

    static String buyers(String saleId) {
        return "{sale:" + saleId + "}:buyers";
    }

    static String outbox(String saleId) {
        return "{sale:" + saleId + "}:outbox";
    }

    /** The waiting line: a sorted set of shoppers by place (early arrivals: random; later: arrival). */
    static String line(String saleId) {
        return "{sale:" + saleId + "}:q:line";
    }

    /** Admitted shoppers: hash shopper -> {@code <admission number>:<expires at ms>}. */
    static String admitted(String saleId) {
        return "{sale:" + saleId + "}:q:admitted";
    }

    /** The admitted shoppers by expiry (sorted set), swept by the admitter. */
    static String admissionExpiry(String saleId) {
        return "{sale:" + saleId + "}:q:expiry";
    }

    /** The waiting room's counters: joins, admissions, expiries, and the admission pace. */
    static String queueStats(String saleId) {
        return "{sale:" + saleId + "}:q:stats";
    }

    /**
     * A shopper's rate-limit bucket in a sale, next to the sale's keys so the purchase script takes
     * it in the same step; the rule is part of the key, so a changed limit starts on fresh buckets.
     * With the limit off the script never touches it.
     */
    static String shopperLimit(String saleId, Limit limit, String shopperId) {
        return "{sale:" + saleId + "}:limit:shopper:" + (limit == null ? "off" : limit.fingerprint()) + ':' + shopperId;
    }

    /** A client address's rate-limit bucket in a sale; like {@link #shopperLimit}. */
    static String addressLimit(String saleId, Limit limit, String address) {
        return "{sale:" + saleId + "}:limit:address:" + (limit == null ? "off" : limit.fingerprint()) + ':' + address;
    }

    static String lock(String name) {
        return "flashsale:lock:" + name;
    }

}
