package com.flashsale.infrastructure.mongo;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** Operations on a whole collection that must stay within the client's timeouts however big it is. */
final class MongoCollections {

    /** Documents per delete of {@link #deleteAll}: each is one short call, well inside the read timeout. */
    static final int DELETE_BATCH = 5_000;

    private MongoCollections() {
    }

    /**
     * Deletes every document of a collection, a batch of ids at a time, and returns how many. One
     * deleteMany of a whole collection is one call that can run past the client's read timeout
     * (measured: 60,000 purchases on the embedded server's H2 backend took longer than the 5 s of
     * {@code flashsale.mongo.read-timeout-ms}, and the admin reset answered 503 while the delete went
     * on); batches keep every call short, and a reset that fails half-way leaves a smaller
     * collection for the next one to finish.
     */
    static long deleteAll(MongoCollection<Document> collection) {
        long deleted = 0;
        while (true) {
            List<Object> ids = new ArrayList<>(DELETE_BATCH);
            collection.find().projection(new Document("_id", 1)).limit(DELETE_BATCH)
                    .forEach(d -> ids.add(d.get("_id")));
            if (ids.isEmpty()) {
                return deleted;
            }
            deleted += collection.deleteMany(in("_id", ids)).getDeletedCount();
        }
    }
}
