/**
 * Rate limits on the purchase endpoints: token buckets per client address and per shopper in a
 * sale, kept in the shared store so every server instance counts against the same buckets. A
 * refused attempt is answered 429 with {@code Retry-After} before it reaches the purchase decision.
 */
package com.flashsale.ratelimit;
