package com.flashsale.it.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.admin.AdminService;
import com.flashsale.purchase.Decision.Outcome;
import com.flashsale.purchase.PurchaseRejectedException;
import com.flashsale.purchase.PurchaseService;
import com.flashsale.purchase.Receipt;
import com.flashsale.sale.Sale;
import com.flashsale.sale.SaleDraft;
import com.flashsale.sale.SaleService;
import com.flashsale.sale.SaleStatus;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service wiring inside Liberty: the built WAR, deployed a second time by Arquillian and
 * pointed at the Redis and MongoDB the main application started, with CDI, Bean Validation
 * interceptors and MicroProfile Config doing their real work.
 */
@ExtendWith(ArquillianExtension.class)
class PurchaseWiringIT {

    @Inject
    SaleService sales;

    @Inject
    PurchaseService purchases;

    @Inject
    AdminService admin;

    @Deployment
    static WebArchive deployment() {
        // A higher-ordinal config source: use the running stores, start nothing embedded.
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "it-config.jar")
                .addAsManifestResource(new StringAsset(String.join("\n",
                        "config_ordinal=600",
                        "flashsale.redis.url=" + System.getProperty("flashsale.it.redisUrl", "redis://127.0.0.1:6380"),
                        "flashsale.mongo.uri=" + System.getProperty("flashsale.it.mongoUri", "mongodb://127.0.0.1:27018"),
                        "flashsale.embedded.enabled=false",
                        "flashsale.reconcile.on-startup=false")), "microprofile-config.properties");
        return ShrinkWrap.create(ZipImporter.class, "flashsale-arquillian.war")
                .importFrom(new File("target/flash-sale.war")).as(WebArchive.class)
                .addClass(PurchaseWiringIT.class)
                .addAsLibrary(config);
    }

    @Test
    void createsSaleAndDecidesPurchasesThroughTheInjectedServices() {
        Sale sale = sales.create(new SaleDraft("  In-server  ", 2, Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofHours(1))));
        assertEquals("In-server", sale.productName());
        assertEquals(SaleStatus.ACTIVE, sales.state(sale.id()).status());

        Receipt first = purchases.purchase(sale.id(), "Wired@Example.com", null, "203.0.113.1");
        assertEquals("wired@example.com", first.userIdentifier());
        PurchaseRejectedException again = assertThrows(PurchaseRejectedException.class,
                () -> purchases.purchase(sale.id(), "wired@example.com", null, "203.0.113.1"));
        assertEquals(Outcome.ALREADY_PURCHASED, again.outcome());
        assertEquals(first.purchaseId(), again.existing().purchaseId());

        purchases.purchase(sale.id(), "second-buyer", null, "203.0.113.1");
        PurchaseRejectedException soldOut = assertThrows(PurchaseRejectedException.class,
                () -> purchases.purchase(sale.id(), "third-buyer", null, "203.0.113.1"));
        assertEquals(Outcome.SOLD_OUT, soldOut.outcome());

        AdminService.SaleAudit audit = admin.audit(sale.id());
        assertEquals(0, audit.stockRemaining());
        assertEquals(2, audit.unitsSold());
        assertTrue(audit.consistent(), audit.toString());
    }

    @Test
    void beanValidationGuardsTheServiceMethods() {
        assertThrows(ConstraintViolationException.class, () -> sales.create(new SaleDraft(" ", 0,
                Instant.now(), Instant.now().minusSeconds(1))));
    }
}
