package com.flashsale.web.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.flashsale.sale.SaleState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexBackingTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void showsActiveThenUpcomingThenSoldOutThenRecentlyEndedAndHidesCancelledAndOldSales() {
        SaleState oldEnded = state("old", NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(2)), 3, false);
        SaleState recent = state("recent", NOW.minusSeconds(7200), NOW.minusSeconds(3600), 3, false);
        SaleState cancelled = state("cancelled", NOW.minusSeconds(60), NOW.plusSeconds(60), 3, true);
        SaleState soldOut = state("soldout", NOW.minusSeconds(60), NOW.plusSeconds(60), 0, false);
        SaleState later = state("later", NOW.plusSeconds(7200), NOW.plusSeconds(9000), 3, false);
        SaleState soon = state("soon", NOW.plusSeconds(60), NOW.plusSeconds(9000), 3, false);
        SaleState active = state("active", NOW.minusSeconds(60), NOW.plusSeconds(60), 2, false);

        List<String> shown = IndexBacking.shown(List.of(oldEnded, recent, cancelled, soldOut, later, soon, active))
                .stream().map(SaleState::productName).toList();

        assertEquals(List.of("active", "soon", "later", "soldout", "recent"), shown);
    }

    private static SaleState state(String name, Instant start, Instant end, long remaining, boolean cancelled) {
        return new SaleState(name, name, 10, remaining, start, end, start, cancelled, NOW);
    }
}
