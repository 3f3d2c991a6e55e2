package com.flashsale.sale;

/**
 * Named locks shared by every instance, each held by a token until released or until its time to
 * live runs out; not re-entrant. Both methods may throw {@link com.flashsale.StoreUnavailableException}.
 */
public interface SharedLocks {

    /** Takes a named lock shared by every instance, held at most {@code ttlMillis}; false if it is held. */
    boolean tryLock(String name, String token, long ttlMillis);

    /** Releases a lock if {@code token} still holds it. */
    void unlock(String name, String token);
}
