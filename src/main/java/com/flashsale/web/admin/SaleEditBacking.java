package com.flashsale.web.admin;

import com.flashsale.InvalidRequestException;
import com.flashsale.sale.Sale;
import com.flashsale.sale.WaitingRoom;
import com.flashsale.sale.SaleAlreadyStartedException;
import com.flashsale.sale.SaleNotFoundException;
import com.flashsale.sale.SaleService;
import com.flashsale.sale.SaleStatus;
import com.flashsale.web.Feedback;
import com.flashsale.web.Times;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.Validator;
import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Creates a sale, or edits one that has not started ({@code admin/sale-edit.xhtml[?id=…]}).
 * Each broken rule is shown next to its field; a saved sale redirects to the dashboard.
 */
@Named
@ViewScoped
public class SaleEditBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "sale";

    @Inject
    SaleService sales;

    @Inject
    Validator validator;

    private String id;
    private String productName;
    private String totalStock = "100";
    private String startTime;
    private String endTime;
    private boolean waitingRoom;
    private String admissionRatePerSecond = "50";
    private String admissionValiditySeconds = "120";
    private boolean shuffleEarlyArrivals = true;
    private boolean paused;
    private boolean editable = true;
    private boolean found = true;

    public void load() {
        if (id == null || id.isBlank()) {
            Instant start = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
            startTime = Times.input(start);
            endTime = Times.input(start.plus(1, ChronoUnit.HOURS));
            return;
        }
        try {
            Sale sale = sales.sale(id);
            productName = sale.productName();
            totalStock = Integer.toString(sale.totalStock());
            startTime = Times.input(sale.startTime());
            endTime = Times.input(sale.endTime());
            WaitingRoom room = sale.waitingRoom();
            if (room != null) {
                waitingRoom = true;
                admissionRatePerSecond = Integer.toString(room.admissionRatePerSecond());
                admissionValiditySeconds = Integer.toString(room.admissionValiditySeconds());
                shuffleEarlyArrivals = room.shuffleEarlyArrivals();
                paused = room.paused();
            }
            editable = sales.state(id).status() == SaleStatus.UPCOMING;
        } catch (SaleNotFoundException e) {
            found = false;
            editable = false;
            FacesContext.getCurrentInstance().getExternalContext().setResponseStatus(404);
        }
    }

    public String save() {
        SaleForm.Checked checked = SaleForm.check(productName, totalStock, startTime, endTime,
                new SaleForm.WaitingRoomFields(waitingRoom, admissionRatePerSecond, admissionValiditySeconds,
                        shuffleEarlyArrivals, paused), validator);
        if (!checked.valid()) {
            checked.errors().forEach((field, message) -> Feedback.field(FORM + ":" + field, message));
            return null;
        }
        try {
            Sale saved = isNew() ? sales.create(checked.draft()) : sales.update(id, checked.draft());
            Feedback.info("Sale \u201c" + saved.productName() + "\u201d " + (isNew() ? "created." : "saved."));
            return "/admin/index?faces-redirect=true&sale=" + saved.id();
        } catch (InvalidRequestException e) {
            // what the form cannot check itself: a waiting room on a server without its token secret
            e.violations().forEach(v -> Feedback.field(FORM + ":"
                    + (v.field() != null && v.field().startsWith("waitingRoom") ? "waitingRoom" : "productName"),
                    v.message().endsWith(".") ? v.message() : v.message() + "."));
            return null;
        } catch (SaleAlreadyStartedException e) {
            editable = false;
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "This sale has started and can no longer be edited.", null));
            return null;
        }
    }

    public boolean isNew() {
        return id == null || id.isBlank();
    }

    public boolean isEditable() {
        return editable;
    }

    public boolean isFound() {
        return found;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getProductName() {
        return productName;
    }

    public void setProductName(String productName) {
        this.productName = productName;
    }

    public String getTotalStock() {
        return totalStock;
    }

    public void setTotalStock(String totalStock) {
        this.totalStock = totalStock;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public boolean isWaitingRoom() {
        return waitingRoom;
    }

    public void setWaitingRoom(boolean waitingRoom) {
        this.waitingRoom = waitingRoom;
    }

    public String getAdmissionRatePerSecond() {
        return admissionRatePerSecond;
    }

    public void setAdmissionRatePerSecond(String admissionRatePerSecond) {
        this.admissionRatePerSecond = admissionRatePerSecond;
    }

    public String getAdmissionValiditySeconds() {
        return admissionValiditySeconds;
    }

    public void setAdmissionValiditySeconds(String admissionValiditySeconds) {
        this.admissionValiditySeconds = admissionValiditySeconds;
    }

    public boolean isShuffleEarlyArrivals() {
        return shuffleEarlyArrivals;
    }

    public void setShuffleEarlyArrivals(boolean shuffleEarlyArrivals) {
        this.shuffleEarlyArrivals = shuffleEarlyArrivals;
    }

    public String getEndTime() {
        return endTime;
    }

    public void setEndTime(String endTime) {
        this.endTime = endTime;
    }
}
