package com.flashsale.purchase;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Purchases decided but possibly not yet in the durable record. The decision appends every
 * new purchase here in the same atomic step; entries leave only once the record holds them.
 */
public interface Outbox {

    /** Sales that may have entries. */
    Set<String> saleIds();

    /** Takes up to {@code max} entries for this consumer: new ones and those abandoned by others. */
    List<Entry> take(String saleId, String consumer, int max);

    /** Removes entries now held by the durable record. */
    void acknowledge(String saleId, List<String> entryIds);

    /** How many entries wait for the durable record. */
    long backlog(String saleId);

    /** When the oldest waiting entry was appended, if any waits. */
    Optional<Instant> oldestEntry(String saleId);

    /** One decided purchase waiting to be recorded. */
    record Entry(String id, Receipt receipt) {
    }
}
