package com.flashsale.web.admin;

import com.flashsale.purchase.PurchaseQueries;
import com.flashsale.sale.SaleService;
import com.flashsale.sale.SaleState;
import com.flashsale.sale.SaleStatus;
import com.flashsale.sale.SaleWithState;
import com.flashsale.web.SaleView;
import com.flashsale.web.live.PurchaseRate;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;

/**
 * The admin dashboard ({@code admin/index.xhtml?sale=…}): every sale with live sold, remaining
 * and status, the purchase rate, and a chart of units sold over time for the selected sale.
 */
@Named("dashboardBacking")
@RequestScoped
public class IndexBacking {

    @Inject
    SaleService sales;

    @Inject
    PurchaseQueries queries;

    @Inject
    PurchaseRate rate;

    private String selectedId;
    private List<SaleView> all = List.of();
    private SaleView selected;
    private SalesChart chart;
    private Instant serverTime = Instant.now();

    public void load() {
        all = sales.all().stream().map(SaleWithState::state).map(SaleView::new).toList();
        serverTime = all.stream().map(SaleView::getServerTime).findFirst().orElse(Instant.now());
        selected = all.stream().filter(s -> s.getId().equals(selectedId)).findFirst()
                .orElseGet(() -> all.isEmpty() ? null : all.get(0));
        if (selected != null) {
            chart = chartOf(selected.state());
        }
    }

    private SalesChart chartOf(SaleState state) {
        Instant to = state.serverTime().isBefore(state.endTime()) ? state.serverTime() : state.endTime();
        SalesChart c = new SalesChart(state.startTime(), to);
        queries.forEachPurchaseTime(state.saleId(), c::add);
        return c;
    }

    public long getActiveCount() {
        return all.stream().filter(s -> s.getStatus() == SaleStatus.ACTIVE).count();
    }

    public long getUnitsSold() {
        return all.stream().mapToLong(SaleView::getUnitsSold).sum();
    }

    public double getPurchasesPerSecond() {
        return rate.perSecond();
    }

    public List<SaleView> getSales() {
        return all;
    }

    public SaleView getSelected() {
        return selected;
    }

    public SalesChart getChart() {
        return chart;
    }

    public Instant getServerTime() {
        return serverTime;
    }

    public String getSale() {
        return selectedId;
    }

    public void setSale(String sale) {
        this.selectedId = sale;
    }
}
