package com.flashsale.infrastructure.mongo;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Creates the indexes the service relies on. The unique (saleId, userIdentifier) index is a
 * correctness requirement: the service reports ready only once it exists.
 */
@ApplicationScoped
public class MongoSchema {

    @Inject
    MongoDatabase database;

    private volatile boolean ready;

    public void ensureIndexes() {
        var purchases = database.getCollection(MongoPurchaseRepository.COLLECTION);
        purchases.createIndex(Indexes.ascending("saleId", "userIdentifier"),
                new IndexOptions().unique(true).name("one_purchase_per_shopper"));
        purchases.createIndex(Indexes.compoundIndex(Indexes.ascending("userIdentifier"), Indexes.descending("purchasedAt")),
                new IndexOptions().name("shopper_history"));
        purchases.createIndex(Indexes.ascending("saleId", "purchasedAt"), new IndexOptions().name("sale_purchases"));
        database.getCollection(MongoSaleRepository.COLLECTION)
                .createIndex(Indexes.descending("createdAt"), new IndexOptions().name("newest_first"));
        ready = true;
    }

    public boolean isReady() {
        return ready;
    }
}
