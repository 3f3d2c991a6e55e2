package com.flashsale.infrastructure.embedded;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where Redis and MongoDB are. A configured URL wins; without one, and only when
 * {@code flashsale.embedded.enabled} is true (the development default, never the production
 * image), an embedded server is started on loopback.
 */
@ApplicationScoped
public class ServiceEndpoints {

    @Inject
    @ConfigProperty(name = "flashsale.redis.url")
    Optional<String> redisUrl;

    @Inject
    @ConfigProperty(name = "flashsale.mongo.uri")
    Optional<String> mongoUri;

    @Inject
    @ConfigProperty(name = "flashsale.embedded.enabled")
    boolean embeddedEnabled;

    @Inject
    Instance<EmbeddedStores> embedded;

    public String redisUrl() {
        return redisUrl.filter(s -> !s.isBlank()).orElseGet(() -> {
            requireEmbedded("flashsale.redis.url (FLASHSALE_REDIS_URL)");
            return embeddedStores().startRedis();
        });
    }

    public String mongoUri() {
        return mongoUri.filter(s -> !s.isBlank()).orElseGet(() -> {
            requireEmbedded("flashsale.mongo.uri (FLASHSALE_MONGO_URI)");
            return embeddedStores().startMongo();
        });
    }

    /** True when running on the embedded development defaults. */
    public boolean embeddedDefaults() {
        return embeddedEnabled && (redisUrl.filter(s -> !s.isBlank()).isEmpty()
                || mongoUri.filter(s -> !s.isBlank()).isEmpty());
    }

    private EmbeddedStores embeddedStores() {
        if (!embedded.isResolvable()) {
            throw new IllegalStateException("flashsale.embedded.enabled is true, but this build carries no embedded "
                    + "stores: they exist only in Maven-run servers (./mvnw liberty:run, liberty:dev, verify). "
                    + "Set flashsale.redis.url and flashsale.mongo.uri.");
        }
        return embedded.get();
    }

    private void requireEmbedded(String key) {
        if (!embeddedEnabled) {
            throw new IllegalStateException(key + " is not set and embedded services are disabled "
                    + "(flashsale.embedded.enabled=false)");
        }
    }
}
