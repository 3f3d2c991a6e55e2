package com.flashsale.infrastructure.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * A throwaway real {@code redis-server} on a free loopback port, in memory only. The binary is the
 * one shipped in the {@code org.signal:embedded-redis} jar, extracted once under {@code target/}, so a
 * fresh machine needs no system package; {@code -Dflashsale.it.redisServer=/path} picks another.
 */
final class LocalRedisServer implements AutoCloseable {

    private static final String VERSION = "7.0.15";
    private static final Path DIR = Path.of("target", "redis-server-" + VERSION);

    private final Process process;
    private final int port;

    private LocalRedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static LocalRedisServer start() throws IOException {
        Path binary = binary();
        int port = freePort();
        Path log = DIR.resolve("redis-" + port + ".log");
        Process process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--protected-mode", "no", "--dir", DIR.toAbsolutePath().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalRedisServer server = new LocalRedisServer(process, port);
        server.awaitPong(Duration.ofSeconds(15), log);
        return server;
    }

    /** A new pooled client of this server (close it). */
    UnifiedJedis client() {
        return RedisClient.create(URI.create("redis://127.0.0.1:" + port));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void awaitPong(Duration timeout, Path log) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try (UnifiedJedis jedis = client()) {
                if ("PONG".equals(jedis.ping())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("redis-server did not answer on port " + port + "; see " + log,
                            notYet);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static Path binary() throws IOException {
        String override = System.getProperty("flashsale.it.redisServer");
        if (override != null) {
            return Path.of(override);
        }
        String resource = "redis-server-" + VERSION + "-" + platform();
        Files.createDirectories(DIR);
        Path target = DIR.resolve(resource);
        try (InputStream in = LocalRedisServer.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("No " + resource + " on the test classpath (org.signal:embedded-redis); "
                        + "set -Dflashsale.it.redisServer=/path/to/redis-server");
            }
            if (!Files.isExecutable(target)) { // extracted once; a temporary name keeps concurrent runs apart
                Path tmp = Files.createTempFile(DIR, resource, ".part");
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                tmp.toFile().setExecutable(true, true);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return target;
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("mac") ? "darwin" : "linux";
        String arch = System.getProperty("os.arch");
        return os + "-" + (arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
