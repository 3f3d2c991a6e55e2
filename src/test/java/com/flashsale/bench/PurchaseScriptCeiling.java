package com.flashsale.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The raw ceiling of the purchase decision: {@code purchase.lua} by EVALSHA through a Jedis
 * {@code RedisClient} built with the service's pool settings (RedisClientProducer's defaults), no
 * HTTP, for a range of thread counts. A benchmark, run by hand (docs/benchmarks.md), never by verify.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/bench.cp) com.flashsale.bench.PurchaseScriptCeiling \
 *      -Dredis=127.0.0.1:6391 -Dthreads=1,2,4,8,16,32 -Dseconds=10
 * </pre>
 * Two cases per thread count: "bought" (a fresh shopper every call, stock never runs out) and
 * "sold-out" (stock 0: the path most rush attempts take). Uses a throw-away sale id, so it never
 * touches real sales; its keys are deleted at the end.
 */
public final class PurchaseScriptCeiling {

    private PurchaseScriptCeiling() {
    }

    public static void main(String[] args) throws Exception {
        String[] hostPort = System.getProperty("redis", "127.0.0.1:6380").split(":");
        int[] threadCounts = Arrays.stream(System.getProperty("threads", "1,2,4,8,16,32,64").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.getInteger("seconds", 10);
        int warmup = Integer.getInteger("warmupSeconds", 3);
        int poolSize = Integer.getInteger("pool", 32);
        try (UnifiedJedis redis = client(hostPort[0], Integer.parseInt(hostPort[1]), poolSize)) {
            String sha = redis.scriptLoad(script("purchase"));
            System.out.printf("pool %d, %d s per case (after %d s warm-up), load %s%n", poolSize, seconds, warmup,
                    loadAverage());
            System.out.println("case      threads  calls/s   mean-us");
            for (String kind : List.of("bought", "sold-out")) {
                for (int threads : threadCounts) {
                    String sale = "bench" + System.nanoTime();
                    prepare(redis, sale, kind.equals("bought") ? 100_000_000 : 0);
                    run(redis, sha, sale, threads, warmup);
                    double rate = run(redis, sha, sale, threads, seconds);
                    System.out.printf("%-9s %7d  %8.0f  %8.0f%n", kind, threads, rate, threads * 1e6 / rate);
                    redis.del(keys(sale).toArray(String[]::new));
                }
            }
        }
    }

    /** Same pool shape and timeouts as RedisClientProducer with its defaults. */
    private static UnifiedJedis client(String host, int port, int maxTotal) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(maxTotal);
        pool.setMaxIdle(maxTotal);
        pool.setMinIdle(4);
        pool.setMaxWait(Duration.ofMillis(500));
        pool.setBlockWhenExhausted(true);
        pool.setTestWhileIdle(true);
        return RedisClient.builder().hostAndPort(new HostAndPort(host, port))
                .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(1000)
                        .socketTimeoutMillis(1000).clientName("flash-sale-bench").build())
                .poolConfig(pool).build();
    }

    private static void prepare(UnifiedJedis redis, String sale, long stock) {
        long now = System.currentTimeMillis();
        redis.hset(keys(sale).get(0), java.util.Map.of("name", "bench", "total", Long.toString(stock),
                "start", Long.toString(now - 60_000), "end", Long.toString(now + 3_600_000),
                "created", Long.toString(now), "cancelled", "0"));
        redis.set(keys(sale).get(1), Long.toString(stock));
    }

    private static double run(UnifiedJedis redis, String sha, String sale, int threads, int seconds)
            throws InterruptedException {
        List<String> keys = keys(sale);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        AtomicLong shopper = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                long mine = 0;
                while (!stop.get()) {
                    String id = "shopper" + shopper.incrementAndGet();
                    redis.evalsha(sha, keys, List.of(id, "p" + id));
                    mine++;
                }
                calls.addAndGet(mine);
                done.countDown();
            });
            worker.start();
            workers.add(worker);
        }
        long started = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        return calls.get() / ((System.nanoTime() - started) / 1e9);
    }

    private static List<String> keys(String sale) {
        String tag = "{sale:" + sale + "}:";
        return List.of(tag + "meta", tag + "stock", tag + "buyers", tag + "outbox");
    }

    private static String script(String name) throws IOException {
        try (InputStream in = PurchaseScriptCeiling.class.getResourceAsStream("/redis/" + name + ".lua")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
