package com.flashsale.purchase;

import com.flashsale.InvalidRequestException;
import com.flashsale.StoreUnavailableException;
import com.flashsale.purchase.Decision.Outcome;
import com.flashsale.admission.Admission;
import com.flashsale.admission.AdmissionTokens;
import com.flashsale.ratelimit.AttemptLimits;
import com.flashsale.ratelimit.PurchaseRateLimiter;
import com.flashsale.ratelimit.RateLimitedException.Kind;
import com.flashsale.sale.SaleNotFoundException;
import com.flashsale.sale.SaleStates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Buys one unit of a sale for a shopper. The decision is one atomic step in the decision
 * store; a confirmed purchase is then written to the durable record, and if that write fails
 * it stays in the outbox, which the {@link OutboxPersister} drains.
 */
@ApplicationScoped
public class PurchaseService {

    private static final Logger LOG = Logger.getLogger(PurchaseService.class.getName());
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    private final PurchaseDecisions decisions;
    private final SaleStates states;
    private final PurchaseGroupCommit recorder;
    private final PurchaseRepository purchases;
    private final Reconciler reconciler;
    private final PurchaseMetrics metrics;
    private final PurchaseRateLimiter limiter;
    private final AdmissionTokens admissions;

    private final long recordTimeoutMillis;

