package org.cytotrial.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Kaplan-Meier curves as oncology papers show them: survival steps per group, a tick where a
 * subject was censored, the pointwise 95 % band shaded, a dashed line at 50 %, and the numbers
 * at risk under the x axis, one row per group.
 */
public final class KaplanMeierChart {

    /**
     * One distinct time of a curve (as in the survival table).
     *
     * @param time     time, in the chart's unit
     * @param atRisk   at risk just before it
     * @param events   events at it
     * @param censored censored at it
     * @param survival survival just after it
     * @param lower    lower 95 % limit, or null where undefined
     * @param upper    upper 95 % limit, or null where undefined
     */
    public record Step(double time, int atRisk, int events, int censored, double survival, Double lower,
            Double upper) {
    }

    /** One group's curve; {@code n} subjects, steps in time order. */
    public record Curve(String name, int n, int events, List<Step> steps) {
        public Curve {
            steps = List.copyOf(steps);
        }
    }

    private static final double WIDTH = 880;
    private static final double LEFT = 150;
    private static final double RIGHT = WIDTH - 30;
    private static final double TOP = 70;
    private static final double AREA_HEIGHT = 320;
    private static final double RISK_ROW = 20;

    private KaplanMeierChart() {
    }

    /** @param timeTitle the x axis title, e.g. "Months since first dose" */
    public static Plot build(String title, String yTitle, String timeTitle, List<Curve> curves) {
        double bottom = TOP + AREA_HEIGHT;
        double height = bottom + 70 + RISK_ROW * (curves.size() + 1) + 10;
        double maxTime = 0;
        for (Curve c : curves) {
            for (Step s : c.steps()) {
                maxTime = Math.max(maxTime, s.time());
            }
        }
        double xMax = Axes.niceCeiling(maxTime, 8);
        Axes axes = new Axes(LEFT, TOP, RIGHT, bottom, 0, xMax, 0, 1);
        Plot.Builder plot = Plot.builder(WIDTH, height, title).description(describe(title, curves));
        Axes.title(plot, title, 20);
        List<Double> xTicks = Axes.ticks(0, xMax, 8);
        axes.yAxis(plot, Axes.ticks(0, 1, 4), v -> Axes.format(v), yTitle, true);
        axes.xAxis(plot, xTicks, Axes::format, timeTitle, false);
        plot.line(axes.x(0), axes.y(0.5), axes.right, axes.y(0.5), Mark.Style.dashed(Palette.REFERENCE, 1, 4, 3),
                "ct-km-median-ref");

        for (int g = 0; g < curves.size(); g++) {
            Curve curve = curves.get(g);
            String colour = Palette.group(g);
            band(plot, axes, curve, colour);
            plot.add(new Mark.Polyline(steps(axes, curve), Mark.Style.stroke(colour, 2), "ct-km-curve",
                    curve.name() + ": n = " + curve.n() + ", events = " + curve.events()));
            for (Step s : curve.steps()) {
                if (s.censored() > 0) {
                    double px = axes.x(s.time());
                    double py = axes.y(s.survival());
                    plot.add(new Mark.Line(px, py - 5, px, py + 5, Mark.Style.stroke(colour, 1.5), "ct-km-censor",
                            curve.name() + ": " + s.censored() + " censored at " + Axes.format(s.time())));
                }
            }
            legend(plot, g, curve, colour);
        }

        double riskTop = bottom + 70;
        plot.add(new Mark.Text(20, riskTop, "Number at risk", 12, Mark.Anchor.START, Palette.TEXT, true, 0,
                "ct-km-risk-title", null));
        for (int g = 0; g < curves.size(); g++) {
            Curve curve = curves.get(g);
            double y = riskTop + RISK_ROW * (g + 1);
            plot.add(new Mark.Text(LEFT - 12, y, curve.name(), 11, Mark.Anchor.END, Palette.group(g), true, 0,
                    "ct-km-risk-group", null));
            for (double t : xTicks) {
                plot.add(new Mark.Text(axes.x(t), y, Integer.toString(atRisk(curve, t)), 11, Mark.Anchor.MIDDLE,
                        Palette.TEXT, false, 0, "ct-km-risk", null));
            }
        }
        return plot.build();
    }

    /** Subjects still at risk at time t: those whose time is t or later. */
    static int atRisk(Curve curve, double t) {
        for (Step s : curve.steps()) {
            if (s.time() >= t) {
                return s.atRisk();
            }
        }
        return 0;
    }

    private static List<Mark.Point> steps(Axes axes, Curve curve) {
        List<Mark.Point> points = new ArrayList<>();
        double survival = 1.0;
        points.add(new Mark.Point(axes.x(0), axes.y(1)));
        for (Step s : curve.steps()) {
            points.add(new Mark.Point(axes.x(s.time()), axes.y(survival)));
            if (s.survival() != survival) {
                survival = s.survival();
                points.add(new Mark.Point(axes.x(s.time()), axes.y(survival)));
            }
        }
        return points;
    }

    /** The 95 % band as step polygons over the stretches where both limits are defined. */
    private static void band(Plot.Builder plot, Axes axes, Curve curve, String colour) {
        List<Step> steps = curve.steps();
        List<Mark.Point> upper = new ArrayList<>();
        List<Mark.Point> lower = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            boolean defined = s.lower() != null && s.upper() != null;
            double end = i + 1 < steps.size() ? steps.get(i + 1).time() : s.time();
            if (defined && end > s.time()) {
                upper.add(new Mark.Point(axes.x(s.time()), axes.y(s.upper())));
                upper.add(new Mark.Point(axes.x(end), axes.y(s.upper())));
                lower.add(new Mark.Point(axes.x(s.time()), axes.y(s.lower())));
                lower.add(new Mark.Point(axes.x(end), axes.y(s.lower())));
            } else {
                flush(plot, upper, lower, colour, curve.name());
            }
        }
        flush(plot, upper, lower, colour, curve.name());
    }

    private static void flush(Plot.Builder plot, List<Mark.Point> upper, List<Mark.Point> lower, String colour,
            String name) {
        if (upper.isEmpty()) {
            return;
        }
        List<Mark.Point> outline = new ArrayList<>(upper);
        for (int i = lower.size() - 1; i >= 0; i--) {
            outline.add(lower.get(i));
        }
        plot.add(new Mark.Polygon(outline, Mark.Style.fill(colour, 0.15), "ct-km-band", name + ": 95 % confidence band"));
        upper.clear();
        lower.clear();
    }

    private static void legend(Plot.Builder plot, int index, Curve curve, String colour) {
        double x = LEFT + 10 + (index % 3) * 230;
        double y = 44 + (index / 3) * 14;
        plot.line(x, y - 4, x + 24, y - 4, Mark.Style.stroke(colour, 2.5), "ct-legend-swatch");
        plot.add(new Mark.Text(x + 30, y, curve.name() + " (n = " + curve.n() + ", events " + curve.events() + ")", 11,
                Mark.Anchor.START, Palette.TEXT, false, 0, "ct-legend", null));
    }

    private static String describe(String title, List<Curve> curves) {
        StringBuilder d = new StringBuilder(title).append(". ");
        for (Curve c : curves) {
            d.append(c.name()).append(": ").append(c.n()).append(" subjects, ").append(c.events()).append(" events. ");
        }
        return d.toString().strip();
    }
}
