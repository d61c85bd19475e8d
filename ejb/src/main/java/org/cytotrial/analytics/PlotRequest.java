package org.cytotrial.analytics;

import java.util.Objects;

/**
 * What to plot.
 *
 * @param kind     the plot
 * @param grouping Kaplan-Meier groups (by arm, or by a marker cut-off)
 * @param marker   the marker of a time-course plot
 * @param limit    at most this many subjects on a per-subject plot (waterfall, spider, swimmer);
 *                 the plot says when it shows fewer than the study has
 */
public record PlotRequest(PlotKind kind, PfsGrouping grouping, String marker, int limit) {

    public static final int DEFAULT_LIMIT = 200;
    public static final int MAX_LIMIT = 2000;

    public PlotRequest {
        Objects.requireNonNull(kind, "kind");
        grouping = grouping == null ? PfsGrouping.BY_ARM : grouping;
        limit = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
    }

    public static PlotRequest of(PlotKind kind) {
        return new PlotRequest(kind, PfsGrouping.BY_ARM, null, DEFAULT_LIMIT);
    }
}
