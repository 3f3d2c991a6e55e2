package com.flashsale.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys of the table in {@code docs/configuration.md}. A first cell may name siblings after the
 * first key: {@code `flashsale.a.b` / `.c`} is {@code flashsale.a.b} and {@code flashsale.a.c}.
 */
public final class ConfigurationDocs {

    public static final Path FILE = Path.of(System.getProperty("user.dir"), "docs", "configuration.md");
    private static final Pattern TOKEN = Pattern.compile("`([^`]+)`");

    private ConfigurationDocs() {
    }

    /** Every key named in a first cell of the document's tables. */
    public static Set<String> keys() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        for (String line : Files.readAllLines(FILE)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            Matcher m = TOKEN.matcher(line.substring(1, line.indexOf('|', 1)));
            String first = null;
            while (m.find()) {
                String key = m.group(1);
                if (first == null) {
                    first = key;
                } else if (key.startsWith(".") || !key.contains(".")) {
                    key = sibling(first, key);
                }
                keys.add(key);
            }
        }
        return keys;
    }

    /** {@code flashsale.a.b.c} and {@code .x.y} give {@code flashsale.a.x.y}; {@code z} gives {@code flashsale.a.b.z}. */
    static String sibling(String first, String partial) {
        String tail = partial.startsWith(".") ? partial.substring(1) : partial;
        String[] head = first.split("\\.");
        int keep = head.length - tail.split("\\.").length;
        return String.join(".", List.of(head).subList(0, keep)) + "." + tail;
    }
}
