package com.flashsale.sale;

import java.util.Set;

/**
 * A CDI event: the live state (stock, status) of these sales changed, on this instance or on
 * another one sharing the same Redis. Pages showing them should read them again. The id
 * {@value #EVERY_SALE} stands for every sale (changes may have been missed).
 */
public record SalesChanged(Set<String> saleIds) {

    public static final String EVERY_SALE = "*";

    public boolean includes(String saleId) {
        return saleIds.contains(EVERY_SALE) || saleIds.contains(saleId);
    }

    public boolean everySale() {
        return saleIds.contains(EVERY_SALE);
    }
}
