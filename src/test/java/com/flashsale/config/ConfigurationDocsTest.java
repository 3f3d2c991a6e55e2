package com.flashsale.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each configuration default is stated once, and every key is explained: the code names keys
 * without defaults, {@code microprofile-config.properties} (or server.xml for Liberty's variables)
 * holds each default, {@code docs/configuration.md} explains each key.
 */
class ConfigurationDocsTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir"));
    private static final Pattern INJECTED = Pattern.compile(
            "@ConfigProperty\\(name = \"([^\"]+)\"(, defaultValue = \"[^\"]*\")?\\)\\s+(?:final\\s+)?([\\w<>]+)");
    private static final Pattern SERVER_VARIABLE = Pattern.compile("<variable name=\"([^\"]+)\" defaultValue=\"");

    @Test
    void theCodeStatesNoDefaultsAndEveryRequiredKeyHasOneInThePropertiesFile() throws IOException {
        Properties defaults = defaults();
        Map<String, String> injected = injectedKeys();
        assertTrue(injected.size() > 20, "expected the application's keys, found " + injected);
        injected.forEach((key, type) -> {
            if (!type.startsWith("Optional")) {
                assertTrue(defaults.containsKey(key), key + " (" + type + ") has no default in microprofile-config.properties");
            }
        });
    }

    @Test
    void everyKeyTheCodeReadsAndEveryServerVariableIsDocumented() throws IOException {
        Set<String> documented = ConfigurationDocs.keys();
        for (String key : injectedKeys().keySet()) {
            assertTrue(documented.contains(key), key + " is read by the code but not in docs/configuration.md");
        }
        Matcher variables = SERVER_VARIABLE.matcher(Files.readString(ROOT.resolve("src/main/liberty/config/server.xml")));
        int count = 0;
        while (variables.find()) {
            count++;
            assertTrue(documented.contains(variables.group(1)), variables.group(1) + " (server.xml) is not in docs/configuration.md");
        }
        assertTrue(count >= 10, "server.xml variables: " + count);
    }

    @Test
    void everyDocumentedApplicationKeyExists() throws IOException {
        Set<String> known = new java.util.HashSet<>(injectedKeys().keySet());
        defaults().stringPropertyNames().forEach(known::add);
        Matcher variables = SERVER_VARIABLE.matcher(Files.readString(ROOT.resolve("src/main/liberty/config/server.xml")));
        while (variables.find()) {
            known.add(variables.group(1));
        }
        for (String key : ConfigurationDocs.keys()) {
            assertTrue(known.contains(key), key + " is documented but nothing reads or defines it");
        }
    }

    @Test
    void siblingKeysExpandFromTheFirstKeyOfACell() {
        assertEquals("flashsale.embedded.mongo.port", ConfigurationDocs.sibling("flashsale.embedded.redis.port", ".mongo.port"));
        assertEquals("flashsale.redis.socket-timeout-ms", ConfigurationDocs.sibling("flashsale.redis.connect-timeout-ms", "socket-timeout-ms"));
    }

    /** Key → declared type of every {@code @ConfigProperty} injection in src/main/java; fails on a defaultValue. */
    private static Map<String, String> injectedKeys() throws IOException {
        Map<String, String> keys = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = INJECTED.matcher(Files.readString(file));
                while (m.find()) {
                    assertFalse(m.group(2) != null, file.getFileName() + " states a default for " + m.group(1)
                            + ": state it once, in microprofile-config.properties");
                    keys.put(m.group(1), m.group(3));
                }
            }
        }
        return keys;
    }

    private static Properties defaults() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(ROOT.resolve("src/main/resources/META-INF/microprofile-config.properties"))) {
            properties.load(in);
        }
        return properties;
    }
}
