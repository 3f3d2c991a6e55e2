package com.flashsale.web.shop;

import com.flashsale.purchase.PurchaseService;
import com.flashsale.sale.SaleNotFoundException;
import com.flashsale.sale.SaleService;
import com.flashsale.web.Feedback;
import com.flashsale.web.SaleView;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;

/**
 * One sale and its buy form ({@code sale.xhtml?id=…}). Buying is a plain form post answered
 * with a redirect back to the sale and the outcome as a flash message; the page's script does
 * the same through the API without a reload.
 */
@Named
@ViewScoped
public class SaleBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String IDENTIFIER_FIELD = "buy:identifier";

    @Inject
    SaleService sales;

    @Inject
    PurchaseService purchases;

    private String id;
    private String identifier;
    private SaleView sale;

    /** Loads the sale named by the {@code id} parameter; an unknown sale answers 404. */
    public void load() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        try {
            sale = new SaleView(sales.state(id));
        } catch (SaleNotFoundException e) {
            sale = null;
            external.setResponseStatus(404);
        }
        if (identifier == null) {
            identifier = ShopperCookie.read(external);
        }
    }

    /**
     * Buys one unit for the identifier entered, then redirects back with the outcome. The form
     * counts against the same rate limits as the API.
     */
    public String buy() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        String clientAddress = ((HttpServletRequest) external.getRequest()).getRemoteAddr();
        PurchaseOutcome outcome = PurchaseOutcome.of(() -> purchases.purchase(id, identifier, null, clientAddress));
        if (outcome.kind() == PurchaseOutcome.Kind.INVALID_INPUT) {
            Feedback.field(IDENTIFIER_FIELD, outcome.message());
            return null;
        }
        ShopperCookie.remember(external, identifier);
        Feedback.add(null, severityOf(outcome), outcome.message());
        return "/sale?faces-redirect=true&id=" + id;
    }

    static FacesMessage.Severity severityOf(PurchaseOutcome outcome) {
        return switch (outcome.kind()) {
            case BOUGHT -> FacesMessage.SEVERITY_INFO;
            case ALREADY_BOUGHT, NOT_STARTED -> FacesMessage.SEVERITY_WARN;
            default -> FacesMessage.SEVERITY_ERROR;
        };
    }

    /**
     * The Buy button is enabled only while the sale was on when the page was made; the script
     * enables it live (and buys through the API), a page without script is reloaded to buy.
     */
    public boolean isBuyDisabled() {
        return sale == null || !sale.isActive();
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getIdentifier() {
        return identifier;
    }

    public void setIdentifier(String identifier) {
        this.identifier = identifier;
    }

    public SaleView getSale() {
        return sale;
    }
}
