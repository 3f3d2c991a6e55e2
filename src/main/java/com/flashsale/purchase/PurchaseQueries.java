package com.flashsale.purchase;

import com.flashsale.InvalidRequestException;
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

    static final int MAX_PAGE = 1_000_000;
    static final int MAX_PAGE_SIZE = 500;

    /**
     * One page of a sale's purchases, oldest first, optionally of the identifiers starting with a prefix.
     *
     * @throws InvalidRequestException if {@code page} is not in 0..1,000,000 or {@code size} not in 1..500
     */
    public PurchasePage page(String saleId, String identifierPrefix, int page, int size) {
        requireWithin("page", page, 0, MAX_PAGE);
        requireWithin("size", size, 1, MAX_PAGE_SIZE);
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

    /*
     * Checked here rather than by Bean Validation on the resource's parameters: constraints on a
     * method make Weld subclass the whole resource, and its interception showed in the profile of
     * the shoppers' purchases on the same class (docs/benchmarks.md).
     */
    private static void requireWithin(String field, int value, int min, int max) {
        if (value < min) {
            throw new InvalidRequestException(field, "must be greater than or equal to " + min);
        }
        if (value > max) {
            throw new InvalidRequestException(field, "must be less than or equal to " + max);
        }
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
