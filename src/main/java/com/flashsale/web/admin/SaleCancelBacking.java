package com.flashsale.web.admin;

import com.flashsale.sale.SaleNotFoundException;
import com.flashsale.sale.SaleService;
import com.flashsale.sale.SaleStatus;
import com.flashsale.web.Feedback;
import com.flashsale.web.SaleView;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** The confirmation step before cancelling a sale ({@code admin/sale-cancel.xhtml?id=…}). */
@Named
@ViewScoped
public class SaleCancelBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    SaleService sales;

    private String id;
    private SaleView sale;

    public void load() {
        try {
            sale = new SaleView(sales.state(id));
        } catch (SaleNotFoundException e) {
            FacesContext.getCurrentInstance().getExternalContext().setResponseStatus(404);
        }
    }

    public String cancel() {
        sales.cancel(id);
        Feedback.info("Sale \u201c" + sale.getProductName() + "\u201d cancelled. Purchases already made stand.");
        return "/admin/index?faces-redirect=true&sale=" + id;
    }

    /** A cancelled or ended sale has nothing left to cancel. */
    public boolean isCancellable() {
        return sale != null && sale.getStatus() != SaleStatus.CANCELLED && sale.getStatus() != SaleStatus.ENDED;
    }

    public SaleView getSale() {
        return sale;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }
}
