package com.flashsale.it.faults;

import com.flashsale.it.process.LibertyProcess;
import com.flashsale.it.process.MongoServerProcess;
import com.flashsale.it.process.Processes;
import com.flashsale.it.process.RedisServerProcess;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * The system under test, started fresh for the suite: a Debian {@code redis-server} (AOF,
 * everysec), the MongoDB-compatible server in its own JVM, and a Liberty server of its own
 * (project server.xml, packaged WAR, embedded stores disabled, URLs pointing at the two processes).
 * The admin password is generated per run and given to the server through its environment.
 */
final class FaultEnvironment implements AutoCloseable {

    final FaultSettings settings;
    final RedisServerProcess redis;
    final MongoServerProcess mongo;
    final LibertyProcess liberty;
    final String adminPassword;

    private FaultEnvironment(FaultSettings settings) {
        this.settings = settings;
        this.adminPassword = generatePassword();
        this.redis = new RedisServerProcess(settings.redisPort(), settings.dir().resolve("redis"));
        this.mongo = new MongoServerProcess(settings.mongoPort(), settings.dir().resolve("mongo"));
        this.liberty = new LibertyProcess(LibertyProcess.defaultWlpHome(), settings.dir().resolve("liberty-usr"),
                "faultsServer", settings.httpPort(), settings.httpsPort());
    }

    /** Deletes what an earlier run left, then starts Redis, MongoDB and Liberty. */
    static FaultEnvironment start(FaultSettings settings) {
        Processes.deleteTree(settings.dir().resolve("redis"));
        Processes.deleteTree(settings.dir().resolve("mongo"));
        FaultEnvironment env = new FaultEnvironment(settings);
        try {
            env.redis.start();
            env.mongo.start();
            env.configureLiberty().create().start();
            return env;
        } catch (RuntimeException e) {
            env.close();
            throw e;
        }
    }

    private LibertyProcess configureLiberty() {
        return liberty
                .variable("flashsale.embedded.enabled", "false")
                .variable("flashsale.redis.url", redis.url())
                .variable("flashsale.mongo.uri", mongo.uri())
                .variable("flashsale.data.dir", settings.dir().resolve("liberty-data").toString())
                .variable("flashsale.redis.connect-timeout-ms", Integer.toString(settings.redisConnectTimeoutMs()))
                .variable("flashsale.redis.socket-timeout-ms", Integer.toString(settings.redisSocketTimeoutMs()))
                .variable("flashsale.redis.pool.max-wait-ms", Integer.toString(settings.redisPoolMaxWaitMs()))
                .variable("flashsale.purchase.record.timeout-ms", Integer.toString(settings.recordTimeoutMs()))
                // Rate limits stay on, so the limiter's own Redis calls go through every fault too, but set
                // explicitly far above the rush: one client address plays thousands of shoppers here.
                .variable("flashsale.ratelimit.enabled", "true")
                .variable("flashsale.ratelimit.ip.capacity", "1000000")
                .variable("flashsale.ratelimit.ip.period-seconds", "1")
                .variable("flashsale.ratelimit.shopper.capacity", "1000000")
                .variable("flashsale.ratelimit.shopper.period-seconds", "1")
                .env("FLASHSALE_ADMIN_PASSWORD", adminPassword);
    }

    @Override
    public void close() {
        liberty.stop(Duration.ofSeconds(30));
        mongo.stop(Duration.ofSeconds(15));
        redis.stop(Duration.ofSeconds(15));
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
