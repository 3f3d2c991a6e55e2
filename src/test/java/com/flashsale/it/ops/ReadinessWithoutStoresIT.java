package com.flashsale.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.flashsale.infrastructure.health.MongoReadinessCheck;
import com.flashsale.infrastructure.health.RedisReadinessCheck;
import com.flashsale.infrastructure.health.ServiceLivenessCheck;
import jakarta.inject.Inject;
import java.io.File;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The health checks inside Liberty, in a copy of the application pointed at a Redis and a
 * MongoDB that do not answer: both readiness checks report DOWN (quickly), liveness stays UP.
 */
@ExtendWith(ArquillianExtension.class)
class ReadinessWithoutStoresIT {

    @Inject
    @Readiness
    RedisReadinessCheck redis;

    @Inject
    @Readiness
    MongoReadinessCheck mongo;

    @Inject
    @Liveness
    ServiceLivenessCheck liveness;

    @Deployment
    static WebArchive deployment() {
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "unreachable-stores.jar")
                .addAsManifestResource(new StringAsset(String.join("\n",
                        "config_ordinal=600",
                        "flashsale.redis.url=redis://127.0.0.1:1",
                        "flashsale.mongo.uri=mongodb://127.0.0.1:1",
                        "flashsale.embedded.enabled=false",
                        "flashsale.redis.connect-timeout-ms=300",
                        "flashsale.mongo.timeout-ms=300",
                        "flashsale.reconcile.on-startup=false")), "microprofile-config.properties");
        return ShrinkWrap.create(ZipImporter.class, "flashsale-unreachable.war")
                .importFrom(new File("target/flash-sale.war")).as(WebArchive.class)
                .addClass(ReadinessWithoutStoresIT.class)
                .addAsLibrary(config);
    }

    @Test
    void readinessIsDownWhileRedisIsUnreachable() {
        assertEquals(HealthCheckResponse.Status.DOWN, redis.call().getStatus());
    }

    @Test
    void readinessIsDownWhileMongoIsUnreachable() {
        assertEquals(HealthCheckResponse.Status.DOWN, mongo.call().getStatus());
    }

    @Test
    void livenessStaysUp() {
        assertEquals(HealthCheckResponse.Status.UP, liveness.call().getStatus());
    }
}
