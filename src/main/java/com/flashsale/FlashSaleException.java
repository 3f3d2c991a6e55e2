package com.flashsale;

/**
 * A failure with a meaning for the caller. Each carries the {@link Problem} it is reported
 * as; the REST layer turns it into RFC 9457 problem details.
 */
public abstract class FlashSaleException extends RuntimeException {

    private final Problem problem;

    protected FlashSaleException(Problem problem, String detail) {
        super(detail);
        this.problem = problem;
    }

    /**
     * For an expected outcome answered on the hot path (a purchase refused as sold out or already
     * bought): no stack trace is captured, since it is never logged and filling it in over
     * Liberty's deep request stack costs more than deciding the purchase.
     */
    protected FlashSaleException(Problem problem, String detail, boolean withStackTrace) {
        super(detail, null, false, withStackTrace);
        this.problem = problem;
    }

    protected FlashSaleException(Problem problem, String detail, Throwable cause) {
        super(detail, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** The kinds of problem the service reports, with their HTTP status and type slug. */
    public enum Problem {
        VALIDATION(400, "validation", "Invalid request"),
        SALE_NOT_FOUND(404, "sale-not-found", "Sale not found"),
        PURCHASE_NOT_FOUND(404, "purchase-not-found", "Purchase not found"),
        SOLD_OUT(409, "sold-out", "Sold out"),
        ALREADY_PURCHASED(409, "already-purchased", "Already purchased"),
        SALE_NOT_STARTED(409, "sale-not-started", "Sale not started"),
        SALE_ENDED(409, "sale-ended", "Sale ended"),
        SALE_CANCELLED(409, "sale-cancelled", "Sale cancelled"),
        SALE_ALREADY_STARTED(409, "sale-already-started", "Sale already started"),
        SALE_ALREADY_EXISTS(409, "sale-already-exists", "A sale already exists"),
        ADMISSION_REQUIRED(403, "admission-required", "Admission required"),
        ADMISSION_EXPIRED(403, "admission-expired", "Admission expired"),
        NO_WAITING_ROOM(409, "no-waiting-room", "No waiting room"),
        QUEUE_NOT_OPEN(409, "queue-not-open", "Waiting room not open yet"),
        TICKET_NOT_FOUND(404, "ticket-not-found", "Ticket not found"),
        RATE_LIMITED(429, "rate-limited", "Too many requests"),
        UNAVAILABLE(503, "service-unavailable", "Service temporarily unavailable");

        private final int status;
        private final String slug;
        private final String title;

        Problem(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String type() {
            return "/problems/" + slug;
        }

        public String title() {
            return title;
        }
    }
}
