package com.flashsale.admin;

import com.flashsale.purchase.Outbox;
import com.flashsale.purchase.OutboxPersister;
import com.flashsale.purchase.PurchaseRepository;
import com.flashsale.purchase.Reconciler;
import com.flashsale.sale.SaleRepository;
import com.flashsale.sale.SaleService;
import com.flashsale.sale.SaleState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Admin operations: audit a sale (decision store against durable record), reconcile on demand,
 * and reset data. Resets touch only this application's keys and collections.
 */
@ApplicationScoped
public class AdminService {

    private static final Logger LOG = Logger.getLogger(AdminService.class.getName());

    private final SaleService saleService;
    private final SaleRepository sales;
    private final PurchaseRepository purchases;
    private final StoreWipe store;
    private final Outbox outbox;
    private final OutboxPersister persister;
    private final Reconciler reconciler;

    @Inject
    public AdminService(SaleService saleService, SaleRepository sales, PurchaseRepository purchases,
                        StoreWipe store, Outbox outbox, OutboxPersister persister, Reconciler reconciler) {
        this.saleService = saleService;
        this.sales = sales;
        this.purchases = purchases;
        this.store = store;
        this.outbox = outbox;
        this.persister = persister;
        this.reconciler = reconciler;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected AdminService() {
        this(null, null, null, null, null, null, null);
    }

    /** What was removed by a reset. */
    public record ResetReport(long flashSalesDeleted, long purchasesDeleted, boolean redisFlushed) {
    }

    /** A sale's decision state next to its durable record. */
    public record SaleAudit(String saleId, int totalStock, long stockRemaining, long unitsSold,
                            long recordedPurchases, long outboxBacklog, boolean consistent) {
    }

    public SaleAudit audit(String saleId) {
        SaleState state = saleService.state(saleId);
        long backlog = outbox.backlog(saleId);
        long recorded = purchases.countBySale(saleId, null);
        return new SaleAudit(saleId, state.totalStock(), state.stockRemaining(), state.unitsSold(), recorded,
                backlog, state.unitsSold() == recorded + backlog);
    }

    public List<Reconciler.Result> reconcile() {
        return reconciler.reconcileOpenSales();
    }

    /** Deletes every sale and purchase, and the decision state that mirrors them. */
    public ResetReport resetDatabase() {
        store.forgetAll(); // the cache must not keep selling sales the database no longer has
        long purchasesDeleted = purchases.deleteAll();
        return new ResetReport(sales.deleteAll(), purchasesDeleted, false);
    }

    /**
     * Clears this application's Redis keys after recording what the outbox holds; the state of
     * each sale is rebuilt from MongoDB when next needed.
     */
    public ResetReport resetRedis() {
        try {
            persister.drainAll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Outbox drain before Redis reset failed: {0}", e.toString());
            throw e;
        }
        store.forgetAll();
        return new ResetReport(0, 0, true);
    }

    public ResetReport resetAll() {
        ResetReport database = resetDatabase();
        return new ResetReport(database.flashSalesDeleted(), database.purchasesDeleted(), true);
    }
}
