package com.flashsale.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.flashsale.FlashSaleException.Problem;
import com.flashsale.ratelimit.RateLimitedException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PurchaseRateLimiterTest {

    private final LocalTokenBuckets buckets = new LocalTokenBuckets();
    private final RecordingRateLimitMetrics metrics = new RecordingRateLimitMetrics();

    private PurchaseRateLimiter limiter(boolean enabled, long ipCapacity, long shopperCapacity) {
        return new PurchaseRateLimiter(buckets, metrics, enabled, ipCapacity, 60, shopperCapacity, 60);
    }

    @Test
    void aShopperRefusalIsCountedAndAnsweredWithTheWaitRoundedUp() {
        PurchaseRateLimiter limiter = limiter(true, 100, 3);
        assertEquals(new AttemptLimits("203.0.113.7", new Limit(100, Duration.ofSeconds(60)), new Limit(3, Duration.ofSeconds(60))),
                limiter.limitsFor("203.0.113.7"), "the decision takes both tokens");
        RateLimitedException refused = limiter.refused(Kind.SHOPPER, Duration.ofMillis(19_400)); // 3 per 60 s: a token every 20 s
        assertEquals(Kind.SHOPPER, refused.kind());
        assertEquals(20, refused.retryAfterSeconds());
        assertEquals(Problem.RATE_LIMITED, refused.problem());
        assertEquals(429, refused.problem().status());
        assertEquals("/problems/rate-limited", refused.problem().type());
        assertTrue(refused.getMessage().endsWith("try again in 20 s."), refused.getMessage());
        assertEquals(0, refused.getStackTrace().length);
        assertEquals(1, metrics.rejections.get(Kind.SHOPPER));
    }

    @Test
    void refusesAnAddressAfterItsCapacityAndAdmitsItAgainOnceATokenIsBack() {
        PurchaseRateLimiter limiter = limiter(true, 2, 100);
        limiter.admitClient("203.0.113.7");
        limiter.admitClient("203.0.113.7");
        RateLimitedException refused = assertThrows(RateLimitedException.class,
                () -> limiter.admitClient("203.0.113.7"));
        assertEquals(Kind.IP, refused.kind());
        assertEquals(30, refused.retryAfterSeconds());
        limiter.admitClient("198.51.100.1"); // another address has its own bucket

        buckets.advance(Duration.ofSeconds(29));
        assertEquals(1, assertThrows(RateLimitedException.class, () -> limiter.admitClient("203.0.113.7"))
                .retryAfterSeconds());
        buckets.advance(Duration.ofSeconds(1));
        limiter.admitClient("203.0.113.7");
        assertEquals(2, metrics.rejections.get(Kind.IP));
    }

    @Test
    void disabledLimiterTouchesNoBucket() {
        PurchaseRateLimiter limiter = limiter(false, 1, 1);
        for (int i = 0; i < 5; i++) {
            limiter.admitClient("203.0.113.7");
        }
        assertEquals(0, buckets.buckets.size());
        assertEquals(AttemptLimits.NONE, limiter.limitsFor("203.0.113.7"), "the decision takes no token");
    }

    @Test
    void addressKeysLiveUnderTheApplicationPrefixAndNameTheRule() {
        PurchaseRateLimiter limiter = limiter(true, 2, 5);
        limiter.admitClient("2001:db8::1");
        limiter.admitClient("2001:db8::1");
        assertEquals(1, buckets.buckets.size());
        assertTrue(buckets.tryTake("flashsale:ratelimit:ip:2per60s:2001:db8::1", new Limit(2, Duration.ofSeconds(60)))
                .compareTo(Duration.ZERO) > 0, "the limiter's bucket is the one under this key");
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertEquals(1, PurchaseRateLimiter.retryAfterSeconds(Duration.ofNanos(1)));
        assertEquals(1, PurchaseRateLimiter.retryAfterSeconds(Duration.ofSeconds(1)));
        assertEquals(2, PurchaseRateLimiter.retryAfterSeconds(Duration.ofMillis(1001)));
        assertEquals(12, PurchaseRateLimiter.retryAfterSeconds(Duration.ofMillis(11_500)));
    }

    @Test
    void aLimitNeedsACapacityAndAPeriod() {
        assertThrows(IllegalArgumentException.class, () -> new Limit(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Limit(1, Duration.ZERO));
    }
}
