package org.cytotrial.report.xlsx;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * Writes a small sheet cell by cell with POI, left to right and top to bottom, with typed cells
 * and the report's styles: the in-memory counterpart of {@link SheetRows}.
 */
public final class GridSheet {

    private final XSSFSheet sheet;
    private final StyleBook styles;
    private XSSFRow row;
    private int rowIndex = -1;
    private int column;
    private int firstColumn;

    public GridSheet(XSSFSheet sheet, StyleBook styles) {
        this.sheet = sheet;
        this.styles = styles;
    }

    public XSSFSheet sheet() {
        return sheet;
    }

    /** Writes the next rows starting at a given 0-based column, e.g. a block beside a table. */
    public GridSheet at(int rowIndex, int column) {
        this.rowIndex = rowIndex - 1;
        this.firstColumn = column;
        this.row = null;
        return this;
    }

    public GridSheet row() {
        rowIndex++;
        XSSFRow existing = sheet.getRow(rowIndex);
        row = existing != null ? existing : sheet.createRow(rowIndex);
        column = firstColumn;
        return this;
    }

    /** 0-based index of the current row. */
    public int rowIndex() {
        return rowIndex;
    }

    /** A heading row, two lines high so that wrapped headings show in every reader. */
    public GridSheet header(String... headings) {
        row();
        row.setHeightInPoints(2 * sheet.getDefaultRowHeightInPoints() + 2);
        for (String h : headings) {
            text(h, ReportStyle.HEADER);
        }
        return this;
    }

    public GridSheet blank() {
        column++;
        return this;
    }

    public GridSheet text(String value) {
        return text(value, ReportStyle.GENERAL);
    }

    public GridSheet text(String value, ReportStyle style) {
        if (value != null) {
            cell(style).setCellValue(value);
        } else {
            column++;
        }
        return this;
    }

    public GridSheet number(Number value, ReportStyle style) {
        if (value != null && Double.isFinite(value.doubleValue())) {
            cell(style).setCellValue(value.doubleValue());
        } else {
            column++;
        }
        return this;
    }

    public GridSheet date(LocalDate value) {
        if (value != null) {
            cell(ReportStyle.DATE).setCellValue(value);
        } else {
            column++;
        }
        return this;
    }

    public GridSheet timestamp(LocalDateTime value) {
        cell(ReportStyle.TIMESTAMP).setCellValue(value);
        return this;
    }

    /** Column widths in characters, from the first column on. */
    public GridSheet widths(int... characters) {
        for (int i = 0; i < characters.length; i++) {
            sheet.setColumnWidth(i, Math.min(255, characters[i]) * 256);
        }
        return this;
    }

    /** Freezes the rows above {@code rows} and puts an auto-filter on the table below them. */
    public GridSheet table(int headerRows, int lastRowIndex, int lastColumn) {
        sheet.createFreezePane(0, headerRows);
        if (lastRowIndex >= headerRows - 1) {
            sheet.setAutoFilter(new CellRangeAddress(headerRows - 1, lastRowIndex, 0, lastColumn));
        }
        return this;
    }

    /** Prints landscape, scaled to one page wide. */
    public GridSheet printOnePageWide() {
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
        return this;
    }

    private Cell cell(ReportStyle style) {
        Cell cell = row.createCell(column++);
        if (style != ReportStyle.GENERAL) {
            cell.setCellStyle(styles.style(style));
        }
        return cell;
    }
}
