package org.cytotrial.report.excel;

import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.ScatterStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFScatterChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.cytotrial.analysis.StudyDay;
import org.cytotrial.analysis.SurvivalRow;
import org.cytotrial.report.ArmResult;
import org.cytotrial.report.ReportData;
import org.cytotrial.report.xlsx.GridSheet;
import org.cytotrial.report.xlsx.ReportStyle;

/**
 * Sheet 3: the Kaplan-Meier table of PFS per arm (every distinct time, as R's survfit lists
 * them) and a chart of the curves. The chart is an XY chart drawn with straight lines, the
 * usual way to draw a survival curve in Excel (a category line chart cannot put uneven times on
 * a time axis); its points are the corners of the step function, listed to the right of the table.
 */
final class PfsSheet {

    static final String NAME = "PFS";
    static final List<String> COLUMNS = List.of("Arm", "Months", "At risk", "Events", "Censored", "Survival",
            "95% CI lower", "95% CI upper");
    private static final int CURVE_COLUMN = COLUMNS.size() + 1;

    private PfsSheet() {
    }

    static void build(GridSheet grid, ReportData data) {
        grid.header(COLUMNS.toArray(String[]::new));
        for (ArmResult arm : data.arms()) {
            for (SurvivalRow r : arm.pfs().table()) {
                grid.row().text(arm.arm().code()).number(StudyDay.toMonths(r.time()), ReportStyle.MONTHS)
                        .number(r.atRisk(), ReportStyle.INTEGER).number(r.events(), ReportStyle.INTEGER)
                        .number(r.censored(), ReportStyle.INTEGER).number(r.survival(), ReportStyle.DECIMAL)
                        .number(r.lower(), ReportStyle.DECIMAL).number(r.upper(), ReportStyle.DECIMAL);
            }
        }
        grid.table(1, grid.rowIndex(), COLUMNS.size() - 1);

        // The step function's corners per arm, two columns each, and the chart drawing them.
        List<double[][]> curves = new ArrayList<>();
        int longest = 0;
        for (ArmResult arm : data.arms()) {
            double[][] curve = steps(arm.pfs().table());
            curves.add(curve);
            longest = Math.max(longest, curve[0].length);
        }
        grid.at(0, CURVE_COLUMN).row();
        for (ArmResult arm : data.arms()) {
            grid.text(arm.arm().code() + " months (curve)", ReportStyle.HEADER)
                    .text(arm.arm().code() + " PFS (curve)", ReportStyle.HEADER);
        }
        // Shorter curves repeat their last corner down to the longest one's length: the drawing is
        // the same, and every series has the same length (LibreOffice draws the empty cells under a
        // shorter series as a line back to the origin).
        for (int a = 0; a < curves.size(); a++) {
            curves.set(a, padded(curves.get(a), longest));
        }
        for (int i = 0; i < longest; i++) {
            grid.row();
            for (double[][] curve : curves) {
                grid.number(curve[0][i], ReportStyle.MONTHS).number(curve[1][i], ReportStyle.DECIMAL);
            }
        }
        int[] widths = new int[CURVE_COLUMN + 2 * data.arms().size()];
        int[] table = {10, 9, 8, 8, 9, 9, 11, 11, 3};
        System.arraycopy(table, 0, widths, 0, table.length);
        for (int i = table.length; i < widths.length; i++) {
            widths[i] = 12;
        }
        grid.widths(widths);
        if (!data.arms().isEmpty() && longest > 0) {
            chart(grid, data, curves);
        }
    }

    /** Corners of the Kaplan-Meier step function in months: (0, 1), then down at each event time, to the last time. */
    static double[][] steps(List<SurvivalRow> table) {
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 1});
        double survival = 1;
        for (SurvivalRow r : table) {
            double t = StudyDay.toMonths(r.time());
            if (r.events() > 0) {
                points.add(new double[] {t, survival});
                survival = r.survival();
                points.add(new double[] {t, survival});
            }
        }
        if (!table.isEmpty()) {
            double end = StudyDay.toMonths(table.get(table.size() - 1).time());
            if (points.get(points.size() - 1)[0] < end) {
                points.add(new double[] {end, survival});
            }
        }
        double[][] xy = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            xy[0][i] = points.get(i)[0];
            xy[1][i] = points.get(i)[1];
        }
        return xy;
    }

    private static void chart(GridSheet grid, ReportData data, List<double[][]> curves) {
        int left = CURVE_COLUMN + 2 * data.arms().size() + 1;
        XSSFChart chart = Charts.create(grid.sheet(), left, 1, left + 10, 24,
                "Progression-free survival (Kaplan-Meier)");
        XDDFValueAxis months = chart.createValueAxis(AxisPosition.BOTTOM);
        months.setTitle("Months since first dose");
        months.setMinimum(0);
        XDDFValueAxis survival = chart.createValueAxis(AxisPosition.LEFT);
        survival.setTitle("Progression-free");
        survival.setMinimum(0);
        survival.setMaximum(1);
        survival.setNumberFormat("0%");
        survival.setCrossBetween(AxisCrossBetween.MIDPOINT_CATEGORY);
        XDDFScatterChartData lines = (XDDFScatterChartData) chart.createData(ChartTypes.SCATTER, months, survival);
        lines.setStyle(ScatterStyle.LINE);
        lines.setVaryColors(false);
        for (int a = 0; a < curves.size(); a++) {
            double[][] curve = curves.get(a);
            int column = CURVE_COLUMN + 2 * a;
            var x = XDDFDataSourcesFactory.fromArray(box(curve[0]), Charts.range(grid.sheet(), 1, curve[0].length, column));
            var y = XDDFDataSourcesFactory.fromArray(box(curve[1]),
                    Charts.range(grid.sheet(), 1, curve[1].length, column + 1));
            XDDFScatterChartData.Series series = (XDDFScatterChartData.Series) lines.addSeries(x, y);
            ArmResult arm = data.arms().get(a);
            series.setTitle(arm.arm().code() + " (n=" + arm.response().treated() + ")", null);
            series.setSmooth(false);
            series.setMarkerStyle(MarkerStyle.NONE);
            series.setLineProperties(Charts.line(Charts.armColor(a), 2.0));
        }
        chart.plot(lines);
    }

    private static double[][] padded(double[][] curve, int length) {
        double[][] out = {java.util.Arrays.copyOf(curve[0], length), java.util.Arrays.copyOf(curve[1], length)};
        for (int i = curve[0].length; i < length; i++) {
            out[0][i] = curve[0][curve[0].length - 1];
            out[1][i] = curve[1][curve[1].length - 1];
        }
        return out;
    }

    static Double[] box(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
