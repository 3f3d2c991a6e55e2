package com.flashsale.it.scale;

import com.flashsale.it.harness.ServiceClient;
import com.flashsale.it.process.LibertyProcess;
import com.flashsale.it.process.MongoServerProcess;
import com.flashsale.it.process.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What the scale suite runs on: a 3-master Redis Cluster, one MongoDB-compatible server in its
 * own process and two Liberty servers (own server names and user directory, embedded stores off)
 * sharing them. Ports come from system properties the {@code scale} profile sets.
 */
final class Fleet implements AutoCloseable {

    static final Path DIR = Path.of(System.getProperty("scale.dir", "target/scale"));

    final RedisClusterProcesses redis;
    final MongoServerProcess mongo;
    final List<LibertyProcess> servers = new ArrayList<>();
    final List<ServiceClient> instances = new ArrayList<>();
    final String adminPassword = UUID.randomUUID().toString();
    /** One secret for both instances' tickets and admission tokens: a token issued by one buys on the other. */
    final String queueTokenSecret = UUID.randomUUID() + "-" + UUID.randomUUID();

    Fleet() {
        redis = new RedisClusterProcesses(ports("scale.redis.ports", "7000,7001,7002"), DIR);
        Path mongoDir = DIR.resolve("mongo");
        Processes.deleteTree(mongoDir);
        mongo = new MongoServerProcess(Integer.getInteger("scale.mongo.port", 27390), mongoDir);
        List<Integer> http = ports("scale.http.ports", "9381,9382");
        List<Integer> https = ports("scale.https.ports", "9781,9782");
        for (int i = 0; i < http.size(); i++) {
            String name = "scale" + (char) ('A' + i);
            servers.add(new LibertyProcess(LibertyProcess.defaultWlpHome(), DIR.resolve("wlp-usr"), name,
                    http.get(i), https.get(i)));
            instances.add(new ServiceClient(name, "http://localhost:" + http.get(i), adminPassword, Duration.ofSeconds(30)));
        }
    }

    Fleet start() {
        redis.start();
        mongo.start();
        for (LibertyProcess server : servers) {
            server.variable("flashsale.embedded.enabled", "false")
                    .variable("flashsale.redis.url", redis.url())
                    .variable("flashsale.mongo.uri", mongo.uri())
                    // Only the pub/sub fan-out can bring a sale to the other instance's pages within a second.
                    .variable("flashsale.live.interval-ms", System.getProperty("scale.live.interval-ms", "5000"))
                    .variable("flashsale.live.fanout.enabled", System.getProperty("scale.live.fanout", "true"))
                    // Short, so that the dead-instance scenario is bounded.
                    .variable("flashsale.mongo.read-timeout-ms", "1000")
                    .variable("flashsale.outbox.claim-idle-ms", "2000")
                    // Rate limits on (their buckets then live on the cluster and are shared by both instances)
                    // but set explicitly far above the rush: one client address plays every shopper here.
                    .variable("flashsale.ratelimit.enabled", "true")
                    .variable("flashsale.ratelimit.ip.capacity", "1000000")
                    .variable("flashsale.ratelimit.ip.period-seconds", "1")
                    .variable("flashsale.ratelimit.shopper.capacity", "1000000")
                    .variable("flashsale.ratelimit.shopper.period-seconds", "1")
                    .env("FLASHSALE_ADMIN_PASSWORD", adminPassword)
                    .env("FLASHSALE_QUEUE_TOKEN_SECRET", queueTokenSecret)
                    .create();
        }
        // Both JVMs start together: the machine's cores are shared either way.
        CompletableFuture.allOf(servers.stream().map(s -> CompletableFuture.runAsync(s::start))
                .toArray(CompletableFuture[]::new)).join();
        return this;
    }

    ServiceClient a() {
        return instances.get(0);
    }

    ServiceClient b() {
        return instances.get(1);
    }

    @Override
    public void close() {
        servers.forEach(LibertyProcess::close);
        mongo.close();
        redis.close();
    }

    private static List<Integer> ports(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(",")).map(String::strip)
                .map(Integer::valueOf).toList();
    }
}
