package com.flashsale.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SalesChartTest {

    private static final Instant START = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void cumulativeLineRisesToTheUnitsSold() {
        SalesChart chart = new SalesChart(START, START.plusSeconds(60));
        chart.add(START.plusSeconds(1));
        chart.add(START.plusSeconds(30));
        chart.add(START.plusSeconds(59));
        String[] points = chart.getLinePoints().split(" ");
        assertEquals(SalesChart.BUCKETS + 1, points.length);
        assertEquals("56.0,208", points[0], "starts at zero on the baseline");
        assertEquals(3, chart.getTotal());
        assertEquals(5, chart.getMaxY());
        int lastY = Integer.parseInt(points[points.length - 1].split(",")[1]);
        assertEquals(Math.round(208 - 3 * 192.0 / 5), lastY);
    }

    @Test
    void purchasesOutsideTheWindowAreCountedAtItsEdges() {
        SalesChart chart = new SalesChart(START, START.plusSeconds(60));
        chart.add(START.minusSeconds(5));
        chart.add(START.plusSeconds(600));
        assertEquals(2, chart.getTotal());
        assertTrue(chart.getDescription().startsWith("2 units sold between 2026-11-29 12:00:00 UTC"));
    }

    @Test
    void axisTopIsARoundNumber() {
        assertEquals(1, SalesChart.niceCeiling(1));
        assertEquals(2, SalesChart.niceCeiling(2));
        assertEquals(5, SalesChart.niceCeiling(3));
        assertEquals(10, SalesChart.niceCeiling(7));
        assertEquals(200, SalesChart.niceCeiling(101));
        assertEquals(1_000_000, SalesChart.niceCeiling(1_000_000));
    }

    @Test
    void emptyOrBackwardsWindowStillDraws() {
        SalesChart chart = new SalesChart(START, START.minusSeconds(10));
        assertTrue(chart.isEmpty());
        assertEquals(SalesChart.BUCKETS + 1, chart.getLinePoints().split(" ").length);
    }
}
