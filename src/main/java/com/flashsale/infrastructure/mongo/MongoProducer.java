package com.flashsale.infrastructure.mongo;

import com.flashsale.infrastructure.embedded.ServiceEndpoints;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Produces the MongoDB client and database. Production should run a replica set with
 * {@code w=majority, j=true} (the default here when the URI names no write concern): a
 * purchase record acknowledged that way survives the loss of the primary.
 */
@ApplicationScoped
public class MongoProducer {

    @Inject
    ServiceEndpoints endpoints;

    @Inject
    @ConfigProperty(name = "flashsale.mongo.database")
    String database;

    @Inject
    @ConfigProperty(name = "flashsale.mongo.timeout-ms")
    int timeoutMillis;

    @Inject
    @ConfigProperty(name = "flashsale.mongo.read-timeout-ms")
    int readTimeoutMillis;

    @Produces
    @ApplicationScoped
    MongoClient mongoClient() {
        ConnectionString uri = new ConnectionString(endpoints.mongoUri());
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(uri)
                .applicationName("flash-sale")
                .applyToClusterSettings(c -> c.serverSelectionTimeout(timeoutMillis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                        .readTimeout(readTimeoutMillis, TimeUnit.MILLISECONDS));
        if (uri.getWriteConcern() == null) {
            settings.writeConcern(WriteConcern.MAJORITY.withJournal(true));
        }
        return MongoClients.create(settings.build());
    }

    @Produces
    @ApplicationScoped
    MongoDatabase database(MongoClient client) {
        return client.getDatabase(database);
    }

    void close(@Disposes MongoClient client) {
        client.close();
    }
}
