package com.flashsale.purchase;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The durable record in memory: one purchase per (sale, shopper); can be told to fail. */
class InMemoryPurchaseRepository implements PurchaseRepository {

    private final List<Receipt> receipts = new ArrayList<>();
    private final List<String> log;
    /** When set, {@link #saveAll} throws it instead of writing. */
    RuntimeException failure;
    int saveCalls;

    InMemoryPurchaseRepository(List<String> log) {
        this.log = log;
    }

    List<Receipt> all() {
        return List.copyOf(receipts);
    }

    @Override
    public void saveAll(List<Receipt> batch) {
        saveCalls++;
        if (failure != null) {
            log.add("save-failed:" + batch.stream().map(Receipt::purchaseId).toList());
            throw failure;
        }
        log.add("save:" + batch.stream().map(Receipt::purchaseId).toList());
        for (Receipt r : batch) {
            if (find(r.saleId(), r.userIdentifier()).isEmpty()) {
                receipts.add(r);
            }
        }
    }

    @Override
    public Optional<Receipt> find(String saleId, String shopperId) {
        return receipts.stream().filter(r -> r.saleId().equals(saleId) && r.userIdentifier().equals(shopperId))
                .findFirst();
    }

    @Override
    public List<Receipt> findByShopper(String shopperId) {
        return receipts.stream().filter(r -> r.userIdentifier().equals(shopperId))
                .sorted(Comparator.comparing(Receipt::purchasedAt).reversed()).toList();
    }

    @Override
    public List<Receipt> findBySale(String saleId, String identifierPrefix, int page, int size) {
        return bySale(saleId, identifierPrefix).stream().skip((long) page * size).limit(size).toList();
    }

    @Override
    public void forEachChunk(String saleId, int chunkSize, Consumer<List<Receipt>> chunkConsumer) {
        List<Receipt> all = bySale(saleId, null);
        for (int i = 0; i < all.size(); i += chunkSize) {
            chunkConsumer.accept(all.subList(i, Math.min(all.size(), i + chunkSize)));
        }
    }

    @Override
    public long countBySale(String saleId, String identifierPrefix) {
        return bySale(saleId, identifierPrefix).size();
    }

    @Override
    public long countAll() {
        return receipts.size();
    }

    @Override
    public long deleteAll() {
        long n = receipts.size();
        receipts.clear();
        return n;
    }

    private List<Receipt> bySale(String saleId, String prefix) {
        return receipts.stream().filter(r -> r.saleId().equals(saleId))
                .filter(r -> prefix == null || r.userIdentifier().startsWith(prefix)).toList();
    }
}
