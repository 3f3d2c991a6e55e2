package com.flashsale.ratelimit;

import com.flashsale.ratelimit.RateLimitedException.Kind;
import java.util.EnumMap;
import java.util.Map;

/** Counts rejections in memory instead of a metric registry. */
public final class RecordingRateLimitMetrics extends RateLimitMetrics {

    public final Map<Kind, Integer> rejections = new EnumMap<>(Kind.class);

    @Override
    void rejected(Kind kind) {
        rejections.merge(kind, 1, Integer::sum);
    }
}
