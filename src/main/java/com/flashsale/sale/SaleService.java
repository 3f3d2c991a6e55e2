package com.flashsale.sale;

import com.flashsale.purchase.Reconciler;
import com.flashsale.purchase.StockGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;

/**
 * Creates, edits, cancels and reads sales. The durable record is written first; the decision
 * store is then given the state the purchase script needs, so purchases never read MongoDB.
 */
@ApplicationScoped
public class SaleService {

    private static final String SINGLE_SALE_LOCK = "single-sale-create";
    private static final long LOCK_MILLIS = 10_000;
    private static final Pattern SALE_ID = Pattern.compile("^[0-9a-f]{24}$");

    private final SaleRepository sales;
    private final StockGateway gateway;
    private final Reconciler reconciler;

    @Inject
    public SaleService(SaleRepository sales, StockGateway gateway, Reconciler reconciler) {
        this.sales = sales;
        this.gateway = gateway;
        this.reconciler = reconciler;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected SaleService() {
        this(null, null, null);
    }

    public Sale create(@NotNull @Valid SaleDraft draft) {
        Sale sale = draft.toNewSale(new ObjectId().toHexString(), Instant.now());
        sales.insert(sale);
        gateway.publish(sale);
        gateway.setCurrentSaleId(sale.id());
        return sale;
    }

    /** Edits a sale that has not started (by the decision store's clock). */
    public Sale update(String saleId, @NotNull @Valid SaleDraft draft) {
        SaleState state = state(saleId);
        if (state.status() != SaleStatus.UPCOMING) {
            throw new SaleAlreadyStartedException(saleId);
        }
        Sale updated = sale(saleId).withDraft(draft, state.serverTime());
        if (!sales.updateIfNotStarted(updated, state.serverTime())) {
            throw new SaleAlreadyStartedException(saleId);
        }
        if (!gateway.republishIfNotStarted(updated)) {
            reconciler.restore(saleId); // it opened in between: put the durable record back in charge
            throw new SaleAlreadyStartedException(saleId);
        }
        return updated;
    }

    /** Cancels a sale: no further purchases; purchases already made stand. */
    public Sale cancel(String saleId) {
        Sale sale = sale(saleId);
        sales.markCancelled(saleId, Instant.now());
        gateway.markCancelled(saleId);
        gateway.clearCurrentSaleId(saleId);
        return sale;
    }

    /** The durable record of a sale. */
    public Sale sale(String saleId) {
        return findSale(saleId).orElseThrow(() -> new SaleNotFoundException(saleId));
    }

    /** The live state of a sale, restoring it from the durable record if the store lost it. */
    public SaleState state(String saleId) {
        if (!isWellFormed(saleId)) {
            throw new SaleNotFoundException(saleId);
        }
        Optional<SaleState> state = gateway.state(saleId);
        if (state.isEmpty() && reconciler.restore(saleId)) {
            state = gateway.state(saleId);
        }
        return state.orElseThrow(() -> new SaleNotFoundException(saleId));
    }

    /** Every sale with its live state, newest first. */
    public List<SaleWithState> all() {
        return sales.findAll().stream().map(sale -> new SaleWithState(sale, state(sale.id()))).toList();
    }

    /**
     * Creates a sale only if no other open (not cancelled) sale exists: the seed-compatible rule
     * of one sale at a time, made atomic across instances by a short lock in the store.
     */
    public Sale createIfNoOpenSale(@NotNull @Valid SaleDraft draft) {
        String token = new ObjectId().toHexString();
        if (!gateway.tryLock(SINGLE_SALE_LOCK, token, LOCK_MILLIS)) {
            throw new SaleAlreadyExistsException();
        }
        try {
            if (sales.findLatestOpen().isPresent()) {
                throw new SaleAlreadyExistsException();
            }
            return create(draft);
        } finally {
            gateway.unlock(SINGLE_SALE_LOCK, token);
        }
    }

    /** The sale the seed-compatible API calls "the sale": the newest one not cancelled. */
    public Optional<String> currentSaleId() {
        Optional<String> cached = gateway.currentSaleId();
        if (cached.isPresent()) {
            return cached;
        }
        Optional<String> latest = sales.findLatestOpen().map(Sale::id);
        latest.ifPresent(gateway::setCurrentSaleId);
        return latest;
    }

    public static boolean isWellFormed(String saleId) {
        return saleId != null && SALE_ID.matcher(saleId).matches();
    }

    private Optional<Sale> findSale(String saleId) {
        return isWellFormed(saleId) ? sales.find(saleId) : Optional.empty();
    }
}
