package org.cytotrial.plot;

import java.util.ArrayList;
import java.util.List;
import org.cytotrial.response.ResponseCategory;

/**
 * Spider plot: each subject's percent change of the tumour measure from baseline over time,
 * one line per subject coloured by best overall response, with the -30 % and +20 % lines.
 */
public final class SpiderChart {

    /** A point of a subject's line: weeks since first dose, percent change from baseline. */
    public record Point(double weeks, double percent) {
    }

    /** One subject's line, points in time order (the baseline, 0 %, first). */
    public record Series(String subject, ResponseCategory bestResponse, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    private static final double WIDTH = 880;
    private static final double HEIGHT = 480;

    private SpiderChart() {
    }

    public static Plot build(String title, String measure, List<Series> series) {
        double minX = 0;
        double maxX = 1;
        double minY = -100;
        double maxY = 40;
        for (Series s : series) {
            for (Point p : s.points()) {
                minX = Math.min(minX, p.weeks());
                maxX = Math.max(maxX, p.weeks());
                minY = Math.min(minY, p.percent());
                maxY = Math.max(maxY, p.percent());
            }
        }
        double xMin = minX < 0 ? -Axes.niceCeiling(-minX, 4) : 0;
        double xMax = Axes.niceCeiling(maxX, 8);
        double yMax = Axes.niceCeiling(maxY, 6);
        double yMin = -Axes.niceCeiling(-minY, 6);
        Axes axes = new Axes(90, 60, WIDTH - 30, HEIGHT - 70, xMin, xMax, yMin, yMax);
        Plot.Builder plot = Plot.builder(WIDTH, HEIGHT, title)
                .description(title + ": percent change of the " + measure + " from baseline over time for "
                        + series.size() + " subjects.");
        Axes.title(plot, title, 20);
        axes.yAxis(plot, Axes.ticks(yMin, yMax, 8), v -> Axes.format(v) + " %", "Change from baseline", true);
        axes.xAxis(plot, Axes.ticks(xMin, xMax, 10), Axes::format, "Weeks since first dose", false);
        plot.line(axes.left, axes.y(0), axes.right, axes.y(0), Mark.Style.stroke(Palette.AXIS, 1), "ct-zero-line");
        WaterfallChart.reference(plot, axes, WaterfallChart.PR_LINE, "ct-ref-pr", "-30 % (partial response)", true);
        WaterfallChart.reference(plot, axes, WaterfallChart.PD_LINE, "ct-ref-pd", "+20 % (progression)", true);
        List<ResponseCategory> shown = new ArrayList<>();
        for (Series s : series) {
            String colour = Palette.response(s.bestResponse());
            List<Mark.Point> points = new ArrayList<>();
            for (Point p : s.points()) {
                points.add(new Mark.Point(axes.x(p.weeks()), axes.y(p.percent())));
            }
            plot.add(new Mark.Polyline(points, Mark.Style.stroke(colour, 1.5), "ct-spider-line",
                    s.subject() + " (best response " + (s.bestResponse() == null ? "none" : s.bestResponse().name())
                            + ")"));
            for (int i = 0; i < points.size(); i++) {
                Point p = s.points().get(i);
                plot.add(new Mark.Circle(points.get(i).x(), points.get(i).y(), 2.5, Mark.Style.fill(colour),
                        "ct-spider-point", s.subject() + ", week " + Axes.format(Math.round(p.weeks() * 10) / 10.0)
                                + ": " + Axes.format(Math.round(p.percent() * 10) / 10.0) + " %"));
            }
            if (s.bestResponse() != null && !shown.contains(s.bestResponse())) {
                shown.add(s.bestResponse());
            }
        }
        ResponseLegend.draw(plot, axes.left, 44, shown, "Best response:");
        return plot.build();
    }
}
