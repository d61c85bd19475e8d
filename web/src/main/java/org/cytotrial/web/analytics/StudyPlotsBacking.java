package org.cytotrial.web.analytics;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cytotrial.analytics.MarkerAnalytics;
import org.cytotrial.analytics.PlotKind;
import org.cytotrial.analytics.PlotRequest;
import org.cytotrial.analytics.PlotService;
import org.cytotrial.analytics.VisitOption;
import org.cytotrial.plot.SvgRenderer;

/**
 * The plots page (analytics/plots.xhtml): one plot at a time, chosen by {@code plot}, drawn
 * inline as SVG with its options, and the same plot downloadable as PNG and SVG.
 */
@Named
@ViewScoped
public class StudyPlotsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient PlotService plots;

    @Inject
    private transient MarkerAnalytics markers;

    private String study;
    private String plot = PlotKind.KM.slug();
    private String groupBy = "arm";
    private String marker;
    private String cutoff;
    private String visitnum = "1";
    private Integer limit;
    private String svg;
    private List<String> tests = List.of();
    private List<VisitOption> visits = List.of();

    public void load() {
        try {
            PlotService.kind(plot);
            tests = markers.tests(study);
            visits = markers.visits(study);
            if (marker == null || marker.isBlank()) {
                marker = tests.contains("IL6") ? "IL6" : tests.isEmpty() ? null : tests.get(0);
            }
            if (cutoff == null || cutoff.isBlank()) {
                cutoff = "IL6".equals(marker) ? "4" : null;
            }
            draw();
        } catch (RuntimeException e) {
            PageErrors.show(e);
        }
    }

    /** (Re)draws the plot with the current options. */
    public void draw() {
        svg = null;
        try {
            PlotKind kind = PlotService.kind(plot);
            svg = SvgRenderer.render(plots.plot(study, new PlotRequest(kind,
                    kind == PlotKind.KM ? AnalyticsResource.grouping(groupBy, "marker".equals(groupBy) ? marker : null,
                            "marker".equals(groupBy) ? cutoff : null, visitnum) : null,
                    kind == PlotKind.MARKER ? marker : null, limit == null ? 0 : limit)));
        } catch (RuntimeException e) {
            PageErrors.show(e);
        }
    }

    /** The plots, by URL name, with their titles for the tabs. */
    public Map<String, String> getKinds() {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put(PlotKind.KM.slug(), "Kaplan–Meier");
        kinds.put(PlotKind.WATERFALL.slug(), "Waterfall");
        kinds.put(PlotKind.SPIDER.slug(), "Spider");
        kinds.put(PlotKind.SWIMMER.slug(), "Swimmer");
        kinds.put(PlotKind.MARKER.slug(), "Marker time course");
        return kinds;
    }

    public List<String> getKindSlugs() {
        return Arrays.stream(PlotKind.values()).map(PlotKind::slug).toList();
    }

    /** The download URL of the current plot in a format (png, svg), with its options. */
    public String download(String contextPath, String format) {
        StringBuilder url = new StringBuilder(contextPath).append("/plots/").append(enc(study)).append('/')
                .append(plot).append('.').append(format).append('?');
        if (PlotKind.KM.slug().equals(plot) && "marker".equals(groupBy)) {
            url.append("marker=").append(enc(marker)).append("&cutoff=").append(enc(cutoff)).append("&visitnum=")
                    .append(enc(visitnum)).append('&');
        }
        if (PlotKind.MARKER.slug().equals(plot)) {
            url.append("marker=").append(enc(marker)).append('&');
        }
        if (limit != null) {
            url.append("limit=").append(limit).append('&');
        }
        return url.substring(0, url.length() - 1);
    }

    private static String enc(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public boolean isKaplanMeier() {
        return PlotKind.KM.slug().equals(plot);
    }

    public boolean isMarkerCourse() {
        return PlotKind.MARKER.slug().equals(plot);
    }

    public boolean isPerSubject() {
        return !isKaplanMeier() && !isMarkerCourse();
    }

    public String getSvg() {
        return svg;
    }

    public String getStudy() {
        return study;
    }

    public void setStudy(String study) {
        this.study = study;
    }

    public String getPlot() {
        return plot;
    }

    public void setPlot(String plot) {
        this.plot = plot == null || plot.isBlank() ? PlotKind.KM.slug() : plot;
    }

    public String getGroupBy() {
        return groupBy;
    }

    public void setGroupBy(String groupBy) {
        this.groupBy = groupBy;
    }

    public String getMarker() {
        return marker;
    }

    public void setMarker(String marker) {
        this.marker = marker;
    }

    public String getCutoff() {
        return cutoff;
    }

    public void setCutoff(String cutoff) {
        this.cutoff = cutoff;
    }

    public String getVisitnum() {
        return visitnum;
    }

    public void setVisitnum(String visitnum) {
        this.visitnum = visitnum;
    }

    public Integer getLimit() {
        return limit;
    }

    public void setLimit(Integer limit) {
        this.limit = limit;
    }

    public List<String> getTests() {
        return tests;
    }

    public List<VisitOption> getVisits() {
        return visits;
    }
}
