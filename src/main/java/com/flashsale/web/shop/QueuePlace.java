package com.flashsale.web.shop;

import com.flashsale.queue.Ticket;
import com.flashsale.web.Times;
import java.time.Duration;
import java.time.Instant;

/**
 * Where the shopper stands in a sale's waiting room as the sale page shows it: which panel to show
 * and the sentences in it. The page's script words the same cases the same way when the ticket
 * stream pushes a change.
 */
public record QueuePlace(Phase phase, Ticket ticket) {

    /** The panels of a sale page with a waiting room. */
    public enum Phase {
        /** Not in line (never joined, or the admission expired): the Join form. */
        JOIN,
        /** In line, before or after the opening: the place, live. */
        WAITING,
        /** Admitted: the Buy form with the admission's countdown. */
        ADMITTED,
        /** Bought in this sale. */
        PURCHASED,
        /** Sold out, ended or cancelled. */
        CLOSED
    }

    static QueuePlace of(Ticket t) {
        return new QueuePlace(switch (t.status()) {
            case "early", "waiting" -> Phase.WAITING;
            case "admitted" -> Phase.ADMITTED;
            case "purchased" -> Phase.PURCHASED;
            case "sold_out", "ended", "cancelled" -> Phase.CLOSED;
            default -> Phase.JOIN;
        }, t);
    }

    static QueuePlace join() {
        return new QueuePlace(Phase.JOIN, null);
    }

    public String getPhase() {
        return phase.name().toLowerCase(java.util.Locale.ROOT);
    }

    public String getStatus() {
        return ticket == null ? "not_in_line" : ticket.status();
    }

    /** "You are number 12, about 4 s." and its variants (paused, order drawn at the opening). */
    public String getPositionText() {
        return positionText(ticket);
    }

    static String positionText(Ticket t) {
        if (t == null) {
            return "";
        }
        if (t.position() == null) {
            return "You are in line. The order is drawn at the opening"
                    + (t.estimatedWaitSeconds() == null ? "." : ", about " + Times.duration(
                            Duration.ofSeconds(t.estimatedWaitSeconds())) + " from now.");
        }
        if (t.paused() || t.estimatedWaitSeconds() == null) {
            return "You are number " + t.position() + ". Admission is paused for the moment.";
        }
        return "You are number " + t.position() + ", about " + Times.duration(Duration.ofSeconds(t.estimatedWaitSeconds()))
                + ".";
    }

    /** Of how many in line. */
    public long getWaiting() {
        return ticket == null ? 0 : ticket.waiting();
    }

    public String getTicketId() {
        return ticket == null ? null : ticket.ticket();
    }

    public Instant getAdmittedUntil() {
        return ticket == null ? null : ticket.admittedUntil();
    }

    public Instant getServerTime() {
        return ticket == null ? null : ticket.serverTime();
    }

    /** "Your turn! Buy within 1 min 40 s (until …)". */
    public String getAdmissionText() {
        if (ticket == null || ticket.admittedUntil() == null) {
            return "";
        }
        return "Your turn! Buy within " + Times.duration(Duration.between(ticket.serverTime(), ticket.admittedUntil()))
                + " (until " + Times.display(ticket.admittedUntil()) + ").";
    }

    /** Why the line closed, in the shopper's words. */
    public String getClosedText() {
        return closedText(getStatus());
    }

    static String closedText(String status) {
        return switch (status) {
            case "sold_out" -> "Sorry, sold out: every unit was sold while you were waiting.";
            case "ended" -> "Sorry, this sale has ended.";
            case "cancelled" -> "This sale was cancelled.";
            default -> "";
        };
    }

    /**
     * How often a page without script reloads itself while waiting: a tenth of the estimated wait,
     * between 5 and 30 s (each reload is one store read).
     */
    public long getRefreshSeconds() {
        if (ticket == null || ticket.estimatedWaitSeconds() == null) {
            return 15;
        }
        return Math.max(5, Math.min(30, ticket.estimatedWaitSeconds() / 10));
    }
}
