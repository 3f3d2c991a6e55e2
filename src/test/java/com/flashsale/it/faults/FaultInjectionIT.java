package com.flashsale.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.flashsale.it.faults.Rush.Attempt;
import com.flashsale.it.process.Processes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
    private static ShopClient client;
    private static volatile String currentSale;

    @BeforeAll
    static void startProcesses() {
        settings = FaultSettings.fromSystemProperties();
        env = FaultEnvironment.start(settings);
        client = new ShopClient(env.liberty.baseUrl(), env.adminPassword, settings.clientTimeout());
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
        Map<String, String> restored = new java.util.concurrent.ConcurrentHashMap<>();
        Run run = rush("redis-kill", () -> env.redis.kill(), REDIS_KILL_DOWN, () -> {
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
        Run run = rush("redis-pause", () -> env.redis.pause(), settings.fault(), () -> env.redis.resume());
        run.assertPromisesKept();
        run.assertRedisOutageAnswered();
    }

    @Test
    @Order(3)
    void mongoPausedMidRushKeepsSellingWithBoundedLatency() throws Exception {
        assumeTrue(settings.runs("mongo-pause"));
        Run run = rush("mongo-pause", () -> env.mongo.pause(), settings.fault(), () -> env.mongo.resume());
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
        Run run = rush("liberty-kill", () -> env.liberty.kill(), Duration.ZERO, () -> env.liberty.start());
        run.assertPromisesKept();
    }

    @Test
    @Order(5)
    void redisBackWithOlderStateSellsNoUnitTwiceAndLosesNothingRecorded() throws Exception {
        assumeTrue(settings.runs("redis-rollback"));
        // Redis comes back older than what it acknowledged, as after a failover to a lagging replica or
        // an OS crash under everysec: a copy of its folder taken mid-rush, restored after a kill -9.
        java.nio.file.Path copy = settings.dir().resolve("redis-older");
        Run run = rush("redis-rollback", () -> {
            Processes.deleteTree(copy);
            copyTree(env.redis.dataDir(), copy);
            Processes.sleep(ROLLBACK_LAG);
            env.redis.kill();
            Processes.deleteTree(env.redis.dataDir());
            copyTree(copy, env.redis.dataDir());
        }, Duration.ZERO, () -> env.redis.start());
        run.assertPromisesKept();
    }

    private static void copyTree(java.nio.file.Path from, java.nio.file.Path to) {
        try (var paths = java.nio.file.Files.walk(from)) {
            for (java.nio.file.Path p : paths.toList()) {
                java.nio.file.Path target = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(target);
                } else if (!p.getFileName().toString().endsWith(".log")) {
                    java.nio.file.Files.copy(p, target);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs one rush with the fault injected {@link #FAULT_AT} into it, held for {@code down}, then lifted. */
    private static Run rush(String scenario, Runnable inject, Duration down, Runnable lift) throws Exception {
        String sale = client.createOpenSale("Faults " + scenario, settings.stock(), Duration.ofMinutes(30));
        currentSale = sale;
        String tag = scenario + "-" + Long.toString(System.currentTimeMillis(), 36);
        Duration giveUp = settings.rush().plus(FAULT_AT).plus(down).plus(RECOVERY_LIMIT);
        Rush rush = new Rush(client, sale, tag, settings.shoppers(), settings.workers(), settings.rush(), giveUp).start();
        Run run;
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
            rush.await(giveUp.plusSeconds(30));
            rush.serverRestarting(false);
            awaitDrained(sale);
            run = new Run(scenario, sale, rush, readiness.polls(), faultStart, liftStart, liftEnd,
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

    /** One finished scenario: its attempts, readiness polls, fault times and the stores afterwards. */
    private record Run(String scenario, String sale, Rush rush, List<ReadinessMonitor.Poll> polls, long faultStart,
                       long liftStart, long liftEnd, StoreAudit audit) {

        List<Attempt> attempts() {
            return rush.attempts();
        }

        /** Every attempt as CSV (times in ms since the rush started), for looking into a run. */
        void writeAttempts(java.nio.file.Path file) throws java.io.IOException {
            java.nio.file.Files.createDirectories(file.getParent());
            StringBuilder csv = new StringBuilder("# fault from " + faultStart / 1_000_000 + " ms, lifted at "
                    + liftStart / 1_000_000 + " ms, back at " + liftEnd / 1_000_000 + " ms\n"
                    + "startMs,endMs,latencyMs,status,problemType,retryAfter,failure,shopper\n");
            attempts().stream().sorted(java.util.Comparator.comparingLong(Attempt::startNanos)).forEach(a -> csv
                    .append(a.startNanos() / 1_000_000).append(',').append(a.endNanos() / 1_000_000).append(',')
                    .append(a.latencyNanos() / 1_000_000).append(',').append(a.status()).append(',')
                    .append(a.problemType()).append(',').append(a.retryAfter() == null ? "" : a.retryAfter()).append(',')
                    .append(a.failure() == null ? "" : a.failure()).append(',').append(a.shopper()).append('\n'));
            java.nio.file.Files.writeString(file, csv);
        }

        List<Attempt> startedDuringFault() {
            return attempts().stream().filter(a -> a.startedWithin(faultStart, liftStart)).toList();
        }

        Duration maxLatencyDuringFault() {
            return Duration.ofNanos(startedDuringFault().stream().mapToLong(Attempt::latencyNanos).max().orElse(0));
        }

        /** 201 answers whose purchase id MongoDB does not hold (once). */
        List<String> lost() {
            Map<String, Integer> perId = audit.recordsPerPurchaseId();
            List<String> lost = new ArrayList<>();
            rush.confirmed().forEach((shopper, id) -> {
                if (!perId.containsKey(id)) {
                    lost.add(shopper + " -> " + id);
                }
            });
            return lost;
        }

        /** Purchase ids recorded twice, shoppers recorded twice, shoppers told two ids. */
        List<String> duplicates() {
            List<String> duplicates = new ArrayList<>(rush.contradictions());
            audit.recordsPerPurchaseId().forEach((id, n) -> {
                if (n > 1) {
                    duplicates.add(id + " recorded " + n + " times");
                }
            });
            if (audit.shoppersHoldingTwo() > 0) {
                duplicates.add(audit.shoppersHoldingTwo() + " shopper(s) recorded twice");
            }
            return duplicates;
        }

        /**
         * Recorded purchases whose shopper never got a 201: the decision was made but its answer was
         * lost (server killed) or was a 503 (Redis ran the command after the client's socket timed out).
         * Each such shopper learns it on a retry: the receipt again with its Idempotency-Key, else a 409
         * already-purchased carrying the purchase id.
         */
        int boughtWithoutA201() {
            return (int) audit.recordedByShopper().keySet().stream().filter(s -> !rush.confirmed().containsKey(s)).count();
        }

        List<Attempt> unexpected() {
            return attempts().stream().filter(a -> !(a.status() == 201 || a.status() == 409 || a.status() == 503
                    || a.failure() != null || restartingNotFound(a))).toList();
        }

        private boolean restartingNotFound(Attempt a) {
            return scenario.startsWith("liberty") && a.status() == 404 && !a.problemType().contains("/problems/")
                    && a.startNanos() <= liftEnd;
        }

        long recoveryNanos() {
            long ready = polls.stream().filter(p -> p.startNanos() >= liftStart && p.status() == 200)
                    .mapToLong(ReadinessMonitor.Poll::startNanos).min().orElse(liftEnd);
            long serving = attempts().stream().filter(a -> a.startNanos() >= liftStart
                    && (a.status() == 201 || a.status() == 409)).mapToLong(Attempt::endNanos).min().orElse(ready);
            return Math.max(ready, serving) - liftStart;
        }

        ScenarioOutcome outcome() {
            List<Attempt> all = attempts();
            long recorded = audit.records().size();
            return new ScenarioOutcome(scenario, settings.shoppers(), settings.stock(), all.size(),
                    rush.confirmed().size(), lost().size(), duplicates().size(),
                    (int) Math.max(0, recorded - settings.stock()),
                    (int) all.stream().filter(a -> a.status() == 503).count(),
                    (int) all.stream().filter(a -> a.failure() != null && !"client-timeout".equals(a.failure())).count(),
                    (int) all.stream().filter(a -> "client-timeout".equals(a.failure())).count(),
                    unexpected().size(), recorded, boughtWithoutA201(), maxLatencyDuringFault().toMillis(),
                    TimeUnit.NANOSECONDS.toMillis(recoveryNanos()));
        }

        void assertPromisesKept() {
            List<Attempt> all = attempts();
            assertEquals(List.of(), all.stream().filter(a -> "client-timeout".equals(a.failure())).limit(5).toList(),
                    "no request hangs past the client timeout of " + settings.clientTimeout());
            assertEquals(List.of(), unexpected().stream().limit(5).toList(), "only 201, 409 and 503 answers");
            assertEquals(List.of(), lost(), "every 201 is recorded in MongoDB");
            Map<String, Integer> perId = audit.recordsPerPurchaseId();
            assertEquals(List.of(), rush.owned().entrySet().stream().filter(e -> !perId.containsKey(e.getValue()))
                    .map(Map.Entry::toString).limit(5).toList(), "every purchase id told to a shopper is recorded");
            assertEquals(List.of(), duplicates(), "no duplicates");
            long recorded = audit.records().size();
            assertTrue(recorded <= settings.stock(), recorded + " records for a stock of " + settings.stock());
            assertEquals(settings.stock() - recorded, audit.stock(), "Redis stock = total - MongoDB records");
            assertEquals(audit.recordedByShopper(), audit.buyers(), "Redis buyers hash == MongoDB records");
            assertEquals(0, audit.outboxLength(), "outbox drained");
            Set<String> confirmedIds = new HashSet<>(rush.confirmed().values());
            assertEquals(rush.confirmed().size(), confirmedIds.size(), "purchase ids are unique");
            assertTrue(rush.confirmed().size() > 0, "the rush bought something");
        }

        /** While Redis is down: fast 503s with Retry-After, and readiness DOWN. */
        void assertRedisOutageAnswered() {
            List<Attempt> inside = attempts().stream()
                    .filter(a -> a.startNanos() >= faultStart && a.endNanos() <= liftStart).toList();
            assertTrue(inside.size() > 0, "requests were made while Redis was down");
            assertEquals(List.of(), inside.stream().filter(a -> a.status() != 503 || a.retryAfter() == null).limit(5)
                    .toList(), "every purchase during the outage is a 503 with Retry-After");
            Duration bound = settings.redisOutageBound();
            assertTrue(maxLatencyDuringFault().compareTo(bound) <= 0,
                    "max latency during the outage " + maxLatencyDuringFault().toMillis() + " ms within " + bound.toMillis() + " ms");
            // polls sent once the fault was in place and answered before it was lifted
            List<ReadinessMonitor.Poll> downPolls = polls.stream()
                    .filter(p -> p.startNanos() >= faultStart && p.endNanos() <= liftStart).toList();
            assertTrue(downPolls.size() > 0, "readiness was polled during the outage");
            assertEquals(Set.of(503), downPolls.stream().map(ReadinessMonitor.Poll::status).collect(Collectors.toSet()),
                    "readiness is DOWN while Redis is down");
        }
    }
}
