package com.flashsale.it.scale;

import com.flashsale.it.harness.ServiceClient;
import com.flashsale.it.process.LibertyProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A second deployment of the packaged WAR into every running server of the fleet, next to the main
 * one, with its own MicroProfile Config on top (a {@code config_ordinal=600} properties file in a jar
 * of its own under {@code WEB-INF/lib}; the product code is the packaged WAR's). It is dropped into
 * each server's {@code dropins/} folder, so Liberty starts it at {@code /}{@value #NAME} without a
 * restart, and it shares the fleet's Redis Cluster and MongoDB (the server.xml variables); {@link
 * #close()} removes it again. The same technique as {@code RateLimitIT}, for a fleet.
 */
final class LimitedCopy implements AutoCloseable {

    static final String NAME = "flash-sale-limits";

    private final Fleet fleet;
    private final List<ServiceClient> instances = new ArrayList<>();
    private final List<Path> dropped = new ArrayList<>();

    private LimitedCopy(Fleet fleet) {
        this.fleet = fleet;
    }

    /**
     * Deploys the copy with {@code config} into every server and waits (up to {@code timeout}) until each
     * answers {@code GET /api/v1/sales/{probeSale}} with 200.
     */
    static LimitedCopy deploy(Fleet fleet, Map<String, String> config, String probeSale, Duration timeout) {
        LimitedCopy copy = new LimitedCopy(fleet);
        try {
            Path war = copy.build(config);
            for (LibertyProcess server : fleet.servers) {
                Path dropins = server.serverDir().resolve("dropins");
                Files.createDirectories(dropins);
                // written beside, then moved in: the dropins monitor never sees half a file
                Path partial = server.serverDir().resolve(NAME + ".war.partial");
                Files.copy(war, partial, StandardCopyOption.REPLACE_EXISTING);
                Path target = dropins.resolve(NAME + ".war");
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                copy.dropped.add(target);
                // 127.0.0.1, not localhost: the address limit is then certainly the one of 127.0.0.1
                copy.instances.add(new ServiceClient(NAME + "@" + server.httpPort(),
                        "http://127.0.0.1:" + server.httpPort() + "/" + NAME, fleet.adminPassword, Duration.ofSeconds(30)));
            }
            copy.await(timeout, "to serve sale " + probeSale, s -> s == 200, "/api/v1/sales/" + probeSale);
            return copy;
        } catch (IOException e) {
            copy.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            copy.close();
            throw e;
        }
    }

    /** One client per server, in the fleet's order, each on the copy's context root. */
    List<ServiceClient> instances() {
        return List.copyOf(instances);
    }

    private Path build(Map<String, String> config) {
        String properties = "config_ordinal=600\n" + config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n")) + "\n";
        JavaArchive configJar = ShrinkWrap.create(JavaArchive.class, NAME + "-config.jar")
                .addAsManifestResource(new StringAsset(properties), "microprofile-config.properties");
        WebArchive war = ShrinkWrap.create(ZipImporter.class, NAME + ".war")
                .importFrom(Path.of(System.getProperty("scale.war", "target/flash-sale.war")).toFile())
                .as(WebArchive.class).addAsLibrary(configJar);
        Path file = Fleet.DIR.resolve(NAME + ".war");
        try {
            Files.createDirectories(Fleet.DIR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    /** Removes the copy from every server and waits until none serves it (404) and every server is ready again. */
    @Override
    public void close() {
        for (Path file : dropped) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!dropped.isEmpty()) {
            await(Duration.ofSeconds(60), "to be removed", s -> s == 404, "/api/v1/sales");
            for (ServiceClient main : fleet.instances) {
                awaitStatus(main, "/health/ready", s -> s == 200, Duration.ofSeconds(60), "to be ready again without the copy");
            }
        }
        dropped.clear();
    }

    private void await(Duration timeout, String what, IntPredicate status, String path) {
        for (ServiceClient copy : instances) {
            awaitStatus(copy, path, status, timeout, what);
        }
    }

    private static void awaitStatus(ServiceClient client, String path, IntPredicate ok, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last;
        while (!ok.test(last = client.get(path).status())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + client + " " + what + " (last status " + last + ")");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
