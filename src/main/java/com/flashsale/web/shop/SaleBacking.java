package com.flashsale.web.shop;

import com.flashsale.FlashSaleException;
import com.flashsale.InvalidRequestException;
import com.flashsale.admission.AdmissionTokens;
import com.flashsale.purchase.PurchaseService;
import com.flashsale.purchase.ShopperIds;
import com.flashsale.queue.QueueService;
import com.flashsale.queue.Ticket;
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
 *
 * <p>A sale with a waiting room shows, instead of the Buy form, the shopper's place in its line
 * ({@link QueuePlace}): a Join form, the place (pushed live by the ticket stream; a page without
 * script reloads itself), the Buy form once admitted, or why the line closed. The shopper is the
 * one the shop's cookie remembers; their ticket is derived from it on the server (joining again
 * returns the same ticket), so no ticket cookie is needed. The admission token never leaves the
 * server: the Buy form of an admitted shopper is a plain form post, and {@link #buy()} reads the
 * shopper's current admission from the store and passes its token to the purchase. (A token in a
 * hidden field would be one more secret in the page and in the browser's history, and would go
 * stale when an admission expires and is granted again; the read costs one store round trip per
 * buy, only for sales with a waiting room.)
 */
@Named
@ViewScoped
public class SaleBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String IDENTIFIER_FIELD = "buy:identifier";
    static final String JOIN_IDENTIFIER_FIELD = "join:identifier";

    @Inject
    SaleService sales;

    @Inject
    PurchaseService purchases;

    @Inject
    QueueService queue;

    @Inject
    AdmissionTokens tokens;

    private String id;
    private String identifier;
    private SaleView sale;
    private QueuePlace place;

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
        if (sale != null && sale.hasWaitingRoom()) {
            place = placeOf(ShopperCookie.read(external));
        }
    }

    /** Where the remembered shopper stands in the line; the Join form when unknown or unreadable. */
    private QueuePlace placeOf(String shopper) {
        Ticket ticket = follow(shopper);
        return ticket == null ? QueuePlace.join() : QueuePlace.of(ticket);
    }

    /** The shopper's ticket as the store has it now, or null (no valid shopper, store trouble, no such line). */
    private Ticket follow(String shopper) {
        if (shopper == null || ShopperIds.defectOf(shopper) != null || !tokens.available()) {
            return null;
        }
        try {
            return queue.follow(id, tokens.ticket(id, ShopperIds.canonical(shopper)));
        } catch (FlashSaleException e) {
            return null;
        }
    }

    /**
     * Puts the shopper in the sale's line (joining again keeps the place), remembers them, and
     * redirects back to the sale, which then shows the place. A refusal (line not open yet, sold
     * out, already bought) is said in the messages region.
     */
    public String join() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        try {
            queue.join(id, identifier, ((HttpServletRequest) external.getRequest()).getRemoteAddr());
            ShopperCookie.remember(external, identifier);
        } catch (InvalidRequestException e) {
            Feedback.field(JOIN_IDENTIFIER_FIELD, PurchaseOutcome.invalidInput(e.violations().get(0).message()));
            return null;
        } catch (SaleNotFoundException e) {
            Feedback.error("This sale does not exist.");
        } catch (FlashSaleException e) {
            ShopperCookie.remember(external, identifier);
            Feedback.add(null, joinSeverity(e), joinRefusal(e));
        }
        return "/sale?faces-redirect=true&id=" + id;
    }

    static FacesMessage.Severity joinSeverity(FlashSaleException e) {
        return switch (e.problem()) {
            case QUEUE_NOT_OPEN, ALREADY_PURCHASED -> FacesMessage.SEVERITY_WARN;
            default -> FacesMessage.SEVERITY_ERROR;
        };
    }

    static String joinRefusal(FlashSaleException e) {
        return switch (e.problem()) {
            case QUEUE_NOT_OPEN -> e.getMessage() + " Come back a little before the start.";
            case SOLD_OUT -> "Sorry, sold out: every unit has been sold.";
            case SALE_ENDED -> "Sorry, this sale has ended.";
            case SALE_CANCELLED -> "This sale was cancelled.";
            case ALREADY_PURCHASED -> "You already bought this item.";
            case UNAVAILABLE ->
                    "The shop is very busy right now and could not put you in line. Please try again in a moment.";
            default -> e.getMessage();
        };
    }

    /**
     * Buys one unit for the identifier entered, then redirects back with the outcome. The form
     * counts against the same rate limits as the API.
     */
    public String buy() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        String clientAddress = ((HttpServletRequest) external.getRequest()).getRemoteAddr();
        String admissionToken = null;
        if (sale != null && sale.hasWaitingRoom()) {
            Ticket ticket = follow(identifier);
            admissionToken = ticket == null ? null : ticket.admissionToken();
        }
        String token = admissionToken;
        PurchaseOutcome outcome = PurchaseOutcome.of(
                () -> purchases.purchase(id, identifier, null, clientAddress, token));
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
            case ALREADY_BOUGHT, NOT_STARTED, ADMISSION_REQUIRED -> FacesMessage.SEVERITY_WARN;
            default -> FacesMessage.SEVERITY_ERROR;
        };
    }

    /**
     * The Buy button is enabled only while the sale was on when the page was made; the script
     * enables it live (and buys through the API), a page without script is reloaded to buy.
     */
    public boolean isBuyDisabled() {
        return sale == null || !sale.isActive()
                || sale.hasWaitingRoom() && (place == null || place.phase() != QueuePlace.Phase.ADMITTED);
    }

    /** The shopper's place in the waiting room; null for a sale without one. */
    public QueuePlace getPlace() {
        return place;
    }

    /** Whether the plain Buy form is shown: always without a waiting room, once admitted with one. */
    public boolean isBuyShown() {
        return sale != null && (!sale.hasWaitingRoom() || place != null && place.phase() == QueuePlace.Phase.ADMITTED);
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
