package com.flashsale.it.process;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * {@link MongoServerMain} in its own JVM, launched with the test class path, keeping its data in
 * an H2 file under {@code dataDir}. A restart after {@link #kill()} reopens the same file.
 */
public class MongoServerProcess extends ManagedProcess {

    private final int port;
    private final Path dataDir;
    private final List<String> jvmOptions;

    public MongoServerProcess(int port, Path dataDir) {
        this(port, dataDir, List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    }

    public MongoServerProcess(int port, Path dataDir, List<String> jvmOptions) {
        super("mongo-java-server:" + port);
        this.port = port;
        this.dataDir = dataDir.toAbsolutePath();
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** Starts the server and waits until it answers a ping. */
    public MongoServerProcess start() {
        requireFreePort(port, name());
        start(Duration.ofSeconds(60));
        return this;
    }

    @Override
    protected List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Processes.javaExecutable());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", Processes.testClassPath(), MongoServerMain.class.getName(),
                Integer.toString(port), dataDir.resolve("mongo.mv").toString()));
        return cmd;
    }

    @Override
    protected void awaitReady(Duration timeout) {
        awaitCondition(timeout, "a ping on port " + port, this::answersPing);
    }

    /** True when the server answers {@code ping} within a second. */
    public boolean answersPing() {
        if (!listening(port)) {
            return false;
        }
        try (MongoClient client = client(1000)) {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A new client of this server with short timeouts (close it). */
    public MongoClient client(int timeoutMillis) {
        return MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(uri()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(timeoutMillis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                        .readTimeout(Math.max(timeoutMillis, 5000), TimeUnit.MILLISECONDS))
                .build());
    }

    @Override
    protected Path logFile() {
        return dataDir.resolve("mongo-server.log");
    }

    public String uri() {
        return "mongodb://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }
}
