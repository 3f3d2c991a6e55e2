package com.flashsale.web.admin;

import com.flashsale.FlashSaleException;
import com.flashsale.InvalidRequestException;
import com.flashsale.queue.QueueCounters;
import com.flashsale.queue.QueueService;
import com.flashsale.sale.Sale;
import com.flashsale.sale.SaleNotFoundException;
import com.flashsale.sale.SaleService;
import com.flashsale.sale.WaitingRoom;
import com.flashsale.web.Feedback;
import com.flashsale.web.SaleView;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.OptionalDouble;

/**
 * One sale's waiting room ({@code admin/queue.xhtml?id=…}): people waiting, admitted per second
 * (configured and measured), admitted who bought, admissions that expired; the admission rate
 * changed and admission paused or resumed live. Each change is a form post (Faces' view state guards
 * it, like every console form) answered with a redirect back and a message.
 */
@Named
@ViewScoped
public class QueueBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String FORM = "admission";

    @Inject
    SaleService sales;

    @Inject
    QueueService queue;

    @Inject
    AdmissionRateMeter meter;

    private String id;
    private SaleView sale;
    private WaitingRoom room;
    private QueueCounters counters;
    private String measured = "measuring…";
    private String rate;
    private boolean storeReadable = true;

    public void load() {
        try {
            Sale record = sales.sale(id);
            sale = new SaleView(sales.state(id));
            room = record.waitingRoom();
        } catch (SaleNotFoundException e) {
            FacesContext.getCurrentInstance().getExternalContext().setResponseStatus(404);
            return;
        }
        if (room == null) {
            return;
        }
        rate = Integer.toString(room.admissionRatePerSecond());
        try {
            counters = queue.counters(id);
        } catch (FlashSaleException e) {
            storeReadable = false;
        }
        OptionalDouble perSecond = meter.perSecond(id);
        measured = perSecond.isPresent() ? String.valueOf(perSecond.getAsDouble()) : "measuring…";
    }

    /** Sets the admission rate typed in, live. */
    public String changeRate() {
        Integer perSecond = parse(rate);
        if (perSecond == null) {
            Feedback.field(FORM + ":rate", "The admission rate must be a whole number.");
            return null;
        }
        try {
            WaitingRoom changed = queue.setAdmission(id, perSecond, null);
            Feedback.info("Admission rate set to " + changed.admissionRatePerSecond() + " per second.");
        } catch (InvalidRequestException e) {
            Feedback.field(FORM + ":rate", e.violations().get(0).message().replace("admissionRatePerSecond",
                    "The admission rate") + ".");
            return null;
        }
        return back();
    }

    public String pause() {
        queue.setAdmission(id, null, true);
        Feedback.warn("Admission paused: shoppers keep their place until you resume.");
        return back();
    }

    public String resume() {
        queue.setAdmission(id, null, false);
        Feedback.info("Admission resumed.");
        return back();
    }

    private String back() {
        return "/admin/queue?faces-redirect=true&id=" + id;
    }

    private static Integer parse(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public SaleView getSale() {
        return sale;
    }

    /** Whether the sale has a waiting room (the pages' EL reads bean getters, not record accessors). */
    public boolean isHasRoom() {
        return room != null;
    }

    public boolean isPaused() {
        return room != null && room.paused();
    }

    public int getRateSet() {
        return room == null ? 0 : room.admissionRatePerSecond();
    }

    public int getValiditySeconds() {
        return room == null ? 0 : room.admissionValiditySeconds();
    }

    public boolean isShuffle() {
        return room != null && room.shuffleEarlyArrivals();
    }

    /** The counters, "–" each while the store cannot be read. */
    public String getWaiting() {
        return counter(QueueCounters::waiting);
    }

    public String getAdmitted() {
        return counter(QueueCounters::admitted);
    }

    public String getAdmittedNow() {
        return counter(QueueCounters::admittedNow);
    }

    public String getBought() {
        return counter(QueueCounters::bought);
    }

    public String getExpired() {
        return counter(QueueCounters::expired);
    }

    public String getJoined() {
        return counter(QueueCounters::joined);
    }

    private String counter(java.util.function.ToLongFunction<QueueCounters> field) {
        return counters == null ? "\u2013" : Long.toString(field.applyAsLong(counters));
    }

    public boolean isStoreReadable() {
        return storeReadable;
    }

    public String getMeasured() {
        return measured;
    }

    public String getRate() {
        return rate;
    }

    public void setRate(String rate) {
        this.rate = rate;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }
}
