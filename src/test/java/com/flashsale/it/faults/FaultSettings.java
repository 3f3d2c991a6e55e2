package com.flashsale.it.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The suite's knobs, from system properties the {@code faults} Maven profile passes (defaults for
 * a run from an IDE). The server's Redis timeouts are set here too, so the bound every 503 must
 * meet is derived from the same numbers the server runs with.
 */
record FaultSettings(Path dir, int redisPort, int mongoPort, int httpPort, int httpsPort, int shoppers, int stock,
                     Duration rush, int workers, Duration fault, Set<String> scenarios,
                     int redisConnectTimeoutMs, int redisSocketTimeoutMs, int redisPoolMaxWaitMs,
                     int recordTimeoutMs, Duration clientTimeout) {

    static FaultSettings fromSystemProperties() {
        String scenarios = System.getProperty("faults.scenarios", "");
        return new FaultSettings(
                Path.of(System.getProperty("faults.dir", "target/faults")).toAbsolutePath(),
                integer("faults.redis.port", 6590), integer("faults.mongo.port", 27290),
                integer("faults.http.port", 9290), integer("faults.https.port", 9690),
                integer("faults.shoppers", 3000), integer("faults.stock", 1000),
                Duration.ofSeconds(integer("faults.rushSeconds", 20)), integer("faults.workers", 32),
                Duration.ofSeconds(integer("faults.faultSeconds", 10)),
                Arrays.stream(scenarios.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet()),
                1000, 1000, 500, 1000, Duration.ofSeconds(15));
    }

    boolean runs(String scenario) {
        return scenarios.isEmpty() || scenarios.contains(scenario);
    }

    /**
     * The longest a purchase may take while Redis is unreachable: waiting for a pooled connection,
     * connecting, waiting for a reply, each bounded by its timeout, plus a second of slack for
     * queueing in the server's executor on a loaded 2-core machine.
     */
    Duration redisOutageBound() {
        return Duration.ofMillis(redisPoolMaxWaitMs + redisConnectTimeoutMs + redisSocketTimeoutMs + 1000L);
    }

    /** The longest a purchase may take while MongoDB stalls: the in-request write's timeout plus slack. */
    Duration mongoStallBound() {
        return Duration.ofMillis(recordTimeoutMs + 1500L);
    }

    private static int integer(String key, int fallback) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }
}
