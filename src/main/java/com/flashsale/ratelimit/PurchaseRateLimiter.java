package com.flashsale.ratelimit;

import com.flashsale.ratelimit.RateLimitedException.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The two purchase rate limits, token buckets in the shared store: one per client address in a sale
 * (generous, since many shoppers can share one carrier NAT address) and one per shopper in a sale
 * (tight, since a person needs only a few attempts). The decision store takes both inside the
 * purchase decision itself, so an attempt costs one round trip. An attempt on a sale the store holds
 * no state for, which the service must look up in the durable record, first takes a token from the
 * address's bucket across sales ({@link #admitClient}), so nobody can make the service read the
 * database at will. Either way a refused attempt changes no state.
 *
 * <p>If the store cannot answer, the {@link com.flashsale.StoreUnavailableException} of the
 * adapter propagates: the attempt is answered 503 with {@code Retry-After}, as the purchase it
 * guards would be (fail closed; see README).
 */
@ApplicationScoped
public class PurchaseRateLimiter {

    /** Every bucket key starts with it, so the admin reset finds and deletes them. */
    public static final String KEY_PREFIX = "flashsale:ratelimit:";

    private final TokenBuckets buckets;
    private final RateLimitMetrics metrics;
    private final boolean enabled;
    private final Limit perAddress;
    private final Limit perShopper;

    @Inject
    public PurchaseRateLimiter(TokenBuckets buckets, RateLimitMetrics metrics,
                               @ConfigProperty(name = "flashsale.ratelimit.enabled") boolean enabled,
                               @ConfigProperty(name = "flashsale.ratelimit.ip.capacity") long ipCapacity,
                               @ConfigProperty(name = "flashsale.ratelimit.ip.period-seconds") long ipPeriodSeconds,
                               @ConfigProperty(name = "flashsale.ratelimit.shopper.capacity") long shopperCapacity,
                               @ConfigProperty(name = "flashsale.ratelimit.shopper.period-seconds") long shopperPeriodSeconds) {
        this.buckets = buckets;
        this.metrics = metrics;
        this.enabled = enabled;
        this.perAddress = new Limit(ipCapacity, Duration.ofSeconds(ipPeriodSeconds));
        this.perShopper = new Limit(shopperCapacity, Duration.ofSeconds(shopperPeriodSeconds));
    }

    /** CDI needs a no-argument constructor to proxy the bean. */
    protected PurchaseRateLimiter() {
        this.buckets = null;
        this.metrics = null;
        this.enabled = false;
        this.perAddress = null;
        this.perShopper = null;
    }

    /**
     * The limits an attempt from {@code clientAddress} ({@code HttpServletRequest.getRemoteAddr()},
     * which is the forwarded address only when Liberty's {@code remoteIp} trusts the proxy in front)
     * must pass, for the decision store to take in the same atomic step as the decision.
     */
    public AttemptLimits limitsFor(String clientAddress) {
        return enabled ? new AttemptLimits(clientAddress, perAddress, perShopper) : AttemptLimits.NONE;
    }

    /**
     * Takes a token for the client address from its bucket across sales: for attempts the decision
     * store cannot decide by itself (a sale it holds no state for).
     *
     * @throws RateLimitedException if the address has used up its attempts
     */
    public void admitClient(String clientAddress) {
        if (enabled) {
            take(Kind.IP, KEY_PREFIX + "ip:" + perAddress.fingerprint() + ':' + clientAddress, perAddress);
        }
    }

    /**
     * Counts a refusal by a limit the decision store applied and answers it.
     *
     * @return the exception to throw
     */
    public RateLimitedException refused(Kind kind, Duration wait) {
        metrics.rejected(kind);
        return new RateLimitedException(kind, retryAfterSeconds(wait));
    }

    private void take(Kind kind, String key, Limit limit) {
        Duration wait = buckets.tryTake(key, limit);
        if (!wait.isZero()) {
            metrics.rejected(kind);
            throw new RateLimitedException(kind, retryAfterSeconds(wait));
        }
    }

    /** {@code Retry-After} is whole seconds: rounded up, so a client that obeys it gets through. */
    static long retryAfterSeconds(Duration wait) {
        long seconds = wait.toSeconds();
        return Math.max(1, wait.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1);
    }
}
