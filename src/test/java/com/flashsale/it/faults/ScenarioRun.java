package com.flashsale.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.it.harness.Rush;
import com.flashsale.it.harness.Rush.Attempt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One finished fault scenario: its attempts, readiness polls, when the fault was injected and lifted
 * (rush clock), and the stores afterwards; the numbers it reports and the promises it checks.
 */
record ScenarioRun(String scenario, FaultSettings settings, String sale, Rush rush, List<ReadinessMonitor.Poll> polls,
               long faultStart, long liftStart, long liftEnd, StoreAudit audit) {

    List<Attempt> attempts() {
        return rush.attempts();
    }

    /** Every attempt as CSV (times in ms since the rush started), for looking into a run. */
    void writeAttempts(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder csv = new StringBuilder("# fault from " + faultStart / 1_000_000 + " ms, lifted at "
                + liftStart / 1_000_000 + " ms, back at " + liftEnd / 1_000_000 + " ms\n"
                + "startMs,endMs,latencyMs,status,problemType,retryAfter,failure,shopper\n");
        attempts().stream().sorted(Comparator.comparingLong(Attempt::startNanos)).forEach(a -> csv
                .append(a.startNanos() / 1_000_000).append(',').append(a.endNanos() / 1_000_000).append(',')
                .append(a.latencyNanos() / 1_000_000).append(',').append(a.status()).append(',')
                .append(a.problemType()).append(',').append(a.retryAfter() == null ? "" : a.retryAfter()).append(',')
                .append(a.failure() == null ? "" : a.failure()).append(',').append(a.shopper()).append('\n'));
        Files.writeString(file, csv);
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
                (int) all.stream().filter(a -> a.failure() != null && !a.timedOut()).count(),
                (int) all.stream().filter(Attempt::timedOut).count(),
                unexpected().size(), recorded, boughtWithoutA201(), maxLatencyDuringFault().toMillis(),
                TimeUnit.NANOSECONDS.toMillis(recoveryNanos()));
    }

    void assertPromisesKept() {
        List<Attempt> all = attempts();
        assertEquals(List.of(), all.stream().filter(Attempt::timedOut).limit(5).toList(),
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
