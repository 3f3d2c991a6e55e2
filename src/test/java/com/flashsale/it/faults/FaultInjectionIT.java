package com.flashsale.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.flashsale.it.harness.Rush;
import com.flashsale.it.harness.Rush.Attempt;
import com.flashsale.it.harness.ServiceClient;
import com.flashsale.it.process.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults injected mid-rush into a real redis-server, the MongoDB-compatible server and Liberty,
 * each a process of its own (docs/reliability.md). After each fault the suite waits for recovery
 * and checks every promise: each 201 recorded exactly once, nobody holding two units, nothing
 * oversold, Redis and MongoDB agreeing; plus what the service must do during the fault.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT {

    private static final Duration FAULT_AT = Duration.ofSeconds(3);
    private static final Duration REDIS_KILL_DOWN = Duration.ofSeconds(2);
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(90);
    /** How much older the restored Redis is than the one killed. */
    private static final Duration ROLLBACK_LAG = Duration.ofMillis(1500);

    private static FaultSettings settings;
    private static FaultEnvironment env;
    private static ServiceClient client;
    private static volatile String currentSale;

    @BeforeAll
    static void startProcesses() {
        settings = FaultSettings.fromSystemProperties();
        env = FaultEnvironment.start(settings);
        client = new ServiceClient("faults", env.liberty.baseUrl(), () -> env.adminPassword, settings.clientTimeout(),
                Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopProcesses() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    @Order(1)
    void redisKilledMidRushRestartsFromItsAppendOnlyFileWithEveryPurchase() throws Exception {
        assumeTrue(settings.runs("redis-kill"));
        Map<String, String> restored = new ConcurrentHashMap<>();
        ScenarioRun run = rush("redis-kill", () -> env.redis.kill(), REDIS_KILL_DOWN, () -> {
            env.redis.start();
            restored.putAll(StoreAudit.read(env, currentSale).buyers()); // before any reconciliation could add to it
        });
        run.assertPromisesKept();
        run.assertRedisOutageAnswered();
        // The append-only file alone (not MongoDB, not a rebuild) brought back every purchase answered
        // before the kill: Redis writes the AOF buffer to the file before it replies (docs/reliability.md).
        Map<String, String> answeredBeforeKill = run.attempts().stream()
                .filter(a -> a.status() == 201 && a.endNanos() < run.faultStart())
                .collect(Collectors.toMap(Attempt::shopper, Attempt::purchaseId, (a, b) -> a));
        assertTrue(answeredBeforeKill.size() > 0, "purchases were answered before the kill");
        assertEquals(List.of(), answeredBeforeKill.entrySet().stream()
                .filter(e -> !e.getValue().equals(restored.get(e.getKey()))).map(Map.Entry::toString).limit(5).toList(),
                "every purchase answered before the kill is in Redis right after its restart from the AOF");
        System.out.println("[faults] redis-kill: " + answeredBeforeKill.size() + " purchases answered before the kill, all "
                + "in the restarted Redis (" + restored.size() + " buyers right after the restart)");
    }

    @Test
    @Order(2)
    void redisPausedMidRushAnswers503WithinTheTimeoutsAndLosesNothing() throws Exception {
        assumeTrue(settings.runs("redis-pause"));
        ScenarioRun run = rush("redis-pause", () -> env.redis.pause(), settings.fault(), () -> env.redis.resume());
        run.assertPromisesKept();
        run.assertRedisOutageAnswered();
    }

    @Test
    @Order(3)
    void mongoPausedMidRushKeepsSellingWithBoundedLatency() throws Exception {
        assumeTrue(settings.runs("mongo-pause"));
        ScenarioRun run = rush("mongo-pause", () -> env.mongo.pause(), settings.fault(), () -> env.mongo.resume());
        run.assertPromisesKept();
        List<Attempt> during = run.startedDuringFault();
        assertTrue(during.stream().anyMatch(a -> a.status() == 201), "purchases succeed while MongoDB is paused");
        assertEquals(List.of(), during.stream().filter(a -> a.status() >= 500 || a.failure() != null)
                .limit(5).toList(), "no purchase fails while only MongoDB is paused");
        assertTrue(run.maxLatencyDuringFault().compareTo(settings.mongoStallBound()) <= 0,
                "max latency " + run.maxLatencyDuringFault().toMillis() + " ms within " + settings.mongoStallBound());
    }

    @Test
    @Order(4)
    void libertyKilledMidRushLosesNothingAfterRestart() throws Exception {
        assumeTrue(settings.runs("liberty-kill"));
        ScenarioRun run = rush("liberty-kill", () -> env.liberty.kill(), Duration.ZERO, () -> env.liberty.start());
        run.assertPromisesKept();
    }

    @Test
    @Order(5)
    void redisBackWithOlderStateSellsNoUnitTwiceAndLosesNothingRecorded() throws Exception {
        assumeTrue(settings.runs("redis-rollback"));
        // Redis comes back older than what it acknowledged, as after a failover to a lagging replica or
        // an OS crash under everysec: a copy of its folder taken mid-rush, restored after a kill -9.
        Path copy = settings.dir().resolve("redis-older");
        ScenarioRun run = rush("redis-rollback", () -> {
            Processes.deleteTree(copy);
            Processes.copyTree(env.redis.dataDir(), copy);
            Processes.sleep(ROLLBACK_LAG);
            env.redis.kill();
            Processes.deleteTree(env.redis.dataDir());
            Processes.copyTree(copy, env.redis.dataDir());
        }, Duration.ZERO, () -> env.redis.start());
        run.assertPromisesKept();
    }

    /** Runs one rush with the fault injected {@link #FAULT_AT} into it, held for {@code down}, then lifted. */
    private static ScenarioRun rush(String scenario, Runnable inject, Duration down, Runnable lift) throws Exception {
        String sale = client.createOpenSale("Faults " + scenario, settings.stock(), Duration.ofMinutes(30));
        currentSale = sale;
        String tag = scenario + "-" + Long.toString(System.currentTimeMillis(), 36);
        Duration giveUp = settings.rush().plus(FAULT_AT).plus(down).plus(RECOVERY_LIMIT);
        // Shoppers arrive evenly over the rush, each buying until answered: a 503 or a refused, broken or
        // timed-out request is retried after a pause, as a client would. A quarter send an Idempotency-Key and,
        // once bought, send the same request again (it must replay the receipt); every tenth of the others
        // tries a second time without a key (it must be refused as already purchased, with the same id).
        Rush rush = Rush.on(client, sale, tag + "-", settings.shoppers()).workers(settings.workers())
                .spread(settings.rush()).retry(Rush.Retry.untilAnswered(Duration.ofMillis(500), giveUp))
                .idempotencyKeys(n -> n % 4 == 0 ? tag + "-key-" + n : null)
                .againAfterPurchase(n -> n % 4 == 0 || n % 10 == 1).start();
        ScenarioRun run;
        try (ReadinessMonitor readiness = new ReadinessMonitor(client, rush::now)) {
            Thread.sleep(FAULT_AT.toMillis());
            boolean libertyFault = scenario.startsWith("liberty");
            rush.serverRestarting(libertyFault);
            inject.run();
            long faultStart = rush.now(); // once the signal is delivered
            Thread.sleep(down.toMillis());
            long liftStart = rush.now();
            lift.run();
            long liftEnd = rush.now();
            if (!rush.awaitFinished(giveUp.plusSeconds(30))) {
                throw new IllegalStateException("The rush did not finish in " + giveUp.plusSeconds(30));
            }
            rush.serverRestarting(false);
            awaitDrained(sale);
            run = new ScenarioRun(scenario, settings, sale, rush, readiness.polls(), faultStart, liftStart, liftEnd,
                    StoreAudit.read(env, sale));
        }
        run.writeAttempts(settings.dir().resolve("attempts").resolve(scenario + ".csv"));
        ScenarioOutcome outcome = run.outcome();
        System.out.println("[faults] " + ScenarioOutcome.HEADER + outcome.row());
        outcome.append(settings.dir().resolve("results.md"));
        return run;
    }

    /** Recovery: ready, this sale's outbox empty and every Redis buyer recorded in MongoDB. */
    private static void awaitDrained(String sale) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            StoreAudit audit = StoreAudit.read(env, sale);
            if (client.get("/health/ready").status() == 200 && audit.outboxLength() == 0
                    && audit.records().size() >= audit.buyers().size()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Not recovered within " + RECOVERY_LIMIT + ": " + StoreAudit.read(env, sale).outboxLength()
                + " purchases still in the outbox");
    }
}
