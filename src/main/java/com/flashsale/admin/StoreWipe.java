package com.flashsale.admin;

/** The admin reset's port to the decision store: forget everything this application keeps there. */
public interface StoreWipe {

    /**
     * Removes every key this application owns in the store (and no other): each sale's state,
     * buyers, outbox and rate-limit buckets, the locks and the current sale; returns how many.
     */
    long forgetAll();
}
