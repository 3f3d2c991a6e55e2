package com.flashsale.sale;

import com.flashsale.InvalidRequestException;
import com.flashsale.admission.AdmissionTokens;
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
    private final SaleStates states;
    private final SaleRestorer restorer;
    private final CurrentSale current;
    private final SharedLocks locks;
    private final AdmissionTokens tokens;

    @Inject
    public SaleService(SaleRepository sales, SaleStates states, SaleRestorer restorer, CurrentSale current,
                       SharedLocks locks, AdmissionTokens tokens) {
        this.sales = sales;
        this.states = states;
        this.restorer = restorer;
        this.current = current;
        this.locks = locks;
        this.tokens = tokens;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected SaleService() {
        this(null, null, null, null, null, null);
    }

    public Sale create(@NotNull @Valid SaleDraft draft) {
        requireWaitingRoomSupport(draft);
        Sale sale = draft.toNewSale(new ObjectId().toHexString(), Instant.now());
        sales.insert(sale);
        states.publish(sale);
        current.setCurrentSaleId(sale.id());
        return sale;
    }

    /** Edits a sale that has not started (by the decision store's clock). */
    public Sale update(String saleId, @NotNull @Valid SaleDraft draft) {
        requireWaitingRoomSupport(draft);
        SaleState state = state(saleId);
        if (state.status() != SaleStatus.UPCOMING) {
            throw new SaleAlreadyStartedException(saleId);
        }
        Sale updated = sale(saleId).withDraft(draft, state.serverTime());
        if (!sales.updateIfNotStarted(updated, state.serverTime())) {
            throw new SaleAlreadyStartedException(saleId);
        }
        if (!states.republishIfNotStarted(updated)) {
            restorer.restore(saleId); // it opened in between: put the durable record back in charge
            throw new SaleAlreadyStartedException(saleId);
        }
        return updated;
    }

    /** Cancels a sale: no further purchases; purchases already made stand. */
    public Sale cancel(String saleId) {
        Sale sale = sale(saleId);
        sales.markCancelled(saleId, Instant.now());
        states.markCancelled(saleId);
        current.clearCurrentSaleId(saleId);
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
        Optional<SaleState> state = states.state(saleId);
        if (state.isEmpty() && restorer.restore(saleId)) {
            state = states.state(saleId);
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
        if (!locks.tryLock(SINGLE_SALE_LOCK, token, LOCK_MILLIS)) {
            throw new SaleAlreadyExistsException();
        }
        try {
            if (sales.findLatestOpen().isPresent()) {
                throw new SaleAlreadyExistsException();
            }
            return create(draft);
        } finally {
            locks.unlock(SINGLE_SALE_LOCK, token);
        }
    }

    /** The sale the seed-compatible API calls "the sale": the newest one not cancelled. */
    public Optional<String> currentSaleId() {
        Optional<String> cached = current.currentSaleId();
        if (cached.isPresent()) {
            return cached;
        }
        Optional<String> latest = sales.findLatestOpen().map(Sale::id);
        latest.ifPresent(current::setCurrentSaleId);
        return latest;
    }

    private void requireWaitingRoomSupport(SaleDraft draft) {
        if (draft.waitingRoom() != null && !tokens.available()) {
            throw new InvalidRequestException("waitingRoom",
                    "waitingRoom needs the server setting flashsale.queue.token-secret (at least 32 characters)");
        }
    }

    public static boolean isWellFormed(String saleId) {
        return saleId != null && SALE_ID.matcher(saleId).matches();
    }

    private Optional<Sale> findSale(String saleId) {
        return isWellFormed(saleId) ? sales.find(saleId) : Optional.empty();
    }
}
