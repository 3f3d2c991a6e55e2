package com.flashsale.it.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Reply;
import com.flashsale.it.harness.Rush;
import com.flashsale.it.harness.ServiceClient;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.StreamPendingSummary;

/**
 * Scale-out on one machine: two Liberty servers sharing a 3-master Redis Cluster and one
 * MongoDB-compatible server. Sales spread over every master; a rush split across both instances
 * sells exactly the stock to distinct shoppers and records every receipt; a sale on one instance
 * reaches live pages of the other through Redis pub/sub; the outbox entries a killed instance had
 * taken are recorded by the survivor; losing a master makes the survivor not ready. Runs with {@code ./mvnw -Pscale verify}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleIT {

    private static final int SALES = Integer.getInteger("scale.sales", 30);
    private static final int SHOPPERS = Integer.getInteger("scale.rush.shoppers", 1500);
    private static final int STOCK = Integer.getInteger("scale.rush.stock", 500);
    private static final int WORKERS = Integer.getInteger("scale.rush.workers", 32);
    private static final Duration FAN_OUT_BOUND = Duration.ofMillis(Long.getLong("scale.fanout.bound-ms", 1000));

    private static Fleet fleet;
    private static MongoClient mongo;
    private static RedisClusterClient redis;

    @BeforeAll
    static void startFleet() {
        fleet = new Fleet();
        try {
            fleet.start();
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        mongo = fleet.mongo.client(5000);
        redis = fleet.redis.client();
    }

    @AfterAll
    static void stopFleet() {
        if (redis != null) {
            redis.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void salesSpreadOverEveryMasterAndResetScansThemAll() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SALES; i++) {
            ids.add(fleet.instances.get(i % 2).createSale("Spread " + i, 5, Instant.now().minusSeconds(5),
                    Instant.now().plus(Duration.ofHours(1))));
        }
        Map<Integer, Integer> salesPerMaster = new HashMap<>();
        for (int m = 0; m < fleet.redis.size(); m++) {
            try (UnifiedJedis master = fleet.redis.master(m)) {
                // a master's own SCAN sees only its slots (a key command elsewhere would answer MOVED)
                Set<String> local = new HashSet<>(master.scan("0", new ScanParams().match("{sale:*}:*").count(100_000)).getResult());
                int held = 0;
                for (String id : ids) {
                    // all four keys of a sale share its hash tag: one slot, one master
                    if (local.contains("{sale:" + id + "}:meta") && local.contains("{sale:" + id + "}:stock")) {
                        held++;
                    }
                }
                salesPerMaster.put(m, held);
            }
        }
        log("sales per master (of " + SALES + "): " + salesPerMaster);
        assertEquals(SALES, salesPerMaster.values().stream().mapToInt(Integer::intValue).sum(), "each sale on one master");
        salesPerMaster.forEach((m, held) -> assertTrue(held > 0, "master " + m + " holds no sale: " + salesPerMaster));

        // Every master forgets its scripts: EVALSHA answers NOSCRIPT and the script is loaded on the key's node.
        for (int m = 0; m < fleet.redis.size(); m++) {
            try (UnifiedJedis master = fleet.redis.master(m)) {
                master.sendCommand(Protocol.Command.SCRIPT, "FLUSH");
            }
        }
        for (String id : ids) {
            assertEquals(201, fleet.a().purchase(id, "script-reload@example.com").status(), "purchase after SCRIPT FLUSH");
        }

        JsonObject reset = fleet.b().postAsAdmin("/api/admin/reset-redis").json();
        assertTrue(reset.getBoolean("success"), reset::toString);
        for (int m = 0; m < fleet.redis.size(); m++) {
            try (UnifiedJedis master = fleet.redis.master(m)) {
                ScanResult<String> left = master.scan("0", new ScanParams().match("*sale:*").count(10_000));
                assertEquals(List.of(), left.getResult(), "master " + m + " still holds sale keys after the reset");
            }
        }
        // The state comes back from MongoDB on the next request, on whichever instance it lands.
        String first = ids.get(0);
        assertEquals(4, fleet.b().get("/api/v1/sales/" + first).json().getInt("stockRemaining"));
        assertEquals(409, fleet.b().purchase(first, "script-reload@example.com").status(), "still bought once");
    }

    @Test
    @Order(2)
    void aSaleOnOneInstanceReachesLivePagesOfTheOther() throws Exception {
        String sale = fleet.a().createSale("Fan-out", 10, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)));
        List<Long> millis = new ArrayList<>();
        try (SaleEvents onA = SaleEvents.open(fleet.a(), sale); SaleEvents onB = SaleEvents.open(fleet.b(), sale)) {
            assertEquals(10, onA.next(Duration.ofSeconds(10)).stockRemaining(), "first event: the current state");
            assertEquals(10, onB.next(Duration.ofSeconds(10)).stockRemaining(), "first event: the current state");
            for (int i = 1; i <= 6; i++) {
                boolean onFirst = i % 2 == 1;
                ServiceClient seller = onFirst ? fleet.a() : fleet.b();
                SaleEvents watcher = onFirst ? onB : onA;
                long sent = System.nanoTime();
                assertEquals(201, seller.purchase(sale, "fan-" + i + "@example.com").status());
                SaleEvents.Update u = watcher.awaitStockAtMost(10 - i, Duration.ofSeconds(15));
                assertNotNull(u, "the other instance's page never saw unit " + i + " sold");
                long ms = (u.arrivedNanos() - sent) / 1_000_000;
                millis.add(ms);
                // the instances read all watched sales only every 5 s: this bound holds only through pub/sub
                assertTrue(ms <= FAN_OUT_BOUND.toMillis(), "unit " + i + " sold on " + seller.name()
                        + " reached the other instance's page after " + ms + " ms");
            }
        }
        log("fan-out: purchase answered on one instance -> sale event on the other's stream, ms: " + millis);
    }

    @Test
    @Order(3)
    void aRushSplitAcrossBothInstancesSellsExactlyTheStock() throws Exception {
        // Warm both JVMs up the same way first, so neither rush below pays for the JIT alone.
        String warm = fleet.a().createSale("Warm-up", 100_000, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)));
        Rush.on(fleet.instances, warm, "warm-", 1000).attemptsEach(2).workers(WORKERS).run();

        String single = fleet.a().createSale("Rush on one", STOCK, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)));
        Rush one = Rush.on(fleet.a(), single, "one-", SHOPPERS).attemptsEach(2).workers(WORKERS).run();
        String split = fleet.a().createSale("Rush on two", STOCK, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)));
        Rush two = Rush.on(fleet.instances, split, "two-", SHOPPERS).attemptsEach(2).workers(WORKERS).run();

        String line = String.format("rush %d shoppers x 2 attempts, stock %d, %d client threads: one instance %.0f attempts/s"
                        + " (%.2f s), two instances %.0f attempts/s (%.2f s), ratio %.2f, load average %.1f",
                SHOPPERS, STOCK, WORKERS, one.attemptsPerSecond(), one.seconds(), two.attemptsPerSecond(), two.seconds(),
                two.attemptsPerSecond() / one.attemptsPerSecond(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        log(line);
        record(line);
        assertRushHeld(single, one);
        assertRushHeld(split, two);
    }

    @Test
    @Order(4)
    void outboxEntriesOfAKilledInstanceAreRecordedByTheOther() throws Exception {
        int stock = 40;
        String sale = fleet.a().createSale("Outbox", stock, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)));
        String consumerOfA = fleet.servers.get(0).pid() + "@";
        String outbox = "{sale:" + sale + "}:outbox";
        fleet.mongo.pause(); // purchases are decided, but stay in the outbox; persisters take entries and hang
        Set<String> receipts = new HashSet<>();
        try {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<java.util.concurrent.Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < stock; i++) {
                ServiceClient seller = fleet.instances.get(i % 2);
                String shopper = "outbox-" + i + "@example.com";
                replies.add(pool.submit(() -> seller.purchase(sale, shopper)));
            }
            for (var reply : replies) {
                Reply r = reply.get(2, TimeUnit.MINUTES);
                assertEquals(201, r.status(), r::toString);
                receipts.add(r.json().getString("purchaseId"));
            }
            pool.shutdown();
            awaitTrue(Duration.ofSeconds(60), "instance A's persister to hold pending entries",
                    () -> pendingOf(outbox, consumerOfA) > 0);
            long heldByA = pendingOf(outbox, consumerOfA);
            log("killing " + fleet.a().name() + " with " + heldByA + " outbox entries taken but not recorded");
            fleet.servers.get(0).kill();
        } finally {
            fleet.mongo.resume();
        }
        MongoCollection<Document> purchases = mongo.getDatabase("flashsale").getCollection("purchases");
        awaitTrue(Duration.ofSeconds(90), "every purchase recorded and the outbox empty",
                () -> purchases.countDocuments(Filters.eq("saleId", sale)) == stock && redis.xlen(outbox) == 0
                        && redis.xpending(outbox, "persisters").getTotal() == 0);
        Set<String> recorded = new HashSet<>();
        Set<String> shoppers = new HashSet<>();
        purchases.find(Filters.eq("saleId", sale)).forEach(d -> {
            recorded.add(d.get("_id").toString());
            shoppers.add(d.getString("userIdentifier"));
        });
        assertEquals(stock, shoppers.size(), "one record per shopper");
        assertEquals(stock, receipts.size(), "one receipt per shopper");
        assertEquals(receipts, recorded, "the records are the receipts");
        JsonObject audit = fleet.b().getAsAdmin("/api/v1/admin/sales/" + sale + "/audit").json();
        assertTrue(audit.getBoolean("consistent"), audit::toString);
        assertEquals(stock, audit.getInt("recordedPurchases"), audit::toString);
    }

    @Test
    @Order(5)
    void readinessGoesDownWhileAMasterIsLost() throws Exception {
        assertEquals(200, fleet.b().get("/health/ready").status());
        fleet.redis.kill(2);
        // the cluster client sends PING to every master: one lost master makes the instance not ready
        awaitTrue(Duration.ofSeconds(30), "readiness DOWN with a master lost",
                () -> fleet.b().get("/health/ready").status() == 503);
        assertEquals(200, fleet.b().get("/health/live").status(), "alive: a restart would not help");
    }

    private static void assertRushHeld(String sale, Rush r) throws InterruptedException {
        assertEquals(List.of(), r.unexpected().stream().limit(5).toList(), r.unexpected().size() + " unexpected answers");
        assertEquals(List.of(), r.contradictions(), "no shopper got two receipts");
        assertEquals(STOCK, r.owned().size(), "exactly the stock was sold");
        assertEquals(STOCK, new HashSet<>(r.owned().values()).size(), "purchase ids are unique");
        assertEquals("0", redis.get("{sale:" + sale + "}:stock"));
        assertEquals(STOCK, redis.hlen("{sale:" + sale + "}:buyers"));
        MongoCollection<Document> purchases = mongo.getDatabase("flashsale").getCollection("purchases");
        awaitTrue(Duration.ofSeconds(60), "MongoDB to hold every receipt",
                () -> purchases.countDocuments(Filters.eq("saleId", sale)) == STOCK);
        Map<String, String> recorded = new HashMap<>();
        purchases.find(Filters.eq("saleId", sale)).forEach(d -> recorded.put(d.getString("userIdentifier"),
                d.get("_id").toString())); // the purchase id is the document id
        assertEquals(r.owned(), recorded, "MongoDB records are exactly the receipts");
        for (ServiceClient instance : fleet.instances) {
            JsonObject audit = instance.getAsAdmin("/api/v1/admin/sales/" + sale + "/audit").json();
            assertTrue(audit.getBoolean("consistent"), () -> instance.name() + ": " + audit);
            assertEquals(0, audit.getInt("stockRemaining"), audit::toString);
        }
    }

    private static long pendingOf(String stream, String consumerPrefix) {
        StreamPendingSummary summary = redis.xpending(stream, "persisters");
        if (summary.getConsumerMessageCount() == null) {
            return 0;
        }
        return summary.getConsumerMessageCount().entrySet().stream().filter(e -> e.getKey().startsWith(consumerPrefix))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static void awaitTrue(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static void log(String line) {
        System.out.println("ScaleIT: " + line);
    }

    /** Keeps the measured numbers next to the build output, for docs/scaling.md. */
    private static void record(String line) {
        try {
            Files.createDirectories(Fleet.DIR);
            Files.writeString(Fleet.DIR.resolve("measurements.txt"), Instant.now() + " " + line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log("could not write measurements: " + e);
        }
    }
}
