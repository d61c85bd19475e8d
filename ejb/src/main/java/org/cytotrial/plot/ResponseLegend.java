package org.cytotrial.plot;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import org.cytotrial.response.ResponseCategory;

/** The legend of response colours, for the categories a chart shows. */
final class ResponseLegend {

    private ResponseLegend() {
    }

    static void draw(Plot.Builder plot, double x, double y, Collection<ResponseCategory> shown, String prefix) {
        Set<ResponseCategory> present = shown.isEmpty() ? EnumSet.noneOf(ResponseCategory.class) : EnumSet.copyOf(shown);
        double at = x;
        plot.add(new Mark.Text(at, y, prefix, 11, Mark.Anchor.START, Palette.TEXT, true, 0, "ct-legend", null));
        at += 8 + prefix.length() * 6.5;
        for (ResponseCategory c : ResponseCategory.values()) {
            if (!present.contains(c)) {
                continue;
            }
            plot.add(new Mark.Rect(at, y - 9, 10, 10, Mark.Style.fill(Palette.response(c)), "ct-legend-swatch", null));
            plot.add(new Mark.Text(at + 14, y, c.name(), 11, Mark.Anchor.START, Palette.TEXT, false, 0, "ct-legend",
                    null));
            at += 44;
        }
    }
}
