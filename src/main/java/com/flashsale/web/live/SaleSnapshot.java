package com.flashsale.web.live;

import com.flashsale.sale.SaleState;
import com.flashsale.sale.SaleStatus;

/** What watchers of a sale are told about: a change in either field is broadcast. */
record SaleSnapshot(long stockRemaining, SaleStatus status) {

    static SaleSnapshot of(SaleState state) {
        return new SaleSnapshot(state.stockRemaining(), state.status());
    }
}
