package com.flashsale.queue;

import com.flashsale.InvalidRequestException;
import com.flashsale.admission.AdmissionTokens;
import com.flashsale.admission.WaitingRoomUnavailableException;
import com.flashsale.purchase.PurchaseService;
import com.flashsale.queue.Standing.State;
import com.flashsale.queue.WaitingLines.JoinResult;
import com.flashsale.ratelimit.AttemptLimits;
import com.flashsale.ratelimit.PurchaseRateLimiter;
import com.flashsale.ratelimit.RateLimitedException.Kind;
import com.flashsale.sale.Sale;
import com.flashsale.sale.SaleNotFoundException;
import com.flashsale.sale.SaleRepository;
import com.flashsale.sale.SaleRestorer;
import com.flashsale.sale.SaleService;
import com.flashsale.sale.WaitingRoom;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The waiting room of a sale: shoppers join its line, follow their place, and receive an admission
 * token once the admitter reaches them. A join is one atomic step in the shared store; so is a read.
 */
@ApplicationScoped
public class QueueService {

    /** Places of early arrivals are drawn uniformly from [0, 2^52): exact in a sorted set's double score. */
    static final long EARLY_PLACES = 1L << 52;

    private final WaitingLines lines;
    private final AdmissionTokens tokens;
    private final SaleRestorer restorer;
    private final SaleRepository sales;
    private final QueueMetrics metrics;
    private final PurchaseRateLimiter limiter;
    private final long opensBeforeMillis;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public QueueService(WaitingLines lines, AdmissionTokens tokens, SaleRestorer restorer, SaleRepository sales,
                        QueueMetrics metrics, PurchaseRateLimiter limiter,
                        @ConfigProperty(name = "flashsale.queue.join-opens-before-seconds") long opensBeforeSeconds) {
        this.lines = lines;
        this.tokens = tokens;
        this.restorer = restorer;
        this.sales = sales;
        this.metrics = metrics;
        this.limiter = limiter;
        this.opensBeforeMillis = opensBeforeSeconds * 1000;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected QueueService() {
        this(null, null, null, null, null, null, 0);
    }

    /**
     * Puts a shopper in the sale's line, or answers the place they already hold (joining again
     * returns the same ticket). A join from {@code clientAddress} takes a token from the address's
     * rate limit in this sale, the budget its purchase attempts take from too.
     *
     * @throws com.flashsale.ratelimit.RateLimitedException if the address has used up its attempts
     * @throws QueueRefusedException if the sale has no waiting room, the line is not open yet, or the
     *         shopper cannot queue any more (bought, sold out, ended, cancelled)
     * @throws SaleNotFoundException if the sale does not exist
     */
    public Ticket join(String saleId, String rawShopperId, String clientAddress) {
        String shopperId = PurchaseService.requireShopperId(rawShopperId);
        requireWellFormed(saleId);
        requireTokens();
        long place = random.nextLong(EARLY_PLACES);
        AttemptLimits limits = limiter.limitsFor(clientAddress);
        JoinResult result = lines.join(saleId, shopperId, place, opensBeforeMillis, limits);
        if (result.refusal() == WaitingLines.Refusal.NO_STATE) {
            limiter.admitClient(clientAddress); // the restore reads MongoDB: paid from the budget across sales
            if (restorer.restore(saleId)) {
                result = lines.join(saleId, shopperId, place, opensBeforeMillis, limits);
            }
        }
        if (result.refusal() == WaitingLines.Refusal.ADDRESS_LIMITED) {
            throw limiter.refused(Kind.IP, result.retryAfter());
        }
        Standing standing = standingOf(saleId, result);
        if (standing.state().closed() || standing.state() == State.PURCHASED) {
            throw QueueRefusedException.closed(standing.state());
        }
        metrics.joined();
        return ticketOf(saleId, shopperId, standing);
    }

    /**
     * Where a ticket stands now, with its admission token once admitted.
     *
     * @throws QueueRefusedException if the ticket is not one of this sale's, or the sale has no waiting room
     */
    public Ticket follow(String saleId, String ticket) {
        requireWellFormed(saleId);
        requireTokens();
        String shopperId = tokens.shopperOf(saleId, ticket).orElseThrow(QueueRefusedException::unknownTicket);
        JoinResult result = lines.standing(saleId, shopperId);
        if (result.refusal() == WaitingLines.Refusal.NO_STATE && restorer.restore(saleId)) {
            result = lines.standing(saleId, shopperId);
        }
        return ticketOf(saleId, shopperId, standingOf(saleId, result));
    }

    /** The waiting room's counters (admin). */
    public QueueCounters counters(String saleId) {
        requireWaitingRoom(saleId);
        return lines.counters(saleId);
    }

    /**
     * Changes a running waiting room's admission rate and pause (admin): the durable record first,
     * then the live state every admitter reads on its next step.
     */
    public WaitingRoom setAdmission(String saleId, Integer ratePerSecond, Boolean paused) {
        Sale sale = requireWaitingRoom(saleId);
        WaitingRoom current = sale.waitingRoom();
        int rate = ratePerSecond == null ? current.admissionRatePerSecond() : ratePerSecond;
        if (rate < 1 || rate > WaitingRoom.MAX_RATE) {
            throw new InvalidRequestException("admissionRatePerSecond",
                    "admissionRatePerSecond must be between 1 and " + WaitingRoom.MAX_RATE);
        }
        WaitingRoom changed = current.withAdmission(rate, paused == null ? current.paused() : paused);
        sales.updateWaitingRoom(saleId, changed, Instant.now());
        if (!lines.setAdmission(saleId, changed.admissionRatePerSecond(), changed.paused())) {
            restorer.restore(saleId); // the store lost the sale: the restore carries the new setting
        }
        return changed;
    }

    private Sale requireWaitingRoom(String saleId) {
        requireWellFormed(saleId);
        Sale sale = sales.find(saleId).orElseThrow(() -> new SaleNotFoundException(saleId));
        if (!sale.hasWaitingRoom()) {
            throw QueueRefusedException.noWaitingRoom(saleId);
        }
        return sale;
    }

    private Ticket ticketOf(String saleId, String shopperId, Standing standing) {
        String token = standing.state() == State.ADMITTED ? tokens.token(saleId, shopperId, standing.grant()) : null;
        return Ticket.of(tokens.ticket(saleId, shopperId), saleId, standing, token);
    }

    private static Standing standingOf(String saleId, JoinResult result) {
        if (result.refusal() == null) {
            return result.standing();
        }
        throw switch (result.refusal()) {
            case NO_STATE -> new SaleNotFoundException(saleId);
            case NO_WAITING_ROOM -> QueueRefusedException.noWaitingRoom(saleId);
            case NOT_OPEN -> QueueRefusedException.notOpen(result.opensAt());
            case ADDRESS_LIMITED -> new IllegalStateException("a follow takes no token");
        };
    }

    private void requireTokens() {
        if (!tokens.available()) {
            throw new WaitingRoomUnavailableException();
        }
    }

    private static void requireWellFormed(String saleId) {
        if (!SaleService.isWellFormed(saleId)) {
            throw new SaleNotFoundException(saleId);
        }
    }
}
