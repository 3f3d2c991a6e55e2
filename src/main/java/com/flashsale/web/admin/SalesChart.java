package com.flashsale.web.admin;

import com.flashsale.web.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Units sold over time for one sale, as the coordinates of an inline SVG line chart drawn by
 * the dashboard template (a picture made on the server; no script, no chart library). Purchases
 * are counted into a fixed number of time buckets, so a large sale costs no more to draw.
 */
public final class SalesChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 240;
    static final int LEFT = 56;
    static final int RIGHT = 16;
    static final int TOP = 16;
    static final int BOTTOM = 32;
    static final int BUCKETS = 60;

    private final Instant from;
    private final Instant to;
    private final long[] counts = new long[BUCKETS];
    private long total;

    /** A chart of the window {@code from}–{@code to} (the sale's start to its end or now). */
    public SalesChart(Instant from, Instant to) {
        this.from = from;
        this.to = to.isAfter(from) ? to : from.plusSeconds(1);
    }

    /** Counts one purchase made at {@code time}. */
    public void add(Instant time) {
        long span = Duration.between(from, to).toMillis();
        long offset = Duration.between(from, time).toMillis();
        int bucket = (int) Math.min(BUCKETS - 1, Math.max(0, offset * BUCKETS / span));
        counts[bucket]++;
        total++;
    }

    public long getTotal() {
        return total;
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /** The top of the vertical axis: a round number at or above the units sold. */
    public long getMaxY() {
        return niceCeiling(Math.max(1, total));
    }

    /** The polyline of cumulative units sold, in SVG user units. */
    public String getLinePoints() {
        StringBuilder points = new StringBuilder(point(0, 0));
        long cumulative = 0;
        for (int i = 0; i < BUCKETS; i++) {
            cumulative += counts[i];
            points.append(' ').append(point(i + 1, cumulative));
        }
        return points.toString();
    }

    /** The line closed down to the axis, for a shaded area under it. */
    public String getAreaPoints() {
        return getLinePoints() + ' ' + point(BUCKETS, 0) + ' ' + point(0, 0);
    }

    /** Tick labels: the vertical axis at 0, half and top; the window's start and end below. */
    public List<Label> getLabels() {
        List<Label> labels = new ArrayList<>();
        long max = getMaxY();
        for (long value : new long[] {0, max / 2, max}) {
            labels.add(new Label(LEFT - 8, y(value) + 4, "end", Long.toString(value)));
        }
        labels.add(new Label(LEFT, HEIGHT - 10, "start", Times.display(from)));
        labels.add(new Label(WIDTH - RIGHT, HEIGHT - 10, "end", Times.display(to)));
        return labels;
    }

    /** Horizontal grid lines at the labelled values. */
    public List<Integer> getGridY() {
        long max = getMaxY();
        return List.of(y(max / 2), y(max));
    }

    public int getWidth() {
        return WIDTH;
    }

    public int getHeight() {
        return HEIGHT;
    }

    public int getLeft() {
        return LEFT;
    }

    public int getRight() {
        return WIDTH - RIGHT;
    }

    public int getBaseline() {
        return HEIGHT - BOTTOM;
    }

    /** A sentence saying what the picture shows, for screen readers. */
    public String getDescription() {
        return total + " units sold between " + Times.display(from) + " and " + Times.display(to) + ".";
    }

    private String point(int bucket, long value) {
        double x = LEFT + (double) bucket * (WIDTH - LEFT - RIGHT) / BUCKETS;
        return String.format(Locale.ROOT, "%.1f,%d", x, y(value));
    }

    private int y(long value) {
        return (int) Math.round(HEIGHT - BOTTOM - (double) value * (HEIGHT - TOP - BOTTOM) / getMaxY());
    }

    static long niceCeiling(long value) {
        long magnitude = 1;
        while (magnitude * 10 <= value) {
            magnitude *= 10;
        }
        for (long step : new long[] {1, 2, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** A text label of the chart. */
    public record Label(int x, int y, String anchor, String text) {

        public int getX() {
            return x;
        }

        public int getY() {
            return y;
        }

        public String getAnchor() {
            return anchor;
        }

        public String getText() {
            return text;
        }
    }
}
