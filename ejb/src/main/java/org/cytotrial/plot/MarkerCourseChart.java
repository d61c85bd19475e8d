package org.cytotrial.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A marker's time course per arm: the median at each visit joined by a line, with the
 * interquartile range (Q1 to Q3) as a bar, arms side by side at each visit. Visits are spaced
 * evenly in visit-number order and labelled with their VISIT names.
 */
public final class MarkerCourseChart {

    /** One visit of one arm. */
    public record Point(double visitNumber, String visit, int n, double median, double q1, double q3) {
    }

    /** One arm's course, points in visit order. */
    public record Series(String group, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    private static final double WIDTH = 880;
    private static final double HEIGHT = 480;

    private MarkerCourseChart() {
    }

    /** @param yTitle the marker and its unit, e.g. "IL6 (pg/mL)" */
    public static Plot build(String title, String yTitle, List<Series> series) {
        TreeMap<Double, String> visits = new TreeMap<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (Point p : s.points()) {
                visits.putIfAbsent(p.visitNumber(), p.visit());
                min = Math.min(min, p.q1());
                max = Math.max(max, p.q3());
            }
        }
        if (visits.isEmpty()) {
            min = 0;
            max = 1;
        }
        double yMin = min >= 0 ? 0 : -Axes.niceCeiling(-min, 6);
        double yMax = Axes.niceCeiling(max, 6);
        List<Double> order = new ArrayList<>(visits.keySet());
        Map<Double, Integer> index = new TreeMap<>();
        for (int i = 0; i < order.size(); i++) {
            index.put(order.get(i), i);
        }
        boolean many = order.size() > 12;
        double bottom = HEIGHT - (many ? 100 : 70);
        Axes axes = new Axes(90, 60, WIDTH - 30, bottom, -0.5, Math.max(0.5, order.size() - 0.5), yMin, yMax);
        Plot.Builder plot = Plot.builder(WIDTH, HEIGHT, title)
                .description(title + ": median and interquartile range per arm at " + order.size() + " visits.");
        Axes.title(plot, title, 20);
        axes.yAxis(plot, Axes.ticks(yMin, yMax, 8), Axes::format, yTitle, true);
        plot.line(axes.left, bottom, axes.right, bottom, Mark.Style.stroke(Palette.AXIS, 1), "ct-axis");
        int every = Math.max(1, (int) Math.ceil(order.size() / 24.0));
        for (int i = 0; i < order.size(); i += every) {
            double x = axes.x(i);
            plot.line(x, bottom, x, bottom + Axes.TICK, Mark.Style.stroke(Palette.AXIS, 1), "ct-axis-tick");
            plot.add(new Mark.Text(x, bottom + 16, visits.get(order.get(i)), 10,
                    many ? Mark.Anchor.END : Mark.Anchor.MIDDLE, Palette.TEXT, false, many ? -45 : 0, "ct-axis-label",
                    "visit " + Axes.format(order.get(i))));
        }
        double slot = (axes.right - axes.left) / Math.max(1, order.size());
        double spread = Math.min(slot * 0.5, 12.0 * series.size());
        for (int g = 0; g < series.size(); g++) {
            Series s = series.get(g);
            String colour = Palette.group(g);
            double offset = series.size() == 1 ? 0 : -spread / 2 + spread * g / (series.size() - 1);
            List<Mark.Point> line = new ArrayList<>();
            for (Point p : s.points()) {
                double x = axes.x(index.get(p.visitNumber())) + offset;
                String tip = s.group() + ", " + p.visit() + ": median " + Axes.format(p.median()) + " (IQR "
                        + Axes.format(p.q1()) + " to " + Axes.format(p.q3()) + "), n = " + p.n();
                plot.add(new Mark.Line(x, axes.y(p.q1()), x, axes.y(p.q3()), Mark.Style.stroke(colour, 1.5), "ct-iqr",
                        tip));
                plot.line(x - 3, axes.y(p.q1()), x + 3, axes.y(p.q1()), Mark.Style.stroke(colour, 1.5), "ct-iqr-cap");
                plot.line(x - 3, axes.y(p.q3()), x + 3, axes.y(p.q3()), Mark.Style.stroke(colour, 1.5), "ct-iqr-cap");
                line.add(new Mark.Point(x, axes.y(p.median())));
            }
            plot.add(new Mark.Polyline(line, Mark.Style.stroke(colour, 2), "ct-median-line", s.group() + ": median"));
            for (int i = 0; i < line.size(); i++) {
                Point p = s.points().get(i);
                plot.add(new Mark.Circle(line.get(i).x(), line.get(i).y(), 3.5, Mark.Style.fill(colour),
                        "ct-median-point", s.group() + ", " + p.visit() + ": median " + Axes.format(p.median())
                                + ", n = " + p.n()));
            }
            double lx = axes.left + 10 + g * 150;
            plot.line(lx, 40, lx + 24, 40, Mark.Style.stroke(colour, 2.5), "ct-legend-swatch");
            plot.add(new Mark.Text(lx + 30, 44, s.group(), 11, Mark.Anchor.START, Palette.TEXT, false, 0, "ct-legend",
                    null));
        }
        plot.add(new Mark.Text(axes.right, 44, "Median with interquartile range", 11, Mark.Anchor.END,
                Palette.REFERENCE, false, 0, "ct-legend", null));
        return plot.build();
    }
}
