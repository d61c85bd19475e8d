package org.cytotrial.plot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cytotrial.response.ResponseCategory;

/**
 * Waterfall plot: one bar per subject, the best (largest decrease) percent change of the
 * tumour measure from baseline, sorted from the largest increase to the largest decrease and
 * coloured by best overall response, with the -30 % (partial response) and +20 %
 * (progression) lines of RECIST.
 */
public final class WaterfallChart {

    /** One subject's bar. */
    public record Bar(String subject, double percent, ResponseCategory bestResponse) {
    }

    public static final double PR_LINE = -30;
    public static final double PD_LINE = 20;

    private static final double WIDTH = 880;
    private static final double HEIGHT = 480;

    private WaterfallChart() {
    }

    /** @param measure what changed, e.g. "sum of target diameters" */
    public static Plot build(String title, String measure, List<Bar> bars) {
        List<Bar> sorted = new ArrayList<>(bars);
        sorted.sort(Comparator.comparingDouble(Bar::percent).reversed().thenComparing(Bar::subject));
        double min = -100;
        double max = 40;
        for (Bar b : sorted) {
            min = Math.min(min, b.percent());
            max = Math.max(max, b.percent());
        }
        double yMax = Axes.niceCeiling(max, 6);
        double yMin = -Axes.niceCeiling(-min, 6);
        Axes axes = new Axes(90, 60, WIDTH - 30, HEIGHT - 70, 0, Math.max(1, sorted.size()), yMin, yMax);
        Plot.Builder plot = Plot.builder(WIDTH, HEIGHT, title)
                .description(title + ": " + sorted.size() + " subjects, best percent change of the " + measure
                        + " from baseline; lines at " + (int) PR_LINE + " % and +" + (int) PD_LINE + " %.");
        Axes.title(plot, title, 20);
        axes.yAxis(plot, Axes.ticks(yMin, yMax, 8), v -> Axes.format(v) + " %", "Best change from baseline", true);
        plot.line(axes.left, axes.bottom, axes.right, axes.bottom, Mark.Style.stroke(Palette.AXIS, 1), "ct-axis");
        plot.text((axes.left + axes.right) / 2, axes.bottom + 40, "Subjects (" + sorted.size() + "), ordered by change",
                12, Mark.Anchor.MIDDLE, "ct-axis-title");

        double slot = (axes.right - axes.left) / Math.max(1, sorted.size());
        double gap = slot > 6 ? Math.min(3, slot * 0.2) : 0;
        List<ResponseCategory> shown = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Bar b = sorted.get(i);
            double zero = axes.y(0);
            double end = axes.y(b.percent());
            plot.add(new Mark.Rect(axes.left + i * slot + gap / 2, Math.min(zero, end), Math.max(0.5, slot - gap),
                    Math.max(0.5, Math.abs(end - zero)), Mark.Style.fill(Palette.response(b.bestResponse())), "ct-bar",
                    b.subject() + ": " + Axes.format(Math.round(b.percent() * 10) / 10.0) + " %, best response "
                            + (b.bestResponse() == null ? "none" : b.bestResponse().name())));
            if (b.bestResponse() != null && !shown.contains(b.bestResponse())) {
                shown.add(b.bestResponse());
            }
        }
        plot.line(axes.left, axes.y(0), axes.right, axes.y(0), Mark.Style.stroke(Palette.AXIS, 1), "ct-zero-line");
        // increases are on the left and decreases on the right, so each label sits where no bar is
        reference(plot, axes, PR_LINE, "ct-ref-pr", "-30 % (partial response)", false);
        reference(plot, axes, PD_LINE, "ct-ref-pd", "+20 % (progression)", true);
        ResponseLegend.draw(plot, axes.left, 44, shown, "Best response:");
        return plot.build();
    }

    static void reference(Plot.Builder plot, Axes axes, double value, String role, String label, boolean right) {
        double y = axes.y(value);
        plot.add(new Mark.Line(axes.left, y, axes.right, y, Mark.Style.dashed(Palette.REFERENCE, 1.2, 6, 4), role,
                label));
        plot.add(new Mark.Text(right ? axes.right - 4 : axes.left + 4, y - 4, label, 10,
                right ? Mark.Anchor.END : Mark.Anchor.START, Palette.REFERENCE, false, 0, role + "-label", null));
    }
}
