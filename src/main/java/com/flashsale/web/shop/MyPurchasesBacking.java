package com.flashsale.web.shop;

import com.flashsale.InvalidRequestException;
import com.flashsale.purchase.PurchaseService;
import com.flashsale.purchase.Receipt;
import com.flashsale.sale.Sale;
import com.flashsale.sale.SaleNotFoundException;
import com.flashsale.sale.SaleService;
import com.flashsale.web.Times;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * "My purchases" ({@code my-purchases.xhtml?shopper=…}): a shopper's purchase history across
 * sales. A read-only GET form, so the result can be bookmarked.
 */
@Named
@RequestScoped
public class MyPurchasesBacking {

    @Inject
    PurchaseService purchases;

    @Inject
    SaleService sales;

    private String shopper;
    private List<Row> rows;
    private String error;

    /** One purchase with the name of what was bought. */
    public record Row(String productName, String saleId, String purchaseId, String purchasedAt) {

        // Expression Language 5 reads JavaBean getters, not record accessors.
        public String getProductName() {
            return productName;
        }

        public String getSaleId() {
            return saleId;
        }

        public String getPurchaseId() {
            return purchaseId;
        }

        public String getPurchasedAt() {
            return purchasedAt;
        }
    }

    public void load() {
        if (shopper == null || shopper.isBlank()) {
            shopper = ShopperCookie.read(FacesContext.getCurrentInstance().getExternalContext());
            return;
        }
        try {
            Map<String, String> names = new HashMap<>();
            rows = purchases.history(shopper).stream().map(r -> row(r, names)).toList();
        } catch (InvalidRequestException e) {
            error = PurchaseOutcome.invalidInput(e.violations().get(0).message());
        }
    }

    private Row row(Receipt receipt, Map<String, String> names) {
        String name = names.computeIfAbsent(receipt.saleId(), this::productName);
        return new Row(name, receipt.saleId(), receipt.purchaseId(), Times.display(receipt.purchasedAt()));
    }

    private String productName(String saleId) {
        try {
            Sale sale = sales.sale(saleId);
            return sale.productName();
        } catch (SaleNotFoundException e) {
            return "(a sale no longer listed)";
        }
    }

    public boolean isSearched() {
        return rows != null;
    }

    /** Why the identifier entered was refused, or {@code null}. */
    public String getError() {
        return error;
    }

    public List<Row> getRows() {
        return rows;
    }

    public String getShopper() {
        return shopper;
    }

    public void setShopper(String shopper) {
        this.shopper = shopper;
    }
}
