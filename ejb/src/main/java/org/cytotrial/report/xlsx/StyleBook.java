package org.cytotrial.report.xlsx;

import java.util.EnumMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The workbook's cell styles, one per {@link ReportStyle}, created once up front (a style per
 * cell would bloat styles.xml and slow every reader down).
 */
public final class StyleBook {

    private final Map<ReportStyle, XSSFCellStyle> styles = new EnumMap<>(ReportStyle.class);

    public StyleBook(XSSFWorkbook workbook) {
        XSSFFont bold = workbook.createFont();
        bold.setBold(true);
        XSSFFont title = workbook.createFont();
        title.setBold(true);
        title.setFontHeightInPoints((short) 13);
        XSSFFont italic = workbook.createFont();
        italic.setItalic(true);
        for (ReportStyle s : ReportStyle.values()) {
            XSSFCellStyle style = s == ReportStyle.GENERAL ? workbook.getCellStyleAt(0) : workbook.createCellStyle();
            if (s.format() != null) {
                style.setDataFormat(workbook.createDataFormat().getFormat(s.format()));
            }
            switch (s) {
                case HEADER -> {
                    style.setFont(bold);
                    style.setWrapText(true);
                    style.setVerticalAlignment(VerticalAlignment.TOP);
                    style.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
                    style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
                }
                case TITLE -> style.setFont(title);
                case NOTE -> {
                    style.setFont(italic);
                    style.setWrapText(true);
                    style.setVerticalAlignment(VerticalAlignment.TOP);
                }
                default -> {
                    // number format only
                }
            }
            styles.put(s, style);
        }
    }

    public CellStyle style(ReportStyle style) {
        return styles.get(style);
    }

    /** The index streamed cells refer to. */
    public int index(ReportStyle style) {
        return styles.get(style).getIndex();
    }
}
