package org.cytotrial.plot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Swimmer plot: one horizontal bar per subject for the time on study, coloured by arm, with
 * marks for the first response (CR or PR), the first progression and death, and an arrow for
 * subjects still on study. Longest time on top.
 */
public final class SwimmerChart {

    /** What happened on a subject's lane. */
    public enum EventKind {
        RESPONSE("ct-mark-response", "first response"),
        PROGRESSION("ct-mark-pd", "progression"),
        DEATH("ct-mark-death", "death");

        private final String role;
        private final String label;

        EventKind(String role, String label) {
            this.role = role;
            this.label = label;
        }

        public String role() {
            return role;
        }

        public String label() {
            return label;
        }
    }

    /** An event at a time (months since first dose). */
    public record Event(double months, EventKind kind, String detail) {
    }

    /** One subject's lane. */
    public record Lane(String subject, String group, double months, boolean ongoing, List<Event> events) {
        public Lane {
            events = List.copyOf(events);
        }
    }

    private static final double WIDTH = 880;
    private static final double LANE = 16;
    private static final double LEFT = 120;

    private SwimmerChart() {
    }

    public static Plot build(String title, List<Lane> lanes) {
        List<Lane> sorted = new ArrayList<>(lanes);
        sorted.sort(Comparator.comparingDouble(Lane::months).reversed().thenComparing(Lane::subject));
        double top = 70;
        double bottom = top + Math.max(1, sorted.size()) * LANE;
        double height = bottom + 60;
        double maxMonths = 1;
        for (Lane l : sorted) {
            maxMonths = Math.max(maxMonths, l.months());
        }
        double xMax = Axes.niceCeiling(maxMonths * 1.03, 8);
        Axes axes = new Axes(LEFT, top, WIDTH - 30, bottom, 0, xMax, 0, 1);
        Plot.Builder plot = Plot.builder(WIDTH, height, title)
                .description(title + ": time on study of " + sorted.size() + " subjects with first response, "
                        + "progression and death marked.");
        Axes.title(plot, title, 20);
        axes.xAxis(plot, Axes.ticks(0, xMax, 10), Axes::format, "Months since first dose", true);

        Map<String, String> colours = new LinkedHashMap<>();
        for (Lane l : lanes) {
            colours.computeIfAbsent(l.group(), g -> Palette.group(colours.size()));
        }
        for (int i = 0; i < sorted.size(); i++) {
            Lane lane = sorted.get(i);
            double y = top + i * LANE;
            double end = axes.x(lane.months());
            String colour = colours.get(lane.group());
            plot.add(new Mark.Text(LEFT - 8, y + LANE - 4, lane.subject(), 10, Mark.Anchor.END, Palette.TEXT, false, 0,
                    "ct-swim-label", null));
            plot.add(new Mark.Rect(axes.left, y + 3, Math.max(1, end - axes.left), LANE - 6, Mark.Style.fill(colour, 0.8),
                    "ct-swim-bar", lane.subject() + " (" + lane.group() + "): " + Axes.format(round(lane.months()))
                            + " months" + (lane.ongoing() ? ", ongoing" : "")));
            double mid = y + LANE / 2;
            if (lane.ongoing()) {
                plot.add(new Mark.Polygon(List.of(new Mark.Point(end + 2, mid - 4), new Mark.Point(end + 9, mid),
                        new Mark.Point(end + 2, mid + 4)), Mark.Style.fill(Palette.TEXT), "ct-mark-ongoing",
                        lane.subject() + ": ongoing"));
            }
            for (Event e : lane.events()) {
                eventMark(plot, axes.x(e.months()), mid, e, lane.subject());
            }
        }
        legend(plot, colours);
        return plot.build();
    }

    private static void eventMark(Plot.Builder plot, double x, double y, Event e, String subject) {
        String tip = subject + ": " + e.kind().label() + (e.detail() == null ? "" : " " + e.detail()) + " at "
                + Axes.format(round(e.months())) + " months";
        switch (e.kind()) {
            case RESPONSE -> plot.add(new Mark.Polygon(List.of(new Mark.Point(x, y - 5), new Mark.Point(x + 5, y + 4),
                    new Mark.Point(x - 5, y + 4)), Mark.Style.fill("#ffffff").outlined("#116329", 1.5),
                    e.kind().role(), tip));
            case PROGRESSION -> plot.add(new Mark.Polygon(List.of(new Mark.Point(x, y - 5), new Mark.Point(x + 5, y),
                    new Mark.Point(x, y + 5), new Mark.Point(x - 5, y)), Mark.Style.fill("#cf222e"), e.kind().role(),
                    tip));
            case DEATH -> {
                plot.add(new Mark.Line(x - 4, y - 4, x + 4, y + 4, Mark.Style.stroke("#000000", 2), e.kind().role(), tip));
                plot.add(new Mark.Line(x - 4, y + 4, x + 4, y - 4, Mark.Style.stroke("#000000", 2), e.kind().role() + "-2",
                        null));
            }
        }
    }

    private static void legend(Plot.Builder plot, Map<String, String> colours) {
        double x = LEFT;
        double y = 46;
        for (Map.Entry<String, String> arm : colours.entrySet()) {
            plot.add(new Mark.Rect(x, y - 9, 14, 10, Mark.Style.fill(arm.getValue(), 0.8), "ct-legend-swatch", null));
            plot.add(new Mark.Text(x + 18, y, arm.getKey(), 11, Mark.Anchor.START, Palette.TEXT, false, 0, "ct-legend",
                    null));
            x += 26 + arm.getKey().length() * 7;
        }
        x += 10;
        plot.add(new Mark.Polygon(List.of(new Mark.Point(x + 5, y - 9), new Mark.Point(x + 10, y),
                new Mark.Point(x, y)), Mark.Style.fill("#ffffff").outlined("#116329", 1.5), "ct-legend-swatch", null));
        plot.add(new Mark.Text(x + 14, y, "first CR/PR", 11, Mark.Anchor.START, Palette.TEXT, false, 0, "ct-legend", null));
        x += 90;
        plot.add(new Mark.Polygon(List.of(new Mark.Point(x + 5, y - 9), new Mark.Point(x + 10, y - 4),
                new Mark.Point(x + 5, y + 1), new Mark.Point(x, y - 4)), Mark.Style.fill("#cf222e"), "ct-legend-swatch",
                null));
        plot.add(new Mark.Text(x + 14, y, "progression", 11, Mark.Anchor.START, Palette.TEXT, false, 0, "ct-legend", null));
        x += 90;
        plot.line(x, y - 8, x + 8, y, Mark.Style.stroke("#000000", 2), "ct-legend-swatch");
        plot.line(x, y, x + 8, y - 8, Mark.Style.stroke("#000000", 2), "ct-legend-swatch");
        plot.add(new Mark.Text(x + 14, y, "death", 11, Mark.Anchor.START, Palette.TEXT, false, 0, "ct-legend", null));
        x += 60;
        plot.add(new Mark.Polygon(List.of(new Mark.Point(x, y - 8), new Mark.Point(x + 7, y - 4),
                new Mark.Point(x, y)), Mark.Style.fill(Palette.TEXT), "ct-legend-swatch", null));
        plot.add(new Mark.Text(x + 12, y, "ongoing", 11, Mark.Anchor.START, Palette.TEXT, false, 0, "ct-legend", null));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
