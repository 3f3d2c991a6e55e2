package com.flashsale.infrastructure.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.flashsale.infrastructure.metrics.StoreCall;
import com.flashsale.sale.Sale;
import com.flashsale.sale.SaleRepository;
import com.flashsale.sale.WaitingRoom;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Sales in the {@code sales} collection, one document per sale keyed by its id. */
@ApplicationScoped
@StoreCall("mongo")
public class MongoSaleRepository implements SaleRepository {

    static final String COLLECTION = "sales";

    private final MongoDatabase database;

    @Inject
    public MongoSaleRepository(MongoDatabase database) {
        this.database = database;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected MongoSaleRepository() {
        this(null);
    }

    @Override
    public void insert(Sale sale) {
        sales().insertOne(new Document("_id", sale.id())
                .append("productName", sale.productName())
                .append("totalStock", sale.totalStock())
                .append("startTime", Date.from(sale.startTime()))
                .append("endTime", Date.from(sale.endTime()))
                .append("createdAt", Date.from(sale.createdAt()))
                .append("updatedAt", Date.from(sale.updatedAt()))
                .append("cancelled", sale.cancelled())
                .append("waitingRoom", waitingRoom(sale.waitingRoom())));
    }

    @Override
    public Optional<Sale> find(String id) {
        return Optional.ofNullable(sales().find(eq("_id", id)).first()).map(MongoSaleRepository::toSale);
    }

    @Override
    public List<Sale> findAll() {
        return sales().find().sort(descending("createdAt")).map(MongoSaleRepository::toSale).into(new ArrayList<>());
    }

    @Override
    public Optional<Sale> findLatestOpen() {
        return Optional.ofNullable(sales().find(eq("cancelled", false)).sort(descending("createdAt")).first())
                .map(MongoSaleRepository::toSale);
    }

    @Override
    public List<Sale> findNotEndedAt(Instant now) {
        return sales().find(gt("endTime", Date.from(now))).map(MongoSaleRepository::toSale).into(new ArrayList<>());
    }

    @Override
    public boolean updateIfNotStarted(Sale sale, Instant now) {
        return sales().updateOne(
                and(eq("_id", sale.id()), eq("cancelled", false), gt("startTime", Date.from(now))),
                combine(set("productName", sale.productName()), set("totalStock", sale.totalStock()),
                        set("startTime", Date.from(sale.startTime())), set("endTime", Date.from(sale.endTime())),
                        set("updatedAt", Date.from(sale.updatedAt())),
                        set("waitingRoom", waitingRoom(sale.waitingRoom()))))
                .getMatchedCount() == 1;
    }

    @Override
    public boolean updateWaitingRoom(String id, WaitingRoom waitingRoom, Instant now) {
        return sales().updateOne(and(eq("_id", id), ne("waitingRoom", null)),
                combine(set("waitingRoom", waitingRoom(waitingRoom)), set("updatedAt", Date.from(now))))
                .getMatchedCount() == 1;
    }

    @Override
    public boolean markCancelled(String id, Instant now) {
        return sales().updateOne(eq("_id", id), combine(set("cancelled", true), set("updatedAt", Date.from(now))))
                .getMatchedCount() == 1;
    }

    @Override
    public long deleteAll() {
        return MongoCollections.deleteAll(sales());
    }

    private MongoCollection<Document> sales() {
        return database.getCollection(COLLECTION);
    }

    private static Sale toSale(Document d) {
        return new Sale(d.getString("_id"), d.getString("productName"), d.getInteger("totalStock"),
                d.getDate("startTime").toInstant(), d.getDate("endTime").toInstant(),
                d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant(),
                d.getBoolean("cancelled", false), waitingRoom(d.get("waitingRoom", Document.class)));
    }

    private static Document waitingRoom(WaitingRoom room) {
        return room == null ? null : new Document("admissionRatePerSecond", room.admissionRatePerSecond())
                .append("admissionValiditySeconds", room.admissionValiditySeconds())
                .append("shuffleEarlyArrivals", room.shuffleEarlyArrivals())
                .append("paused", room.paused());
    }

    private static WaitingRoom waitingRoom(Document d) {
        return d == null ? null : new WaitingRoom(d.getInteger("admissionRatePerSecond"),
                d.getInteger("admissionValiditySeconds"), d.getBoolean("shuffleEarlyArrivals", false),
                d.getBoolean("paused", false));
    }
}
