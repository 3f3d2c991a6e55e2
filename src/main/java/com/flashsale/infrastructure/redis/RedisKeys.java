package com.flashsale.infrastructure.redis;

import java.util.List;

/**
 * The key layout. All keys of one sale share the hash tag {@code {sale:<id>}}, so they live
 * in one cluster slot and one script can touch them all.
 */
final class RedisKeys {

    /** Ids of sales with state in this store; the outbox persister walks it. */
    static final String SALES = "flashsale:sales";
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

    static String lock(String name) {
        return "flashsale:lock:" + name;
    }

    /** meta, stock, buyers, outbox: the keys of the purchase script. */
    static List<String> all(String saleId) {
        return List.of(meta(saleId), stock(saleId), buyers(saleId), outbox(saleId));
    }
}
