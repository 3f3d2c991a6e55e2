package com.flashsale.infrastructure.redis;

import com.flashsale.StoreUnavailableException;
import java.util.List;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/** How every Redis adapter reports a failure: an unreachable or overloaded Redis is a retryable 503. */
final class RedisCalls {

    private static final List<String> TRANSIENT_ERRORS = List.of("LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN");

    private RedisCalls() {
    }

    /** Runs a Redis call, reporting an unreachable or overloaded Redis as a retryable 503. */
    static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (JedisDataException e) {
            if (isTransient(e)) {
                throw new StoreUnavailableException("The purchase service is starting or busy; try again shortly.", e);
            }
            throw e; // a bug (wrong type, script error), not a passing outage
        } catch (JedisException e) {
            throw new StoreUnavailableException("The purchase service is busy or unreachable; try again shortly.", e);
        }
    }

    /** Redis refusals that pass: loading its data, a busy script, a cluster failing over. */
    private static boolean isTransient(JedisDataException e) {
        String message = e.getMessage();
        return message != null && TRANSIENT_ERRORS.stream().anyMatch(message::startsWith);
    }
}
