package com.flashsale.purchase;

import com.flashsale.sale.Sale;
import com.flashsale.sale.SaleRepository;
import com.flashsale.sale.SaleRestorer;
import com.flashsale.sale.SaleState;
import com.flashsale.sale.SaleStates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import com.flashsale.StoreUnavailableException;

/**
 * Rebuilds the decision store from the durable record: after draining the outbox, it restores
 * each sale's window, buyers and stock (total minus recorded purchases). A store that lost its
 * data therefore never reads as "sold out" and never lets a shopper buy twice.
 */
@ApplicationScoped
public class Reconciler implements SaleRestorer {

    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());
    private static final int CHUNK = 1000;

    private final SaleRepository sales;
    private final PurchaseRepository purchases;
    private final SaleStates states;
    private final SaleStateRestore restore;
    private final OutboxPersister persister;
    private final PurchaseMetrics metrics;
    private static final int MAX_REMEMBERED_UNKNOWN = 10_000;
    private static final long UNKNOWN_TTL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ConcurrentHashMap<String, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();
    /** Sale ids just looked up and not found, with when to look again (System.nanoTime). */
    private final ConcurrentHashMap<String, Long> unknownSales = new ConcurrentHashMap<>();

    @Inject
    public Reconciler(SaleRepository sales, PurchaseRepository purchases, SaleStates states,
                      SaleStateRestore restore, OutboxPersister persister, PurchaseMetrics metrics) {
        this.sales = sales;
        this.purchases = purchases;
        this.states = states;
        this.restore = restore;
        this.persister = persister;
        this.metrics = metrics;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected Reconciler() {
        this(null, null, null, null, null, null);
    }

    /** The outcome of reconciling one sale. */
    public record Result(String saleId, boolean rebuilt, int buyersRestored, long stockRemaining,
                         long recordedPurchases, boolean consistent) {
    }

    /** Reconciles every sale whose window has not ended. */
    public List<Result> reconcileOpenSales() {
        persister.drainAll();
        return sales.findNotEndedAt(Instant.now()).stream().map(this::reconcile).toList();
    }

    /**
     * Restores one sale's state if it exists durably; concurrent callers for the same sale
     * share one restore.
     *
     * @return false if the sale does not exist
     */
    @Override
    public boolean restore(String saleId) {
        Long unknownUntil = unknownSales.get(saleId);
        if (unknownUntil != null && unknownUntil > System.nanoTime()) {
            return false; // asked again within moments: spare MongoDB the same lookup
        }
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = inFlight.putIfAbsent(saleId, mine);
        if (running != null) {
            return await(running);
        }
        try {
            Optional<Sale> sale = sales.find(saleId);
            sale.ifPresentOrElse(this::reconcile, () -> rememberUnknown(saleId));
            mine.complete(sale.isPresent());
            return sale.isPresent();
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(saleId, mine);
        }
    }

    /** Reconciles one sale and reports whether store and durable record agree. */
    public Result reconcile(Sale sale) {
        persister.drain(sale.id());
        long recorded = purchases.countBySale(sale.id(), null);
        boolean rebuild = restore.beginRestore(sale, recorded);
        int[] restored = {0};
        if (rebuild) {
            purchases.forEachChunk(sale.id(), CHUNK,
                    chunk -> restored[0] += restore.restoreBuyers(sale.id(), sale.totalStock(), chunk));
            restore.finishRestore(sale.id(), sale.totalStock());
            LOG.info(() -> "Rebuilt state of sale " + sale.id() + ": " + restored[0] + " buyers restored from "
                    + recorded + " records");
        }
        metrics.reconciled(rebuild);
        SaleState state = states.state(sale.id()).orElseThrow(
                () -> new StoreUnavailableException("State of sale " + sale.id() + " vanished during reconciliation"));
        long recordedAfter = purchases.countBySale(sale.id(), null);
        return new Result(sale.id(), rebuild, restored[0], state.stockRemaining(), recordedAfter,
                state.stockRemaining() == sale.totalStock() - recordedAfter);
    }

    private void rememberUnknown(String saleId) {
        if (unknownSales.size() > MAX_REMEMBERED_UNKNOWN) {
            unknownSales.clear();
        }
        unknownSales.put(saleId, System.nanoTime() + UNKNOWN_TTL_NANOS);
    }

    private static boolean await(CompletableFuture<Boolean> running) {
        try {
            return running.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Interrupted while the sale was being restored", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreUnavailableException("The sale is being restored; try again in a moment.", e);
        }
    }
}
