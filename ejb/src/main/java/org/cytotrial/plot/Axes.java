package org.cytotrial.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A rectangular plot area with linear x and y scales, and the axes, ticks, grid and titles
 * every chart draws the same way.
 */
final class Axes {

    static final double TICK = 5;
    static final double LABEL_SIZE = 11;
    static final double TITLE_SIZE = 12;

    final double left;
    final double top;
    final double right;
    final double bottom;
    final double x0;
    final double x1;
    final double y0;
    final double y1;

    /**
     * @param left   pixel x of the area's left edge; likewise top, right, bottom
     * @param x0     domain value at the left edge; x1 at the right, y0 at the bottom, y1 at the top
     */
    Axes(double left, double top, double right, double bottom, double x0, double x1, double y0, double y1) {
        this.left = left;
        this.top = top;
        this.right = right;
        this.bottom = bottom;
        this.x0 = x0;
        this.x1 = x1 == x0 ? x0 + 1 : x1;
        this.y0 = y0;
        this.y1 = y1 == y0 ? y0 + 1 : y1;
    }

    double x(double value) {
        return left + (value - x0) / (x1 - x0) * (right - left);
    }

    double y(double value) {
        return bottom - (value - y0) / (y1 - y0) * (bottom - top);
    }

    /** Clamps a pixel y into the area (for values outside the domain). */
    double clampY(double pixel) {
        return Math.max(top, Math.min(bottom, pixel));
    }

    void xAxis(Plot.Builder plot, List<Double> ticks, DoubleFunction<String> format, String title, boolean grid) {
        plot.line(left, bottom, right, bottom, Mark.Style.stroke(Palette.AXIS, 1), "ct-axis");
        for (double t : ticks) {
            double px = x(t);
            if (grid) {
                plot.line(px, top, px, bottom, Mark.Style.stroke(Palette.GRID, 1), "ct-grid");
            }
            plot.line(px, bottom, px, bottom + TICK, Mark.Style.stroke(Palette.AXIS, 1), "ct-axis-tick");
            plot.text(px, bottom + TICK + LABEL_SIZE + 2, format.apply(t), LABEL_SIZE, Mark.Anchor.MIDDLE,
                    "ct-axis-label");
        }
        if (title != null) {
            plot.text((left + right) / 2, bottom + TICK + 2 * LABEL_SIZE + 12, title, TITLE_SIZE, Mark.Anchor.MIDDLE,
                    "ct-axis-title");
        }
    }

    void yAxis(Plot.Builder plot, List<Double> ticks, DoubleFunction<String> format, String title, boolean grid) {
        plot.line(left, top, left, bottom, Mark.Style.stroke(Palette.AXIS, 1), "ct-axis");
        for (double t : ticks) {
            double py = y(t);
            if (grid) {
                plot.line(left, py, right, py, Mark.Style.stroke(Palette.GRID, 1), "ct-grid");
            }
            plot.line(left - TICK, py, left, py, Mark.Style.stroke(Palette.AXIS, 1), "ct-axis-tick");
            plot.text(left - TICK - 3, py + LABEL_SIZE / 2 - 1, format.apply(t), LABEL_SIZE, Mark.Anchor.END,
                    "ct-axis-label");
        }
        if (title != null) {
            plot.add(new Mark.Text(left - 48, (top + bottom) / 2, title, TITLE_SIZE, Mark.Anchor.MIDDLE, Palette.TEXT,
                    false, -90, "ct-axis-title", null));
        }
    }

    /** Round tick values covering [min, max], about {@code target} of them (1, 2, 2.5, 5 x 10^k steps). */
    static List<Double> ticks(double min, double max, int target) {
        List<Double> ticks = new ArrayList<>();
        if (!(max > min)) {
            ticks.add(min);
            return ticks;
        }
        double step = niceStep((max - min) / Math.max(1, target));
        double first = Math.ceil(min / step - 1e-9) * step;
        for (double t = first; t <= max + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return ticks;
    }

    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /** The smallest round value at or above {@code value} on the tick grid of [0, value]. */
    static double niceCeiling(double value, int target) {
        if (!(value > 0)) {
            return 1;
        }
        double step = niceStep(value / Math.max(1, target));
        return Math.ceil(value / step - 1e-9) * step;
    }

    static String format(double v) {
        return SvgRenderer.num(v);
    }

    /** The chart's title, top left. */
    static void title(Plot.Builder plot, String title, double x) {
        plot.add(new Mark.Text(x, 22, title, 15, Mark.Anchor.START, Palette.TEXT, true, 0, "ct-title", null));
    }
}
