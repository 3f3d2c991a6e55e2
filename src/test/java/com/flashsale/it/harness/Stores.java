package com.flashsale.it.harness;

import com.flashsale.it.process.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** Direct access to the stores behind the server, for tests that damage or inspect them. */
public final class Stores {

    public static final String REDIS_URL = System.getProperty("flashsale.it.redisUrl", "redis://127.0.0.1:6380");
    private static final Path DATA_DIR = Path.of(System.getProperty("flashsale.it.dataDir", "target/flashsale-data"));

    private Stores() {
    }

    public static UnifiedJedis redis() {
        return RedisClient.create(java.net.URI.create(REDIS_URL));
    }

    /** The pid of the embedded redis-server, when the server runs on the embedded defaults. */
    public static Optional<Long> embeddedRedisPid() {
        Path pidFile = DATA_DIR.resolve("redis").resolve("redis.pid");
        try {
            return Files.exists(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).strip())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Sends a signal (STOP, CONT) to a process. */
    public static void signal(long pid, String signal) {
        Processes.signal(pid, signal);
    }
}
