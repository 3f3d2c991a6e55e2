package com.flashsale.web.admin;

import com.flashsale.purchase.PurchasePage;
import com.flashsale.purchase.PurchaseQueries;
import com.flashsale.sale.SaleNotFoundException;
import com.flashsale.sale.SaleService;
import com.flashsale.web.SaleView;
import com.flashsale.web.Times;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * A sale's recorded purchases ({@code admin/purchases.xhtml?sale=…&q=…&page=…}): a paged table
 * searchable by identifier prefix. Read-only, so search and paging are plain GET links.
 */
@Named("adminPurchasesBacking")
@RequestScoped
public class PurchasesBacking {

    static final int PAGE_SIZE = 25;

    @Inject
    SaleService sales;

    @Inject
    PurchaseQueries queries;

    private String sale;
    private String q;
    private int page;
    private SaleView saleView;
    private PurchasePage result;

    /** One row of the table. */
    public record Row(String userIdentifier, String purchasedAt, String purchaseId) {

        public String getUserIdentifier() {
            return userIdentifier;
        }

        public String getPurchasedAt() {
            return purchasedAt;
        }

        public String getPurchaseId() {
            return purchaseId;
        }
    }

    public void load() {
        try {
            saleView = new SaleView(sales.state(sale));
            page = Math.max(0, page);
            result = queries.page(sale, q == null || q.isBlank() ? null : q, page, PAGE_SIZE);
        } catch (SaleNotFoundException e) {
            FacesContext.getCurrentInstance().getExternalContext().setResponseStatus(404);
        }
    }

    public List<Row> getRows() {
        return result == null ? List.of() : result.items().stream()
                .map(r -> new Row(r.userIdentifier(), Times.display(r.purchasedAt()), r.purchaseId())).toList();
    }

    public long getTotal() {
        return result == null ? 0 : result.total();
    }

    public int getPageCount() {
        return pageCount(getTotal(), PAGE_SIZE);
    }

    static int pageCount(long total, int size) {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean isHasPrevious() {
        return page > 0;
    }

    public boolean isHasNext() {
        return page + 1 < getPageCount();
    }

    public SaleView getSaleView() {
        return saleView;
    }

    public String getSale() {
        return sale;
    }

    public void setSale(String sale) {
        this.sale = sale;
    }

    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = q;
    }

    public int getPage() {
        return page;
    }

    public void setPage(int page) {
        this.page = page;
    }
}
