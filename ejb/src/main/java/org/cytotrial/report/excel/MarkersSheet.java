package org.cytotrial.report.excel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.AxisTickLabelPosition;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.cytotrial.analysis.MarkerSummary;
import org.cytotrial.report.ArmResult;
import org.cytotrial.report.MarkerColumn;
import org.cytotrial.report.ReportData;
import org.cytotrial.report.xlsx.GridSheet;
import org.cytotrial.report.xlsx.ReportStyle;

/**
 * Sheet 4: marker summaries per arm, marker and visit (the table), and for every marker measured
 * at two visits or more a native line chart of the median per visit, one line per arm, next to
 * the small table of medians it draws.
 */
final class MarkersSheet {

    static final String NAME = "Markers";
    static final List<String> COLUMNS = List.of("Arm", "Marker", "Unit", "Visit number", "Visit", "n", "Median", "Q1",
            "Q3", "Mean", "SD", "Median fold change");
    private static final int BLOCK_COLUMN = COLUMNS.size() + 1;
    private static final int CHART_ROWS = 16;

    private MarkersSheet() {
    }

    static void build(GridSheet grid, ReportData data) {
        Map<String, MarkerColumn> markers = new LinkedHashMap<>();
        data.markers().forEach(m -> markers.put(m.code(), m));
        List<MarkerSummary> rows = new ArrayList<>(data.markerSummaries());
        List<String> armOrder = data.arms().stream().map(a -> a.arm().code()).toList();
        List<String> markerOrder = new ArrayList<>(markers.keySet());
        rows.sort(java.util.Comparator.comparingInt((MarkerSummary m) -> armOrder.indexOf(m.arm()))
                .thenComparingInt(m -> markerOrder.indexOf(m.test())).thenComparingDouble(MarkerSummary::visitNum));

        grid.header(COLUMNS.toArray(String[]::new));
        for (MarkerSummary m : rows) {
            MarkerColumn marker = markers.get(m.test());
            grid.row().text(m.arm()).text(m.test()).text(marker == null ? null : marker.unit())
                    .number(m.visitNum(), ReportStyle.GENERAL).text(m.visit()).number(m.n(), ReportStyle.INTEGER)
                    .number(m.median(), ReportStyle.DECIMAL).number(m.q1(), ReportStyle.DECIMAL)
                    .number(m.q3(), ReportStyle.DECIMAL).number(m.mean(), ReportStyle.DECIMAL)
                    .number(m.sd(), ReportStyle.DECIMAL).number(m.medianFoldChange(), ReportStyle.DECIMAL);
        }
        grid.table(1, grid.rowIndex(), COLUMNS.size() - 1);
        int[] widths = new int[BLOCK_COLUMN + 2 + armOrder.size()];
        int[] table = {10, 10, 9, 8, 12, 6, 9, 9, 9, 9, 9, 10, 3, 8, 12};
        for (int i = 0; i < widths.length; i++) {
            widths[i] = i < table.length ? table[i] : 11;
        }
        grid.widths(widths);

        int top = 0;
        for (MarkerColumn marker : markers.values()) {
            // visit number -> (label, median per arm)
            TreeMap<Double, String> labels = new TreeMap<>();
            Map<String, Map<Double, Double>> medians = new LinkedHashMap<>();
            for (MarkerSummary m : rows) {
                if (m.test().equals(marker.code())) {
                    labels.putIfAbsent(m.visitNum(), m.visit());
                    medians.computeIfAbsent(m.arm(), a -> new TreeMap<>()).put(m.visitNum(), m.median());
                }
            }
            if (labels.size() < 2) {
                continue;
            }
            top = block(grid, data, marker, labels, medians, top);
        }
    }

    /** Writes one marker's medians and chart from row {@code top}; returns the first row after it. */
    private static int block(GridSheet grid, ReportData data, MarkerColumn marker, TreeMap<Double, String> labels,
            Map<String, Map<Double, Double>> medians, int top) {
        grid.at(top, BLOCK_COLUMN).row().text(marker.code() + " median (" + marker.unit() + ")", ReportStyle.TITLE);
        grid.row().text("Visit number", ReportStyle.HEADER).text("Visit", ReportStyle.HEADER);
        for (ArmResult arm : data.arms()) {
            grid.text(arm.arm().code(), ReportStyle.HEADER);
        }
        int firstData = grid.rowIndex() + 1;
        for (Map.Entry<Double, String> visit : labels.entrySet()) {
            grid.row().number(visit.getKey(), ReportStyle.GENERAL).text(visit.getValue());
            for (ArmResult arm : data.arms()) {
                grid.number(medians.getOrDefault(arm.arm().code(), Map.of()).get(visit.getKey()), ReportStyle.DECIMAL);
            }
        }
        int lastData = grid.rowIndex();

        int left = BLOCK_COLUMN + 2 + data.arms().size() + 1;
        XSSFChart chart = Charts.create(grid.sheet(), left, top, left + 9, top + CHART_ROWS,
                marker.name() + " (" + marker.code() + "): median by visit");
        XDDFCategoryAxis visits = chart.createCategoryAxis(AxisPosition.BOTTOM);
        visits.setTitle("Visit");
        visits.setTickLabelPosition(AxisTickLabelPosition.LOW);
        XDDFValueAxis values = chart.createValueAxis(AxisPosition.LEFT);
        values.setTitle(marker.unit());
        values.setCrossBetween(AxisCrossBetween.BETWEEN);
        XDDFLineChartData lines = (XDDFLineChartData) chart.createData(ChartTypes.LINE, visits, values);
        lines.setVaryColors(false);
        var categories = XDDFDataSourcesFactory.fromArray(labels.values().toArray(String[]::new),
                Charts.range(grid.sheet(), firstData, lastData, BLOCK_COLUMN + 1));
        int column = BLOCK_COLUMN + 2;
        int a = 0;
        for (ArmResult arm : data.arms()) {
            Map<Double, Double> byVisit = medians.getOrDefault(arm.arm().code(), Map.of());
            Double[] series = labels.keySet().stream().map(byVisit::get).toArray(Double[]::new);
            var line = (XDDFLineChartData.Series) lines.addSeries(categories,
                    XDDFDataSourcesFactory.fromArray(series, Charts.range(grid.sheet(), firstData, lastData, column)));
            line.setTitle(arm.arm().code(), null);
            line.setSmooth(false);
            line.setMarkerStyle(MarkerStyle.CIRCLE);
            line.setLineProperties(Charts.line(Charts.armColor(a), 1.75));
            column++;
            a++;
        }
        chart.plot(lines);
        return Math.max(lastData + 1, top + CHART_ROWS) + 2;
    }
}
