package com.flashsale.sale;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SalesChangedTest {

    @Test
    void namesOnlyTheSalesAnnounced() {
        SalesChanged changed = new SalesChanged(Set.of("a", "b"));
        assertTrue(changed.includes("a"));
        assertFalse(changed.includes("c"));
        assertFalse(changed.everySale());
    }

    @Test
    void everySaleAfterAReconnect() {
        SalesChanged changed = new SalesChanged(Set.of(SalesChanged.EVERY_SALE));
        assertTrue(changed.everySale());
        assertTrue(changed.includes("any"));
    }
}
