package com.flashsale.purchase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An outbox in memory: taken entries stay pending until acknowledged. Logs what happens. */
class InMemoryOutbox implements Outbox {

    private final Map<String, LinkedHashMap<String, Receipt>> fresh = new LinkedHashMap<>();
    private final Map<String, LinkedHashMap<String, Receipt>> pending = new LinkedHashMap<>();
    private final List<String> log;
    final List<Integer> takeSizes = new ArrayList<>();
    private int sequence;

    InMemoryOutbox(List<String> log) {
        this.log = log;
    }

    /** Appends a decided purchase, as the purchase step does; returns the entry id. */
    String append(Receipt receipt) {
        String id = (++sequence) + "-0";
        fresh.computeIfAbsent(receipt.saleId(), k -> new LinkedHashMap<>()).put(id, receipt);
        return id;
    }

    @Override
    public Set<String> saleIds() {
        Set<String> ids = new LinkedHashSet<>(fresh.keySet());
        ids.addAll(pending.keySet());
        return ids;
    }

    @Override
    public List<Entry> take(String saleId, String consumer, int max) {
        List<Entry> batch = new ArrayList<>();
        var source = fresh.getOrDefault(saleId, new LinkedHashMap<>());
        var it = source.entrySet().iterator();
        while (it.hasNext() && batch.size() < max) {
            var e = it.next();
            it.remove();
            pending.computeIfAbsent(saleId, k -> new LinkedHashMap<>()).put(e.getKey(), e.getValue());
            batch.add(new Entry(e.getKey(), e.getValue()));
        }
        takeSizes.add(batch.size());
        log.add("take:" + saleId + ":" + batch.size());
        return batch;
    }

    @Override
    public void acknowledge(String saleId, List<String> entryIds) {
        log.add("ack:" + entryIds);
        // Like XACK + XDEL: the entry leaves whether or not it was taken.
        for (var entries : List.of(fresh, pending)) {
            var p = entries.get(saleId);
            if (p != null) {
                entryIds.forEach(p::remove);
            }
        }
    }

    @Override
    public long backlog(String saleId) {
        return fresh.getOrDefault(saleId, new LinkedHashMap<>()).size()
                + pending.getOrDefault(saleId, new LinkedHashMap<>()).size();
    }

    @Override
    public Optional<Instant> oldestEntry(String saleId) {
        return java.util.stream.Stream.of(pending, fresh)
                .flatMap(m -> m.getOrDefault(saleId, new LinkedHashMap<>()).values().stream())
                .map(Receipt::purchasedAt).min(Instant::compareTo);
    }

    /** Entries taken but never acknowledged. */
    int unacknowledged(String saleId) {
        return pending.getOrDefault(saleId, new LinkedHashMap<>()).size();
    }
}
