package org.cytotrial.report.excel;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.PresetColor;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * Native Excel charts on a sheet. Series always name their cells (so Excel and LibreOffice
 * redraw them from the sheet) and carry the values as a cache too, since rows of streamed
 * sheets do not exist in the POI model when the chart is built.
 */
final class Charts {

    private Charts() {
    }

    /** A chart covering columns [col1, col2) and rows [row1, row2), 0-based. */
    static XSSFChart create(XSSFSheet sheet, int col1, int row1, int col2, int row2, String title) {
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, col1, row1, col2, row2);
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText(title);
        chart.setTitleOverlay(false);
        chart.setPlotOnlyVisibleCells(false);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        return chart;
    }

    /** An absolute reference such as {@code 'Best response'!$F$2:$F$25}. */
    static String range(XSSFSheet sheet, int firstRow, int lastRow, int column) {
        return new CellRangeAddress(firstRow, lastRow, column, column).formatAsString(sheet.getSheetName(), true);
    }

    static String cell(XSSFSheet sheet, int row, int column) {
        return new CellReference(sheet.getSheetName(), row, column, true, true).formatAsString();
    }

    static XDDFSolidFillProperties fill(PresetColor color) {
        return new XDDFSolidFillProperties(XDDFColor.from(color));
    }

    static XDDFLineProperties line(PresetColor color, double widthPoints) {
        XDDFLineProperties line = new XDDFLineProperties(fill(color));
        line.setWidth(widthPoints);
        return line;
    }

    /** Distinct colours for the arms of a study, in order. */
    static PresetColor armColor(int index) {
        PresetColor[] colors = {PresetColor.ROYAL_BLUE, PresetColor.DARK_ORANGE, PresetColor.FOREST_GREEN,
            PresetColor.CRIMSON, PresetColor.DARK_VIOLET, PresetColor.TEAL, PresetColor.SADDLE_BROWN, PresetColor.GRAY};
        return colors[index % colors.length];
    }
}
