package com.flashsale.it.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.config.ConfigurationDocs;
import com.flashsale.it.harness.Api;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What can be checked of the deployment files without a Docker engine or a Kubernetes cluster:
 * the Dockerfile copies what the build produced and the server.xml the tests ran with; every
 * setting the compose file and the manifests pass is a documented configuration key; the probes
 * point at health endpoints this server answers; no secret is written down.
 */
class DeploymentFilesIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir"));
    private static final Pattern COPY = Pattern.compile("^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern ENV = Pattern.compile("^ENV\\s+(\\w+)=");

    @Test
    void everyPathTheDockerfileCopiesExistsAfterTheBuild() throws IOException {
        List<String> sources = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("Dockerfile"))) {
            Matcher copy = COPY.matcher(line.trim());
            if (copy.matches()) {
                sources.add(copy.group(1));
                assertTrue(Files.exists(ROOT.resolve(copy.group(1))), "Dockerfile copies a missing " + copy.group(1));
            }
        }
        assertTrue(sources.contains("target/flash-sale.war"), sources.toString());
        assertTrue(sources.contains("src/main/liberty/config/server.xml"), sources.toString());
    }

    @Test
    void theProductionWarCarriesNoDevelopmentStore() throws IOException {
        List<String> entries = new ArrayList<>();
        try (ZipFile war = new ZipFile(ROOT.resolve("target/flash-sale.war").toFile())) {
            war.stream().forEach(entry -> entries.add(entry.getName()));
        }
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("WEB-INF/lib/jedis-")), "not the application WAR: " + entries);
        assertTrue(entries.contains("WEB-INF/classes/com/flashsale/infrastructure/embedded/ServiceEndpoints.class"), entries.toString());
        List<String> development = List.of("embedded-redis", "redis-server-", "mongo-java-server", "h2-", "netty-",
                "guava-", "commons-io-", "infrastructure/embedded/dev/");
        for (String entry : entries) {
            for (String marker : development) {
                assertFalse(entry.contains(marker), "the production WAR carries " + entry);
            }
        }
    }

    @Test
    void theImageGetsTheServerXmlTheTestsRanWith() throws IOException {
        Path tested = ROOT.resolve("target/liberty/wlp/usr/servers/defaultServer/server.xml");
        assertTrue(Files.exists(tested), "the test server's configuration is missing: " + tested);
        assertArrayEquals(Files.readAllBytes(ROOT.resolve("src/main/liberty/config/server.xml")), Files.readAllBytes(tested));
    }

    @Test
    void everySettingPassedByTheDeploymentFilesIsDocumented() throws IOException {
        Set<String> documented = documentedKeys();
        Set<String> passed = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("Dockerfile"))) {
            Matcher env = ENV.matcher(line.trim());
            if (env.find()) {
                passed.add(env.group(1));
            }
        }
        Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml")).get(0);
        map(compose.get("services")).values().forEach(service -> passed.addAll(map(map(service).getOrDefault("environment", Map.of())).keySet()));
        for (Map<String, Object> doc : kubernetes()) {
            if ("ConfigMap".equals(doc.get("kind"))) {
                passed.addAll(map(doc.get("data")).keySet());
            }
        }
        passed.removeIf(name -> !name.startsWith("FLASHSALE_"));
        assertFalse(passed.isEmpty());
        for (String name : passed) {
            assertTrue(documented.contains(name), name + " is passed to the service but not in docs/configuration.md");
        }
    }

    @Test
    void theOperatorProbesPointAtHealthEndpointsThisServerAnswers() throws IOException {
        Map<String, Object> app = kubernetes().stream().filter(d -> "OpenLibertyApplication".equals(d.get("kind")))
                .findFirst().orElseThrow();
        Map<String, Object> spec = map(app.get("spec"));
        assertEquals(9080, map(spec.get("service")).get("port"));
        Map<String, Object> probes = map(spec.get("probes"));
        assertEquals(Set.of("startup", "liveness", "readiness"), probes.keySet());
        Map<String, String> expected = Map.of("startup", "/health/started", "liveness", "/health/live",
                "readiness", "/health/ready");
        expected.forEach((probe, path) -> {
            Map<String, Object> get = map(map(probes.get(probe)).get("httpGet"));
            assertEquals(path, get.get("path"), probe);
            assertEquals(9080, get.get("port"), probe);
            assertEquals(200, Api.get(path).status(), path + " does not answer 200 on the running server");
        });
        assertTrue(map(spec.get("autoscaling")).containsKey("maxReplicas"), "no autoscaling");
        assertTrue(map(spec.get("resources")).containsKey("requests"), "no resource requests");
        List<Object> envFrom = list(spec.get("envFrom"));
        assertTrue(envFrom.stream().anyMatch(e -> map(e).containsKey("secretRef")), "no Secret");
        assertTrue(envFrom.stream().anyMatch(e -> map(e).containsKey("configMapRef")), "no ConfigMap");
    }

    @Test
    void noSecretIsWrittenDown() throws IOException {
        for (Map<String, Object> doc : kubernetes()) {
            assertFalse("Secret".equals(doc.get("kind")), "a Secret manifest is committed");
            if ("ConfigMap".equals(doc.get("kind"))) {
                map(doc.get("data")).keySet().forEach(k ->
                        assertFalse(k.contains("PASSWORD") || k.contains("SECRET"), k + " belongs in a Secret"));
            }
        }
        Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml")).get(0);
        map(compose.get("services")).forEach((name, service) ->
                map(map(service).getOrDefault("environment", Map.of())).forEach((k, v) -> {
                    if (k.contains("PASSWORD")) {
                        assertTrue(String.valueOf(v).startsWith("${"), name + " sets " + k + " in the file");
                    }
                }));
        assertFalse(Files.readString(ROOT.resolve("Dockerfile")).contains("FLASHSALE_ADMIN_PASSWORD="),
                "the image bakes in an admin password");
    }

    /** Keys of docs/configuration.md as environment variable names. */
    private static Set<String> documentedKeys() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        for (String key : ConfigurationDocs.keys()) {
            keys.add(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return keys;
    }

    private static List<Map<String, Object>> kubernetes() throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/kubernetes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                docs.addAll(yaml(file));
            }
        }
        assertFalse(docs.isEmpty());
        return docs;
    }

    private static List<Map<String, Object>> yaml(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
                if (doc != null) {
                    docs.add(map(doc));
                }
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}
