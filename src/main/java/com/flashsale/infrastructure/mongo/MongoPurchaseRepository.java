package com.flashsale.infrastructure.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;

import com.flashsale.infrastructure.metrics.StoreCall;
import com.flashsale.purchase.PurchaseRepository;
import com.flashsale.purchase.Receipt;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Purchases in the {@code purchases} collection, keyed by purchase id. The unique index on
 * (saleId, userIdentifier) makes every write idempotent: a duplicate is a record already held.
 */
@ApplicationScoped
@StoreCall("mongo")
public class MongoPurchaseRepository implements PurchaseRepository {

    static final String COLLECTION = "purchases";

    private final MongoDatabase database;

    @Inject
    public MongoPurchaseRepository(MongoDatabase database) {
        this.database = database;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected MongoPurchaseRepository() {
        this(null);
    }

    @Override
    public void saveAll(List<Receipt> receipts) {
        if (receipts.size() == 1) {
            try {
                purchases().insertOne(toDocument(receipts.get(0)));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            return;
        }
        try {
            purchases().insertMany(receipts.stream().map(MongoPurchaseRepository::toDocument).toList(),
                    new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream()
                    .allMatch(err -> ErrorCategory.fromErrorCode(err.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates || e.getWriteConcernError() != null) {
                throw e;
            }
        }
    }

    @Override
    public Optional<Receipt> find(String saleId, String shopperId) {
        return Optional.ofNullable(purchases().find(and(eq("saleId", saleId), eq("userIdentifier", shopperId))).first())
                .map(MongoPurchaseRepository::toReceipt);
    }

    @Override
    public List<Receipt> findByShopper(String shopperId) {
        return purchases().find(eq("userIdentifier", shopperId)).sort(descending("purchasedAt"))
                .map(MongoPurchaseRepository::toReceipt).into(new ArrayList<>());
    }

    @Override
    public List<Receipt> findBySale(String saleId, String identifierPrefix, int page, int size) {
        return purchases().find(bySale(saleId, identifierPrefix)).sort(ascending("purchasedAt", "_id"))
                .skip(page * size).limit(size).map(MongoPurchaseRepository::toReceipt).into(new ArrayList<>());
    }

    @Override
    public void forEachChunk(String saleId, int chunkSize, Consumer<List<Receipt>> chunkConsumer) {
        try (MongoCursor<Document> cursor = purchases().find(eq("saleId", saleId)).batchSize(chunkSize).iterator()) {
            List<Receipt> chunk = new ArrayList<>(chunkSize);
            while (cursor.hasNext()) {
                chunk.add(toReceipt(cursor.next()));
                if (chunk.size() == chunkSize) {
                    chunkConsumer.accept(chunk);
                    chunk = new ArrayList<>(chunkSize);
                }
            }
            if (!chunk.isEmpty()) {
                chunkConsumer.accept(chunk);
            }
        }
    }

    @Override
    public long countBySale(String saleId, String identifierPrefix) {
        return purchases().countDocuments(bySale(saleId, identifierPrefix));
    }

    @Override
    public long countAll() {
        return purchases().countDocuments();
    }

    @Override
    public long deleteAll() {
        return MongoCollections.deleteAll(purchases());
    }


    private static Bson bySale(String saleId, String identifierPrefix) {
        if (identifierPrefix == null || identifierPrefix.isEmpty()) {
            return eq("saleId", saleId);
        }
        return and(eq("saleId", saleId), regex("userIdentifier", "^" + Pattern.quote(identifierPrefix)));
    }

    private MongoCollection<Document> purchases() {
        return database.getCollection(COLLECTION);
    }

    private static Document toDocument(Receipt r) {
        return new Document("_id", r.purchaseId()).append("saleId", r.saleId())
                .append("userIdentifier", r.userIdentifier()).append("purchasedAt", Date.from(r.purchasedAt()));
    }

    private static Receipt toReceipt(Document d) {
        return new Receipt(d.getString("_id"), d.getString("saleId"), d.getString("userIdentifier"),
                d.getDate("purchasedAt").toInstant());
    }
}
