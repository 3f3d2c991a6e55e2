package com.flashsale.infrastructure.embedded.dev;

import com.flashsale.infrastructure.embedded.EmbeddedStores;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Development-only servers: a real {@code redis-server} (7.0.15, shipped in
 * {@code org.signal:embedded-redis}) with AOF in the data folder, and the MongoDB-wire-compatible
 * {@code mongo-java-server} on an H2 file. Both listen on loopback and keep their data across
 * clean restarts. The Redis binary is extracted once and run directly, with a pidfile so an
 * orphan left by a killed server is stopped at the next start. Not in the packaged WAR: its
 * libraries come from the Maven-run server's {@code lib/global} (pom.xml, copyDependencies).
 */
@ApplicationScoped
public class EmbeddedServices implements EmbeddedStores {

    private static final Logger LOG = Logger.getLogger(EmbeddedServices.class.getName());
    private static final String REDIS_BINARY = "redis-server-7.0.15-linux-amd64";

    static {
        // The stores' SLF4J in lib/global has no binding on purpose (their logs are dropped); without this
        // it prints three "No SLF4J providers" lines to stderr at every start. Development servers only.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    @Inject
    @ConfigProperty(name = "flashsale.data.dir")
    String dataDir;

    @Inject
    @ConfigProperty(name = "flashsale.embedded.redis.port")
    int redisPort;

    @Inject
    @ConfigProperty(name = "flashsale.embedded.mongo.port")
    int mongoPort;

    private Process redis;
    private MongoServer mongo;
    private H2Backend mongoBackend;

    @Override
    public synchronized String startRedis() {
        if (redis == null) {
            Path dir = folder("redis");
            stopOrphan(dir.resolve("redis.pid"));
            requireFreePort(redisPort, "Redis");
            Path binary = extractRedis(folder("bin"));
            try {
                redis = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(redisPort),
                        "--bind", "127.0.0.1", "--dir", dir.toString(), "--appendonly", "yes",
                        "--appendfsync", "everysec", "--save", "", "--pidfile", dir.resolve("redis.pid").toString(),
                        "--logfile", dir.resolve("redis.log").toString(), "--daemonize", "no"))
                        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.out").toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded Redis", e);
            }
            awaitPort(redisPort, "Redis");
            LOG.info(() -> "Embedded Redis 7.0.15 on 127.0.0.1:" + redisPort + ", AOF in " + dir);
        }
        return "redis://127.0.0.1:" + redisPort;
    }

    @Override
    public synchronized String startMongo() {
        if (mongo == null) {
            requireFreePort(mongoPort, "MongoDB");
            Path file = folder("mongo").resolve("flashsale.mv");
            mongoBackend = new H2Backend(file.toString());
            mongoBackend.version(ServerVersion.MONGO_5_0);
            mongo = new MongoServer(mongoBackend);
            mongo.bind("127.0.0.1", mongoPort);
            LOG.info(() -> "Embedded MongoDB-compatible server on 127.0.0.1:" + mongoPort + ", data in " + file);
        }
        return "mongodb://127.0.0.1:" + mongoPort;
    }

    @PreDestroy
    synchronized void stop() {
        if (mongo != null) {
            mongo.shutdown();
            mongoBackend.close();
            mongo = null;
        }
        if (redis != null) {
            redis.destroy(); // SIGTERM: Redis flushes its AOF and exits
            try {
                if (!redis.waitFor(10, TimeUnit.SECONDS)) {
                    redis.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            redis = null;
        }
    }

    private Path folder(String name) {
        try {
            return Files.createDirectories(Path.of(dataDir, name).toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path extractRedis(Path binDir) {
        Path binary = binDir.resolve(REDIS_BINARY);
        if (Files.isExecutable(binary)) {
            return binary;
        }
        try (InputStream in = EmbeddedServices.class.getResourceAsStream("/" + REDIS_BINARY)) {
            if (in == null) {
                throw new IllegalStateException("The embedded Redis binary is missing (org.signal:embedded-redis)");
            }
            Path tmp = Files.createTempFile(binDir, "redis", ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            tmp.toFile().setExecutable(true, true);
            Files.move(tmp, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stopOrphan(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid)
                    .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false))
                    .ifPresent(p -> {
                        LOG.warning(() -> "Stopping embedded Redis left running by an earlier server (pid " + pid + ")");
                        p.destroy();
                        p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
                    });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            LOG.warning(() -> "Ignoring unreadable pidfile " + pidFile + ": " + e);
        }
    }

    private static void requireFreePort(int port, String what) {
        if (listening(port)) {
            throw new IllegalStateException("Cannot start the embedded " + what + ": 127.0.0.1:" + port
                    + " is already in use. Stop what listens there, or point the service at it with its URL setting.");
        }
    }

    private static void awaitPort(int port, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!listening(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The embedded " + what + " did not start listening on " + port);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
