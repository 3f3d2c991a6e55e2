package com.flashsale.purchase;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

/** The in-memory fake held to the same contract as Redis, so unit tests built on it stay honest. */
class InMemoryStockGatewayContractTest extends StockGatewayContract {

    private final InMemoryStockGateway gateway = new InMemoryStockGateway(new InMemoryOutbox(new ArrayList<>()));

    @Override
    protected StockGateway gateway() {
        return gateway;
    }

    @Override
    protected Instant storeNow() {
        return gateway.now;
    }

    @Override
    protected void elapse(Duration step) {
        gateway.now = gateway.now.plus(step);
    }

    @Override
    protected void makeStale(String saleId) {
        gateway.states.get(saleId).stale = true;
    }
}
