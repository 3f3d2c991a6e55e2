package com.flashsale.it.scale;

import com.flashsale.it.process.Processes;
import com.flashsale.it.process.RedisServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * A Redis Cluster of masters only, on loopback: one Debian {@code redis-server} per port (the
 * fault harness' {@link RedisServerProcess} with {@code --cluster-enabled yes}), joined by
 * {@code redis-cli --cluster create ... --cluster-replicas 0}, each master with a third of the slots.
 */
final class RedisClusterProcesses implements AutoCloseable {

    private static final String REDIS_CLI = System.getProperty("flashsale.it.redisCli", "/usr/bin/redis-cli");

    private final List<RedisServerProcess> masters = new ArrayList<>();

    RedisClusterProcesses(List<Integer> ports, Path dataDir) {
        for (int port : ports) {
            Path dir = dataDir.resolve("redis-" + port);
            Processes.deleteTree(dir);
            masters.add(new RedisServerProcess(port, dir, RedisServerProcess.DEFAULT_EXECUTABLE, "everysec",
                    List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                            "--cluster-node-timeout", "5000")));
        }
    }

    /** Starts the servers, creates the cluster and waits until every slot is served. */
    RedisClusterProcesses start() {
        masters.forEach(RedisServerProcess::start);
        List<String> create = new ArrayList<>(List.of(REDIS_CLI, "--cluster", "create"));
        masters.forEach(m -> create.add("127.0.0.1:" + m.port()));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        run(create);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!masters.stream().allMatch(this::clusterOk)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis Cluster did not reach cluster_state:ok");
            }
            Processes.sleep(Duration.ofMillis(100));
        }
        return this;
    }

    /** The service's {@code flashsale.redis.url} for this cluster. */
    String url() {
        return "redis-cluster://" + masters.stream().map(m -> "127.0.0.1:" + m.port()).collect(Collectors.joining(","));
    }

    /** A cluster client (close it). */
    RedisClusterClient client() {
        Set<HostAndPort> nodes = new HashSet<>();
        masters.forEach(m -> nodes.add(new HostAndPort("127.0.0.1", m.port())));
        return RedisClusterClient.builder().nodes(nodes).build();
    }

    /** A client of one master only (close it): sees only the keys of that master's slots. */
    UnifiedJedis master(int index) {
        return RedisClient.create(new HostAndPort("127.0.0.1", masters.get(index).port()));
    }

    /** {@code kill -9} of one master: its slots have no server until it comes back. */
    void kill(int index) {
        masters.get(index).kill();
    }

    int size() {
        return masters.size();
    }

    @Override
    public void close() {
        masters.forEach(RedisServerProcess::close);
    }

    private boolean clusterOk(RedisServerProcess master) {
        try (UnifiedJedis jedis = RedisClient.create(new HostAndPort("127.0.0.1", master.port()))) {
            Object info = jedis.sendCommand(redis.clients.jedis.Protocol.Command.CLUSTER, "INFO");
            String text = info instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(info);
            return text.contains("cluster_state:ok");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command.get(0) + " (apt-get install redis-tools)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
