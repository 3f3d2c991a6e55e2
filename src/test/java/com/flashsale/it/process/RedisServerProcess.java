package com.flashsale.it.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * A Debian {@code redis-server} on a loopback port with its own data folder: AOF on
 * ({@code appendfsync everysec} unless told otherwise), no RDB snapshots. Restarting after a
 * {@link #kill()} reuses the folder, so the server loads its append-only file again. Extra
 * arguments (for example {@code --cluster-enabled yes}) are passed through.
 */
public class RedisServerProcess extends ManagedProcess {

    /** Overridable with {@code -Dflashsale.it.redisServer=/path/to/redis-server}. */
    public static final String DEFAULT_EXECUTABLE = System.getProperty("flashsale.it.redisServer", "/usr/bin/redis-server");

    private final int port;
    private final Path dataDir;
    private final String executable;
    private final String appendfsync;
    private final List<String> extraArgs;

    public RedisServerProcess(int port, Path dataDir) {
        this(port, dataDir, DEFAULT_EXECUTABLE, "everysec", List.of());
    }

    public RedisServerProcess(int port, Path dataDir, String executable, String appendfsync, List<String> extraArgs) {
        super("redis-server:" + port);
        this.port = port;
        this.dataDir = dataDir.toAbsolutePath();
        this.executable = executable;
        this.appendfsync = appendfsync;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Starts the server (first start or restart from the same folder) and waits for PONG. */
    public RedisServerProcess start() {
        requireFreePort(port, name());
        start(Duration.ofSeconds(30));
        return this;
    }

    @Override
    protected List<String> command() {
        List<String> cmd = new ArrayList<>(List.of(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dataDir.toString(), "--appendonly", "yes", "--appendfsync", appendfsync, "--save", "",
                "--daemonize", "no", "--protected-mode", "no", "--logfile", ""));
        cmd.addAll(extraArgs);
        return cmd;
    }

    @Override
    protected void awaitReady(Duration timeout) {
        awaitCondition(timeout, "PONG on port " + port, this::answersPing);
    }

    /** True when the server answers PING (not while it is still loading its AOF). */
    public boolean answersPing() {
        if (!listening(port)) {
            return false;
        }
        try (UnifiedJedis jedis = client()) {
            return "PONG".equals(jedis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A new client of this server (close it). */
    public UnifiedJedis client() {
        return RedisClient.create(java.net.URI.create(url()));
    }

    @Override
    protected Path logFile() {
        return dataDir.resolve("redis-server.log");
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }
}
