package com.flashsale.web.admin;

import com.flashsale.admin.AdminService;
import com.flashsale.admin.AdminService.ResetReport;
import com.flashsale.purchase.Reconciler;
import com.flashsale.web.Feedback;
import com.flashsale.web.live.LiveSales;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Operations ({@code admin/operations.xhtml}): run reconciliation and show its result, and reset
 * data (only this application's keys and collections) after the admin types RESET.
 */
@Named
@RequestScoped
public class OperationsBacking {

    static final String CONFIRMATION = "RESET";
    static final String RESULTS = "reconciliation";

    @Inject
    AdminService admin;

    @Inject
    LiveSales live;

    private String confirmation;
    private String scope = "database";

    /** One reconciled sale, as the result table shows it. */
    public record Row(String saleId, boolean rebuilt, int buyersRestored, long stockRemaining,
                      long recordedPurchases, boolean consistent) {

        static Row of(Reconciler.Result r) {
            return new Row(r.saleId(), r.rebuilt(), r.buyersRestored(), r.stockRemaining(), r.recordedPurchases(),
                    r.consistent());
        }

        public String getSaleId() {
            return saleId;
        }

        public String getRebuilt() {
            return rebuilt ? "rebuilt from MongoDB" : "in place";
        }

        public int getBuyersRestored() {
            return buyersRestored;
        }

        public long getStockRemaining() {
            return stockRemaining;
        }

        public long getRecordedPurchases() {
            return recordedPurchases;
        }

        public String getConsistent() {
            return consistent ? "yes" : "NO";
        }
    }

    public String reconcile() {
        List<Row> rows = admin.reconcile().stream().map(Row::of).toList();
        long inconsistent = rows.stream().filter(r -> !r.consistent()).count();
        Feedback.info(summary(rows.size(), rows.stream().filter(Row::rebuilt).count(), inconsistent));
        FacesContext.getCurrentInstance().getExternalContext().getFlash().put(RESULTS, rows);
        return "/admin/operations?faces-redirect=true";
    }

    static String summary(int sales, long rebuilt, long inconsistent) {
        return "Reconciliation done: " + sales + " open sale(s), " + rebuilt + " rebuilt, "
                + (inconsistent == 0 ? "all consistent." : inconsistent + " still inconsistent.");
    }

    public String reset() {
        if (!confirmed(confirmation)) {
            Feedback.field("reset:confirmation", "Type RESET in capital letters to confirm.");
            return null;
        }
        ResetReport report = switch (scope) {
            case "redis" -> admin.resetRedis();
            case "all" -> admin.resetAll();
            default -> admin.resetDatabase();
        };
        Feedback.info("Reset done: " + report.flashSalesDeleted() + " sale(s) and " + report.purchasesDeleted()
                + " purchase(s) deleted" + (report.redisFlushed() ? ", Redis keys cleared." : "."));
        return "/admin/operations?faces-redirect=true";
    }

    static boolean confirmed(String typed) {
        return typed != null && CONFIRMATION.equals(typed.strip());
    }

    public int getWatchers() {
        return live.watchers();
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }
}
