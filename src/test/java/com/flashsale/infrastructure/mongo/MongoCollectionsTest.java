package com.flashsale.infrastructure.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the MongoDB-compatible server in memory, on a loopback port of its own. */
class MongoCollectionsTest {

    private MongoServer server;
    private MongoClient client;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void deletesEveryDocumentInBatchesAndCountsThem() {
        MongoCollection<Document> collection = client.getDatabase("t").getCollection("purchases");
        int count = 2 * MongoCollections.DELETE_BATCH + 345;
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            docs.add(new Document("n", i));
        }
        collection.insertMany(docs);

        assertEquals(count, MongoCollections.deleteAll(collection));
        assertEquals(0, collection.countDocuments());
        assertEquals(0, MongoCollections.deleteAll(collection), "nothing left to delete");
    }
}
