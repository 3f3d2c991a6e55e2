package com.flashsale.sale;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Durable storage of sales: the source of truth the decision store is rebuilt from. */
public interface SaleRepository {

    void insert(Sale sale);

    Optional<Sale> find(String id);

    /** Every sale, newest first. */
    List<Sale> findAll();

    /** The most recently created sale that is not cancelled. */
    Optional<Sale> findLatestOpen();

    /** Every sale whose window has not ended at {@code now}. */
    List<Sale> findNotEndedAt(Instant now);

    /** Replaces the sale's editable fields if it has not started at {@code now}. */
    boolean updateIfNotStarted(Sale sale, Instant now);

    boolean markCancelled(String id, Instant now);

    /** Replaces the waiting room of a sale that has one (a live change of rate or pause). */
    boolean updateWaitingRoom(String id, WaitingRoom waitingRoom, Instant now);

    long deleteAll();
}
