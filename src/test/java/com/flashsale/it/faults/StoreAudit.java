package com.flashsale.it.faults;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the two stores hold for one sale, read directly (not through the service): the Redis
 * stock, buyers hash and outbox length, and every MongoDB purchase record.
 */
record StoreAudit(String saleId, long stock, Map<String, String> buyers, long outboxLength,
                  List<Document> records) {

    static StoreAudit read(FaultEnvironment env, String saleId) {
        try (UnifiedJedis redis = env.redis.client(); MongoClient mongo = env.mongo.client(2000)) {
            String tag = "{sale:" + saleId + "}:";
            String stock = redis.get(tag + "stock");
            Map<String, String> buyers = new HashMap<>();
            redis.hgetAll(tag + "buyers").forEach((shopper, record) -> buyers.put(shopper, record.substring(0, record.indexOf(':'))));
            long outbox = redis.exists(tag + "outbox") ? redis.xlen(tag + "outbox") : 0;
            List<Document> records = mongo.getDatabase("flashsale").getCollection("purchases")
                    .find(Filters.eq("saleId", saleId)).into(new ArrayList<>());
            return new StoreAudit(saleId, stock == null ? -1 : Long.parseLong(stock), buyers, outbox, records);
        }
    }

    /** Shopper to purchase id as recorded in MongoDB (the last one wins if a shopper had two). */
    Map<String, String> recordedByShopper() {
        Map<String, String> byShopper = new HashMap<>();
        records.forEach(d -> byShopper.put(d.getString("userIdentifier"), d.getString("_id")));
        return byShopper;
    }

    /** How many records each purchase id has. */
    Map<String, Integer> recordsPerPurchaseId() {
        Map<String, Integer> counts = new HashMap<>();
        records.forEach(d -> counts.merge(d.getString("_id"), 1, Integer::sum));
        return counts;
    }

    /** Records beyond one per shopper. */
    long shoppersHoldingTwo() {
        return records.size() - recordedByShopper().size();
    }
}
