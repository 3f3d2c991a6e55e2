package com.flashsale.ratelimit;

import java.time.Duration;

/** Token buckets shared by every server instance (a port; the Redis adapter implements it). */
public interface TokenBuckets {

    /**
     * Takes one token from the bucket {@code key}, creating it full with {@code limit} if it does
     * not exist.
     *
     * @return {@link Duration#ZERO} if a token was taken, else how long until one is available
     * @throws com.flashsale.StoreUnavailableException if the shared store cannot answer
     */
    Duration tryTake(String key, Limit limit);
}
