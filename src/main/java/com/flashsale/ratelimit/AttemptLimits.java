package com.flashsale.ratelimit;

/**
 * The rate limits one purchase attempt must pass, taken by the decision store in the same atomic
 * step as the decision: the client address's budget in the sale, then the shopper's. A limit that
 * is {@code null} is not applied.
 *
 * @param clientAddress the attempt's client address ({@code HttpServletRequest.getRemoteAddr()})
 * @param perAddress the per-address rule, or {@code null}
 * @param perShopper the per-shopper rule, or {@code null}
 */
public record AttemptLimits(String clientAddress, Limit perAddress, Limit perShopper) {

    /** No limits: the limiter is off, or a caller (a test, a replay) decides without them. */
    public static final AttemptLimits NONE = new AttemptLimits(null, null, null);

    public AttemptLimits {
        if (perAddress != null && clientAddress == null) {
            throw new IllegalArgumentException("An address limit needs the client address");
        }
    }
}
