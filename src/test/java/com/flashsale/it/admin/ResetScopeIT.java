package com.flashsale.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.flashsale.it.harness.Api;
import com.flashsale.it.harness.Reply;
import com.flashsale.it.harness.Stores;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.UnifiedJedis;

/**
 * The resets delete this application's data and nothing else: Redis keys of another application
 * (some of them near misses of our key names) and MongoDB collections and databases beside ours
 * survive every reset.
 */
class ResetScopeIT {

    private static final String MONGO_URI = System.getProperty("flashsale.it.mongoUri", "mongodb://127.0.0.1:27018");
    private static final List<String> FOREIGN_KEYS = List.of("sale:1:stock", "other-app:{sale:1}:meta", "flashsales",
            "flashsale", "{sale:1}", "cart:{sale:1}:buyers");

    @ParameterizedTest
    @ValueSource(strings = {"/api/admin/reset-all", "/api/admin/reset-redis", "/api/admin/reset-database"})
    void aResetLeavesOtherApplicationsDataAlone(String reset) {
        String sale = Api.createSale("Ours", 3, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)));
        assertEquals(201, Api.post("/api/v1/sales/" + sale + "/purchases", Api.purchaseJson("ours-" + sale)).status());
        try (UnifiedJedis redis = Stores.redis(); MongoClient mongo = MongoClients.create(MONGO_URI)) {
            FOREIGN_KEYS.forEach(k -> redis.set(k, "not yours"));
            mongo.getDatabase("flashsale").getCollection("other_app_orders").insertOne(new Document("order", 1));
            mongo.getDatabase("other_app").getCollection("orders").insertOne(new Document("order", 2));

            Reply r = Api.postAsAdmin(reset, "");
            assertEquals(200, r.status(), r.toString());

            for (String key : FOREIGN_KEYS) {
                assertEquals("not yours", redis.get(key), key + " was deleted by " + reset);
            }
            assertEquals(1, mongo.getDatabase("flashsale").getCollection("other_app_orders").countDocuments());
            assertEquals(1, mongo.getDatabase("other_app").getCollection("orders").countDocuments());
            if (!reset.endsWith("reset-database")) {
                assertFalse(redis.exists("{sale:" + sale + "}:buyers"), "our key survived " + reset);
            }
            if (!reset.endsWith("reset-redis")) {
                assertEquals(404, Api.get("/api/v1/sales/" + sale).status(), "our sale survived " + reset);
            }
        } finally {
            try (UnifiedJedis redis = Stores.redis(); MongoClient mongo = MongoClients.create(MONGO_URI)) {
                redis.del(FOREIGN_KEYS.toArray(String[]::new));
                mongo.getDatabase("flashsale").getCollection("other_app_orders").drop();
                mongo.getDatabase("other_app").drop();
            }
        }
    }
}
