package com.flashsale.purchase;

import com.flashsale.sale.Sale;
import com.flashsale.sale.SaleRepository;
import com.flashsale.sale.WaitingRoom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The durable record of sales in memory. */
class InMemorySaleRepository implements SaleRepository {

    private final Map<String, Sale> sales = new LinkedHashMap<>();
    int findCalls;

    @Override
    public void insert(Sale sale) {
        sales.put(sale.id(), sale);
    }

    @Override
    public Optional<Sale> find(String id) {
        findCalls++;
        return Optional.ofNullable(sales.get(id));
    }

    @Override
    public List<Sale> findAll() {
        List<Sale> all = new ArrayList<>(sales.values());
        all.sort(Comparator.comparing(Sale::createdAt).reversed());
        return all;
    }

    @Override
    public Optional<Sale> findLatestOpen() {
        return findAll().stream().filter(s -> !s.cancelled()).findFirst();
    }

    @Override
    public List<Sale> findNotEndedAt(Instant now) {
        return findAll().stream().filter(s -> !s.hasEndedAt(now)).toList();
    }

    @Override
    public boolean updateIfNotStarted(Sale sale, Instant now) {
        Sale old = sales.get(sale.id());
        if (old == null || !now.isBefore(old.startTime())) {
            return false;
        }
        sales.put(sale.id(), sale);
        return true;
    }

    @Override
    public boolean markCancelled(String id, Instant now) {
        Sale s = sales.get(id);
        if (s == null) {
            return false;
        }
        sales.put(id, new Sale(s.id(), s.productName(), s.totalStock(), s.startTime(), s.endTime(), s.createdAt(),
                now, true, s.waitingRoom()));
        return true;
    }

    @Override
    public boolean updateWaitingRoom(String id, WaitingRoom waitingRoom, Instant now) {
        Sale s = sales.get(id);
        if (s == null || s.waitingRoom() == null) {
            return false;
        }
        sales.put(id, new Sale(s.id(), s.productName(), s.totalStock(), s.startTime(), s.endTime(), s.createdAt(),
                now, s.cancelled(), waitingRoom));
        return true;
    }

    @Override
    public long deleteAll() {
        long n = sales.size();
        sales.clear();
        return n;
    }
}
