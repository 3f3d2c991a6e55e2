package com.flashsale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Packages import downward only: the import lines of {@code src/main/java} form no cycle between
 * packages (a fully qualified name written in code is not seen; write an import).
 */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(com\\.flashsale\\.[\\w.]+)\\s*;",
            Pattern.MULTILINE);

    private static final Map<String, Set<String>> IMPORTS = importsByPackage();

    @Test
    void saleDoesNotImportPurchase() {
        assertFalse(IMPORTS.get("com.flashsale.sale").contains("com.flashsale.purchase"),
                "purchase uses sale; sale must reach purchase through ports of its own");
    }

    @Test
    void restAndSeedDoNotImportEachOther() {
        boolean restToSeed = IMPORTS.get("com.flashsale.infrastructure.rest").contains("com.flashsale.seed");
        boolean seedToRest = IMPORTS.get("com.flashsale.seed").contains("com.flashsale.infrastructure.rest");
        assertFalse(restToSeed && seedToRest, "infrastructure.rest and seed import each other");
    }

    @Test
    void noPackagesImportEachOtherEvenThroughOthers() {
        List<List<String>> cycles = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String start : IMPORTS.keySet()) {
            findCycle(start, new ArrayList<>(), done, cycles);
        }
        assertEquals(List.of(), cycles, "package import cycles");
    }

    @Test
    void seesTheImportsItChecks() {
        assertTrue(IMPORTS.get("com.flashsale.purchase").contains("com.flashsale.sale"), "the scan reads import lines");
    }

    /** Depth-first search; a package on the current path reached again closes a cycle. */
    private static void findCycle(String pkg, List<String> path, Set<String> done, List<List<String>> cycles) {
        int seen = path.indexOf(pkg);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(pkg);
            cycles.add(cycle);
            return;
        }
        if (!done.add(pkg)) {
            return;
        }
        path.add(pkg);
        for (String next : IMPORTS.getOrDefault(pkg, Set.of())) {
            findCycle(next, path, done, cycles);
        }
        path.remove(path.size() - 1);
    }

    private static Map<String, Set<String>> importsByPackage() {
        Map<String, Set<String>> imports = new TreeMap<>();
        List<Path> files = javaFiles();
        for (Path file : files) {
            imports.put(packageOf(file), new TreeSet<>());
        }
        // longest first, so com.flashsale.web.admin.X belongs to web.admin, not web
        List<String> packages = imports.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (Path file : files) {
            String own = packageOf(file);
            Matcher m = IMPORT.matcher(read(file));
            while (m.find()) {
                String imported = m.group(1);
                packages.stream().filter(p -> imported.startsWith(p + '.')).findFirst()
                        .filter(p -> !p.equals(own)).ifPresent(imports.get(own)::add);
            }
        }
        return imports;
    }

    private static List<Path> javaFiles() {
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            return walk.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String packageOf(Path file) {
        return SOURCES.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
