package com.flashsale.web.shop;

import com.flashsale.sale.SaleService;
import com.flashsale.sale.SaleState;
import com.flashsale.sale.SaleStatus;
import com.flashsale.sale.SaleWithState;
import com.flashsale.web.SaleView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The shop's front page ({@code index.xhtml}): sales on now, coming up, sold out, and those
 * that ended within the last day; cancelled sales are not shown.
 */
@Named("shopIndexBacking")
@RequestScoped
public class IndexBacking {

    static final Duration RECENTLY_ENDED = Duration.ofDays(1);

    @Inject
    SaleService sales;

    private List<SaleView> visible = List.of();
    private Instant serverTime = Instant.now();

    public void load() {
        List<SaleState> states = sales.all().stream().map(SaleWithState::state).toList();
        visible = shown(states).stream().map(SaleView::new).toList();
        serverTime = states.stream().map(SaleState::serverTime).findFirst().orElse(Instant.now());
    }

    /** The sales a shopper sees, in the order they matter: on now, next to start, sold out, ended. */
    static List<SaleState> shown(List<SaleState> states) {
        return states.stream()
                .filter(s -> s.status() != SaleStatus.CANCELLED)
                .filter(s -> s.status() != SaleStatus.ENDED
                        || s.endTime().isAfter(s.serverTime().minus(RECENTLY_ENDED)))
                .sorted(Comparator.comparingInt((SaleState s) -> rank(s.status()))
                        .thenComparing(s -> s.status() == SaleStatus.ENDED ? Instant.MAX.minusSeconds(
                                s.endTime().getEpochSecond()) : s.startTime()))
                .toList();
    }

    private static int rank(SaleStatus status) {
        return switch (status) {
            case ACTIVE -> 0;
            case UPCOMING -> 1;
            case SOLD_OUT -> 2;
            default -> 3;
        };
    }

    public List<SaleView> getSales() {
        return visible;
    }

    /** The decision store's clock when the page was made, for the countdowns. */
    public Instant getServerTime() {
        return serverTime;
    }
}
