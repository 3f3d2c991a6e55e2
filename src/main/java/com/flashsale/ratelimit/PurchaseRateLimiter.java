package com.flashsale.ratelimit;

import com.flashsale.ratelimit.RateLimitedException.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admits purchase attempts by two token buckets in the shared store: one per client address
 * (generous, since many shoppers can share one carrier NAT address) and one per shopper per sale
 * (tight, since a person needs only a few attempts). The purchase endpoints ask it before they
 * decide anything, so a refused attempt changes no state.
 *
 * <p>If the store cannot answer, the {@link com.flashsale.StoreUnavailableException} of the
 * adapter propagates: the attempt is answered 503 with {@code Retry-After}, as the purchase it
 * guards would be (fail closed; see README).
 */
@ApplicationScoped
public class PurchaseRateLimiter {

    /** Every bucket key starts with it, so the admin reset finds and deletes them. */
    public static final String KEY_PREFIX = "flashsale:ratelimit:";
    private static final Pattern PLAIN_SALE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

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
     * Takes a token for the client address ({@code HttpServletRequest.getRemoteAddr()}, which is
     * the forwarded address only when Liberty's {@code remoteIp} trusts the proxy in front).
     *
     * @throws RateLimitedException if the address has used up its attempts
     */
    public void admitClient(String clientAddress) {
        if (enabled) {
            take(Kind.IP, KEY_PREFIX + "ip:" + perAddress.fingerprint() + ':' + clientAddress, perAddress);
        }
    }

    /**
     * Takes a token for a shopper (canonical identifier) in a sale.
     *
     * @throws RateLimitedException if the shopper has used up their attempts in this sale
     */
    public void admitShopper(String saleId, String shopperId) {
        if (enabled) {
            take(Kind.SHOPPER, KEY_PREFIX + "shopper:" + perShopper.fingerprint() + ':' + keyPart(saleId) + ':'
                    + shopperId, perShopper);
        }
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

    /**
     * The sale id comes from the request path: an id of the usual form goes into the key as it is,
     * anything else (long, odd characters) as a digest, so a key stays short whatever is sent.
     */
    static String keyPart(String saleId) {
        if (saleId != null && PLAIN_SALE_ID.matcher(saleId).matches()) {
            return saleId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(saleId).getBytes(StandardCharsets.UTF_8));
            return "h-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
