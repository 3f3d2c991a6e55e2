package com.flashsale.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Checks a sale's durable record against the receipts a rush was answered with. */
public final class RecordAudit {

    private RecordAudit() {
    }

    /**
     * Waits (at most 30 s) for the outbox to drain, then asserts that MongoDB holds exactly {@code sold}
     * purchases, that the admin audit finds Redis and MongoDB consistent, and that the CSV export names
     * exactly the purchases of {@code receipts} (shopper -> purchaseId), each for its shopper.
     */
    public static void assertRecordsMatch(String sale, int sold, Map<String, String> receipts)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonObject audit;
        do {
            audit = Api.getAsAdmin("/api/v1/admin/sales/" + sale + "/audit").json();
            if (audit.getInt("outboxBacklog") == 0 && audit.getInt("recordedPurchases") == sold) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        assertEquals(sold, audit.getInt("recordedPurchases"), audit.toString());
        assertEquals(0, audit.getInt("outboxBacklog"), audit.toString());
        assertTrue(audit.getBoolean("consistent"), audit.toString());

        Set<String> recorded = new HashSet<>();
        String csv = Api.get("/api/v1/sales/" + sale + "/purchases", "text/csv", true).body();
        for (String line : csv.strip().split("\r\n")) {
            String[] f = line.split(",");
            if (!"purchaseId".equals(f[0])) {
                assertEquals(receipts.get(f[2]), f[0], "record of " + f[2] + " matches its receipt");
                recorded.add(f[0]);
            }
        }
        assertEquals(new HashSet<>(receipts.values()), recorded);
    }
}