    @Inject
    public PurchaseService(PurchaseDecisions decisions, SaleStates states, PurchaseGroupCommit recorder,
                           PurchaseRepository purchases, Reconciler reconciler, PurchaseMetrics metrics,
                           PurchaseRateLimiter limiter, AdmissionTokens admissions,
                           @ConfigProperty(name = "flashsale.purchase.record.timeout-ms")
                           long recordTimeoutMillis) {
        this.decisions = decisions;
        this.states = states;
        this.recorder = recorder;
        this.purchases = purchases;
        this.reconciler = reconciler;
        this.metrics = metrics;
        this.limiter = limiter;
        this.admissions = admissions;
        this.recordTimeoutMillis = recordTimeoutMillis;
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected PurchaseService() {
        this(null, null, null, null, null, null, null, null, 0);
    }

    /**
     * Buys one unit for an attempt from {@code clientAddress}. The same {@code idempotencyKey} sent
     * again by the same shopper replays the original receipt instead of reporting "already
     * purchased". The decision first takes a token from the address's and then from the shopper's
     * rate limit in this sale, in the same atomic step, so a limited attempt decides nothing.
     *
     * @throws PurchaseRejectedException for every business refusal
     * @throws com.flashsale.ratelimit.RateLimitedException if the address or the shopper used up
     *         their attempts
     * @throws SaleNotFoundException if the sale does not exist
     * @throws StoreUnavailableException if the decision store cannot decide now
     */
    public Receipt purchase(String saleId, String rawShopperId, String idempotencyKey, String clientAddress) {
        return purchase(saleId, rawShopperId, idempotencyKey, clientAddress, null);
    }

    /**
     * Buys one unit as {@link #purchase(String, String, String, String)}, presenting the shopper's
     * admission token for a sale with a waiting room (ignored by a sale without one). The token's
     * signature and binding are checked here, without a store round trip; that it is the shopper's
     * current, unexpired and unspent admission is checked in the same atomic step as the decision.
     *
     * @throws PurchaseRejectedException also for {@code ADMISSION_REQUIRED} and {@code ADMISSION_EXPIRED}
     */
    public Receipt purchase(String saleId, String rawShopperId, String idempotencyKey, String clientAddress,
                            String admissionToken) {
        String shopperId = requireShopperId(rawShopperId);
        String candidateId = candidatePurchaseId(saleId, shopperId, idempotencyKey);
        Admission admission = admissionToken == null ? Admission.NONE
                : admissions.available() ? admissions.verify(admissionToken, saleId, shopperId) : Admission.INVALID;
        long started = System.nanoTime();
        Decision decision = decide(saleId, shopperId, candidateId, clientAddress, admission);
        metrics.record(decision.outcome(), System.nanoTime() - started);
        if (decision.outcome() == Outcome.ADMISSION_REQUIRED) {
            metrics.admissionRefused(admission == Admission.NONE ? "missing"
                    : admission == Admission.INVALID ? "invalid" : "spent");
        } else if (decision.outcome() == Outcome.ADMISSION_EXPIRED) {
            metrics.admissionRefused("expired");
        }
        return switch (decision.outcome()) {
            case BOUGHT -> record(decision);
            case NO_STATE -> throw new SaleNotFoundException(saleId);
            case REBUILDING, STALE -> throw new StoreUnavailableException("The sale is being restored; try again in a moment.");
            case ADDRESS_LIMITED -> throw limiter.refused(Kind.IP, decision.retryAfter());
            case SHOPPER_LIMITED -> throw limiter.refused(Kind.SHOPPER, decision.retryAfter());
            default -> throw new PurchaseRejectedException(decision.outcome(), decision.receipt());
        };
    }

    /** The shopper's purchase in this sale, read from the state the decision used. */
    public Optional<Receipt> purchaseOf(String saleId, String rawShopperId) {
        String shopperId = requireShopperId(rawShopperId);
        if (states.state(saleId).isEmpty() && !reconciler.restore(saleId)) {
            throw new SaleNotFoundException(saleId);
        }
        return decisions.purchaseOf(saleId, shopperId);
    }

    /** Every recorded purchase of a shopper, across sales, newest first. */
    public List<Receipt> history(String rawShopperId) {
        return purchases.findByShopper(requireShopperId(rawShopperId));
    }

    /** Validates and canonicalises a shopper identifier. */
    public static String requireShopperId(String raw) {
        ShopperIds.Defect defect = ShopperIds.defectOf(raw);
        if (defect != null) {
            throw new InvalidRequestException("userIdentifier", messageFor(defect));
        }
        return ShopperIds.canonical(raw);
    }

    static String messageFor(ShopperIds.Defect defect) {
        return switch (defect) {
            case MISSING -> "userIdentifier is required";
            case TOO_SHORT -> "userIdentifier must be at least " + ShopperIds.MIN_LENGTH + " characters";
            case TOO_LONG -> "userIdentifier must be at most " + ShopperIds.MAX_LENGTH + " characters";
            case INVALID_FORMAT -> "userIdentifier may contain only letters, digits and @ . _ -";
        };
    }

    private Decision decide(String saleId, String shopperId, String candidateId, String clientAddress,
                            Admission admission) {
        AttemptLimits limits = limiter.limitsFor(clientAddress);
        Decision decision = decisions.decide(saleId, shopperId, candidateId, limits, admission);
        // Missing state, or state a new Redis process has not yet checked (it may have come back
        // older than it acknowledged: stock too high, buyers missing): reconcile with the record
        // first. That reads MongoDB, so the address pays for it from its budget across sales first
        // (the decision took no token: an unknown sale id must not be a free way to load the database).
        if (decision.outcome() == Outcome.NO_STATE || decision.outcome() == Outcome.STALE) {
            limiter.admitClient(clientAddress);
            if (reconciler.restore(saleId)) {
                decision = decisions.decide(saleId, shopperId, candidateId, limits, admission);
            }
        }
        return decision;
    }

    private Receipt record(Decision decision) {
        Receipt receipt = decision.receipt();
        if (decision.outboxEntryId() == null) {
            return receipt; // an idempotent replay: recorded by the original request or the outbox
        }
        try {
            // The recorder's own @Timeout does not end this wait on Liberty while the write is stuck
            // in a socket read (measured: the whole 5 s MongoDB read timeout), so the wait is bounded here.
            recorder.record(new DecidedPurchase(receipt, decision.outboxEntryId()))
                    .get(recordTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // Failed, timed out, circuit open or bulkhead full: the decision is final and the
            // purchase is in the outbox, which the persister records.
            LOG.log(Level.WARNING, "Purchase {0} left to the outbox persister: {1}",
                    new Object[] {receipt.purchaseId(), e.toString()});
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return receipt;
    }

    static String candidatePurchaseId(String saleId, String shopperId, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return new ObjectId().toHexString();
        }
        if (idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw new InvalidRequestException("Idempotency-Key",
                    "Idempotency-Key must be at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (saleId + '\n' + shopperId + '\n' + idempotencyKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
