package com.flashsale.it.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The numbers of one scenario run, as reported in docs/reliability.md. {@link #append} adds them
 * as a Markdown table row to {@code target/faults/results.md}, so the document quotes real runs.
 */
record ScenarioOutcome(String scenario, int shoppers, int stock, int attempts, int confirmed, int lost,
                       int duplicates, int oversold, int unavailable, int connectionFailures, int clientTimeouts,
                       int unexpected, long recorded, int boughtWithoutA201, long maxLatencyDuringFaultMs, long recoveryMs) {

    static final String HEADER = "| finished (UTC) | scenario | shoppers / stock | attempts | confirmed (201) | lost | duplicates "
            + "| oversold | 503s | connection failures | client timeouts | other answers | recorded in MongoDB "
            + "| bought, answer lost or 503 | max latency during fault | recovery |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";

    String row() {
        return "| " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " | " + scenario + " | " + shoppers + " / " + stock
                + " | " + attempts + " | " + confirmed + " | " + lost + " | " + duplicates + " | " + oversold + " | "
                + unavailable + " | " + connectionFailures + " | " + clientTimeouts + " | " + unexpected + " | " + recorded
                + " | " + boughtWithoutA201 + " | " + maxLatencyDuringFaultMs + " ms | " + String.format("%.1f s", recoveryMs / 1000.0) + " |\n";
    }

    void append(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.writeString(file, HEADER);
            }
            Files.writeString(file, row(), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
