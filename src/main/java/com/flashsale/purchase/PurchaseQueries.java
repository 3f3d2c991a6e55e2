package com.flashsale.purchase;

import com.flashsale.sale.SaleService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads a sale's durable purchase record for the admin: pages and a CSV export. */
@ApplicationScoped
public class PurchaseQueries {

    @Inject
    PurchaseRepository purchases;

    @Inject
    SaleService sales;

    public PurchasePage page(String saleId, String identifierPrefix, int page, int size) {
        sales.sale(saleId);
        String prefix = identifierPrefix == null ? null : identifierPrefix.strip().toLowerCase(Locale.ROOT);
        return new PurchasePage(purchases.findBySale(saleId, prefix, page, size), page, size,
                purchases.countBySale(saleId, prefix));
    }

    /** Hands the time of every recorded purchase of a sale to {@code consumer}, in no particular order. */
    public void forEachPurchaseTime(String saleId, java.util.function.Consumer<java.time.Instant> consumer) {
        sales.sale(saleId);
        purchases.forEachChunk(saleId, 1000, chunk -> chunk.forEach(r -> consumer.accept(r.purchasedAt())));
    }

    public StreamingOutput csv(String saleId) {
        sales.sale(saleId);
        return out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write("purchaseId,saleId,userIdentifier,purchasedAt\r\n");
            purchases.forEachChunk(saleId, 1000, chunk -> chunk.forEach(r -> {
                try {
                    writer.write(r.purchaseId() + ',' + r.saleId() + ',' + r.userIdentifier() + ','
                            + r.purchasedAt() + "\r\n");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
            writer.flush();
        };
    }
}
