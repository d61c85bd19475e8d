package org.cytotrial.web.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.cytotrial.analytics.PlotKind;
import org.cytotrial.analytics.PlotRequest;
import org.cytotrial.analytics.PlotService;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.plot.Plot;
import org.cytotrial.plot.PngRenderer;
import org.cytotrial.plot.SvgRenderer;

/**
 * A plot as a file ({@code km.svg}, {@code waterfall.png}, ...), for the REST API and for the
 * download links of the pages, from the same parameters.
 */
@ApplicationScoped
public class PlotFiles {

    /** A rendered plot. */
    public record File(byte[] bytes, String contentType, String fileName) {
    }

    @Inject
    private PlotService plots;

    /**
     * @param name     "{kind}.{svg|png}", e.g. "km.svg"
     * @param groupBy  Kaplan-Meier grouping (arm, the default)
     * @param marker   marker of a time-course plot, or of a Kaplan-Meier cut-off split
     * @param cutoff   the cut-off of a Kaplan-Meier split
     * @param visitnum the visit of a Kaplan-Meier split (1 by default)
     * @param limit    at most this many subjects on per-subject plots
     */
    public File render(String studyCode, String name, String groupBy, String marker, String cutoff, String visitnum,
            String limit) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        String format = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!format.equals("svg") && !format.equals("png")) {
            throw new InvalidInputException("format", "'" + name + "' is not a plot file; use {kind}.svg or {kind}.png");
        }
        PlotKind kind = PlotService.kind(name.substring(0, dot));
        PlotRequest request = new PlotRequest(kind,
                kind == PlotKind.KM ? AnalyticsResource.grouping(groupBy, marker, cutoff, visitnum) : null,
                kind == PlotKind.MARKER ? marker : null, limit(limit));
        Plot plot = plots.plot(studyCode, request);
        String file = studyCode + "-" + kind.slug() + "." + format;
        return format.equals("svg")
                ? new File(SvgRenderer.render(plot).getBytes(StandardCharsets.UTF_8), "image/svg+xml", file)
                : new File(PngRenderer.render(plot), "image/png", file);
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return PlotRequest.DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("limit", "'" + text + "' is not a positive whole number (at most "
                    + PlotRequest.MAX_LIMIT + ")");
        }
    }
}
