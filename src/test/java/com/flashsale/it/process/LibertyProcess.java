package com.flashsale.it.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Open Liberty server of its own, run from the runtime the build installed
 * ({@code target/liberty/wlp}) but with its own user directory ({@code WLP_USER_DIR}) and server
 * name, so nothing the liberty-maven-plugin writes for {@code defaultServer} (its
 * {@code liberty.var.*} configDropins) applies. {@link #create()} lays out the server: the
 * project's {@code server.xml}, the packaged WAR, and the given variables in
 * {@code configDropins/overrides/harness-variables.xml}. {@code server run} replaces itself with
 * the server JVM, so {@link #kill()} is a {@code kill -9} of the JVM itself.
 */
public class LibertyProcess extends ManagedProcess {

    private final Path wlpHome;
    private final Path userDir;
    private final String serverName;
    private final int httpPort;
    private final int httpsPort;
    private Path serverXml = Path.of("src/main/liberty/config/server.xml");
    private Path war = Path.of("target/flash-sale.war");
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m"));
    private String readyPath = "/health/ready";

    /**
     * @param wlpHome    the Liberty runtime ({@code target/liberty/wlp}: {@link #defaultWlpHome()})
     * @param userDir    this server's own user directory (its {@code servers/<name>} is created there)
     * @param serverName the server's name
     */
    public LibertyProcess(Path wlpHome, Path userDir, String serverName, int httpPort, int httpsPort) {
        super("liberty:" + serverName + ":" + httpPort);
        this.wlpHome = wlpHome.toAbsolutePath();
        this.userDir = userDir.toAbsolutePath();
        this.serverName = serverName;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /** The runtime the build installed: {@code -Dliberty.wlp.home}, else {@code target/liberty/wlp}. */
    public static Path defaultWlpHome() {
        return Path.of(System.getProperty("liberty.wlp.home", "target/liberty/wlp"));
    }

    /** A server.xml variable (MicroProfile Config sees it; it beats environment variables). */
    public LibertyProcess variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /** An environment variable of the server JVM (for secrets: they stay out of files). */
    public LibertyProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Replaces the default JVM options ({@code -Xmx512m}). */
    public LibertyProcess jvmOptions(List<String> options) {
        jvmOptions.clear();
        jvmOptions.addAll(options);
        return this;
    }

    public LibertyProcess serverXml(Path file) {
        this.serverXml = file;
        return this;
    }

    public LibertyProcess war(Path file) {
        this.war = file;
        return this;
    }

    /** The path whose 200 means "started" ({@code /health/ready} by default). */
    public LibertyProcess readyPath(String path) {
        this.readyPath = path;
        return this;
    }

    /** Writes the server directory afresh (server.xml, WAR, variables, jvm.options); keeps nothing old. */
    public LibertyProcess create() {
        if (!Files.isExecutable(wlpHome.resolve("bin/server"))) {
            throw new IllegalStateException("No Liberty runtime at " + wlpHome + ": run the build's liberty:create first");
        }
        Path dir = serverDir();
        Processes.deleteTree(dir);
        try {
            Files.createDirectories(dir.resolve("apps"));
            Files.createDirectories(dir.resolve("configDropins/overrides"));
            Files.copy(serverXml, dir.resolve("server.xml"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(war, dir.resolve("apps").resolve(war.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve("configDropins/overrides/harness-variables.xml"), variablesXml());
            Files.write(dir.resolve("jvm.options"), jvmOptions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Starts the server JVM and waits until {@link #readyPath} answers 200. */
    public LibertyProcess start() {
        requireFreePort(httpPort, name());
        start(Duration.ofSeconds(180));
        return this;
    }

    @Override
    protected List<String> command() {
        return List.of(wlpHome.resolve("bin/server").toString(), "run", serverName);
    }

    @Override
    protected Map<String, String> environment() {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("WLP_USER_DIR", userDir.toString());
        all.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        return all;
    }

    @Override
    protected void awaitReady(Duration timeout) {
        awaitCondition(timeout, readyPath + " answering 200 on port " + httpPort, () -> status(readyPath) == 200);
    }

    /** The HTTP status of a GET (-1 when the server does not answer within 2 s). */
    public int status(String path) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    protected Path logFile() {
        return userDir.resolve(serverName + "-console.log");
    }

    /** Liberty's own log directory ({@code messages.log}). */
    public Path logsDir() {
        return serverDir().resolve("logs");
    }

    public Path serverDir() {
        return userDir.resolve("servers").resolve(serverName);
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    private String variablesXml() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<server>\n");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("http.port", Integer.toString(httpPort));
        all.put("https.port", Integer.toString(httpsPort));
        all.putAll(variables);
        all.forEach((k, v) -> xml.append("    <variable name=\"").append(escape(k)).append("\" value=\"")
                .append(escape(v)).append("\"/>\n"));
        return xml.append("</server>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
