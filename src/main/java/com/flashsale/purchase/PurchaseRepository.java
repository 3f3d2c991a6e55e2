package com.flashsale.purchase;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The durable record of purchases. At most one record per (sale, shopper); writing a
 * purchase twice is harmless.
 */
public interface PurchaseRepository {

    /** Records purchases; those already recorded are skipped. */
    void saveAll(List<Receipt> receipts);

    Optional<Receipt> find(String saleId, String shopperId);

    List<Receipt> findByShopper(String shopperId);

    /** One page (0-based) of a sale's purchases, oldest first, optionally filtered by identifier prefix. */
    List<Receipt> findBySale(String saleId, String identifierPrefix, int page, int size);

    /** Streams every purchase of a sale in chunks. */
    void forEachChunk(String saleId, int chunkSize, Consumer<List<Receipt>> chunkConsumer);

    long countBySale(String saleId, String identifierPrefix);

    long countAll();

    long deleteAll();
}
