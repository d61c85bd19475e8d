package org.cytotrial.report.excel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xddf.usermodel.PresetColor;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.AxisTickLabelPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import javax.xml.namespace.QName;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.xmlbeans.XmlCursor;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.cytotrial.report.ReportData;
import org.cytotrial.report.ReportProgress;
import org.cytotrial.report.SubjectOutcome;
import org.cytotrial.report.xlsx.GridSheet;
import org.cytotrial.report.xlsx.ReportStyle;
import org.cytotrial.report.xlsx.SheetRows;
import org.cytotrial.report.xlsx.StreamedWorkbook;
import org.cytotrial.report.xlsx.StyleBook;
import org.cytotrial.response.ResponseCategory;
import org.cytotrial.study.ResponseCriteria;

/**
 * Sheet 2: one row per treated subject, sorted as a waterfall plot is (largest increase first,
 * subjects without a measured change last), and a native bar chart of the best percent change,
 * one series per best overall response so that the bars are coloured by it. The chart reads the
 * per-response columns to the right of the table (a value only in the column of the subject's
 * own best response).
 */
final class BestResponseSheet {

    static final String NAME = "Best response";
    /** First waterfall helper column (0-based), after a gap column. */
    private static final int WATERFALL_COLUMN = 9;
    /** Up to this many bars the chart labels each with its subject. */
    private static final int LABELLED_BARS = 60;
    private static final Comparator<SubjectOutcome> WATERFALL = Comparator
            .comparing(SubjectOutcome::bestPercentChange, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(SubjectOutcome::subject);

    private BestResponseSheet() {
    }

    static List<String> columns(ReportData data) {
        return List.of("Subject", "Arm", "Site", "Evaluable", "Best overall response", changeHeading(data),
                "PFS (months)", "PFS status");
    }

    static String changeHeading(ReportData data) {
        return data.scope().criteria() == ResponseCriteria.IMWG ? "Best % change in M-protein"
                : "Best % change in sum of diameters";
    }

    static void build(XSSFSheet sheet, StyleBook styles, StreamedWorkbook workbook, ReportData data,
            ReportProgress progress) {
        List<SubjectOutcome> rows = new ArrayList<>(data.outcomes());
        rows.sort(WATERFALL);
        List<String> columns = columns(data);
        GridSheet grid = new GridSheet(sheet, styles);
        grid.header(columns.toArray(String[]::new));
        grid.blank();
        for (ResponseCategory c : ResponseCategory.values()) {
            grid.text("Waterfall " + c.name(), ReportStyle.HEADER);
        }
        grid.widths(16, 10, 14, 10, 12, 14, 10, 10, 3, 10, 10, 10, 10, 10, 10);
        grid.table(1, rows.size(), columns.size() - 1);

        int measured = (int) rows.stream().filter(o -> o.bestPercentChange() != null).count();
        if (measured > 0) {
            waterfall(sheet, data, rows, measured);
        }

        int text = styles.index(ReportStyle.GENERAL);
        int months = styles.index(ReportStyle.MONTHS);
        int change = styles.index(ReportStyle.PERCENT_CHANGE);
        workbook.stream(sheet, rows.size(), out -> write(out, rows, progress, text, months, change));
    }

    private static void write(SheetRows out, List<SubjectOutcome> rows, ReportProgress progress, int text, int months,
            int change) throws IOException {
        progress.step("Best response", 40, 45, rows.size());
        for (SubjectOutcome o : rows) {
            out.row().text(o.subject()).text(o.arm()).text(o.site()).text(o.bor().evaluable() ? "Yes" : "No")
                    .text(o.bor().category().name()).number(o.bestPercentChange(), change)
                    .number(o.pfs().months(), months).text(o.pfs().event() ? "Event" : "Censored", text).blank();
            for (ResponseCategory c : ResponseCategory.values()) {
                if (o.bor().category() == c && o.bestPercentChange() != null) {
                    out.number(o.bestPercentChange(), change);
                } else {
                    out.blank();
                }
            }
            progress.advance(1);
        }
    }

    private static void waterfall(XSSFSheet sheet, ReportData data, List<SubjectOutcome> rows, int measured) {
        XSSFChart chart = Charts.create(sheet, WATERFALL_COLUMN + ResponseCategory.values().length + 1, 1,
                WATERFALL_COLUMN + ResponseCategory.values().length + 13, 26,
                "Waterfall: " + changeHeading(data).toLowerCase(java.util.Locale.ROOT) + " by subject");
        XDDFCategoryAxis subjects = chart.createCategoryAxis(AxisPosition.BOTTOM);
        subjects.setTitle("Subjects (" + measured + ")");
        if (measured > LABELLED_BARS) {
            subjects.setTickLabelPosition(AxisTickLabelPosition.NONE);
        } else {
            subjects.setTickLabelPosition(AxisTickLabelPosition.LOW);
        }
        XDDFValueAxis change = chart.createValueAxis(AxisPosition.LEFT);
        change.setTitle("% change from baseline");
        change.setCrossBetween(AxisCrossBetween.BETWEEN);
        XDDFBarChartData bars = (XDDFBarChartData) chart.createData(ChartTypes.BAR, subjects, change);
        bars.setBarDirection(BarDirection.COL);
        bars.setBarGrouping(BarGrouping.CLUSTERED);
        bars.setGapWidth(20);
        bars.setVaryColors(false);

        String[] names = new String[measured];
        Map<ResponseCategory, Double[]> values = new EnumMap<>(ResponseCategory.class);
        for (int i = 0; i < measured; i++) {
            SubjectOutcome o = rows.get(i);
            names[i] = o.subject();
            values.computeIfAbsent(o.bor().category(), c -> new Double[measured])[i] = o.bestPercentChange();
        }
        // Beyond a readable number of bars the subject labels are hidden, and so not cached either:
        // the series still name the cells, from which Excel and LibreOffice draw the chart.
        var categories = XDDFDataSourcesFactory.fromArray(measured > LABELLED_BARS ? new String[measured] : names,
                Charts.range(sheet, 1, measured, 0));
        int column = WATERFALL_COLUMN;
        for (ResponseCategory c : ResponseCategory.values()) {
            Double[] v = values.get(c);
            if (v != null) {
                XDDFChartData.Series series = bars.addSeries(categories,
                        XDDFDataSourcesFactory.fromArray(v, Charts.range(sheet, 1, measured, column)));
                series.setTitle(c.name(), null);
                series.setFillProperties(Charts.fill(color(c)));
            }
            column++;
        }
        chart.plot(bars);
        overlapFully(chart);
    }

    /**
     * Bars of the per-response series share each subject's slot (overlap 100 %), so that every
     * subject shows one bar in the colour of its best response. Written as plain XML: the
     * typed setter needs a schema type that POI's slim schema jar leaves out.
     */
    private static void overlapFully(XSSFChart chart) {
        var barChart = chart.getCTChart().getPlotArea().getBarChartArray(0);
        try (XmlCursor cursor = barChart.getGapWidth().newCursor()) {
            cursor.toEndToken();
            cursor.toNextToken();
            cursor.beginElement(new QName(XSSFRelation.NS_CHART, "overlap", "c"));
            cursor.insertAttributeWithValue("val", "100");
        }
    }

    private static PresetColor color(ResponseCategory c) {
        return switch (c) {
            case CR -> PresetColor.DARK_GREEN;
            case PR -> PresetColor.MEDIUM_SEA_GREEN;
            case MR -> PresetColor.YELLOW_GREEN;
            case SD -> PresetColor.GOLDENROD;
            case PD -> PresetColor.FIREBRICK;
            case NE -> PresetColor.GRAY;
        };
    }
}
