package org.cytotrial.report.excel;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cytotrial.report.MarkerColumn;
import org.cytotrial.report.ReportData;
import org.cytotrial.report.ReportProgress;
import org.cytotrial.report.VisitRow;
import org.cytotrial.report.xlsx.GridSheet;
import org.cytotrial.report.xlsx.ReportStyle;
import org.cytotrial.report.xlsx.SheetRows;
import org.cytotrial.report.xlsx.StreamedWorkbook;
import org.cytotrial.report.xlsx.StyleBook;

/**
 * Sheet 5: one row per subject-visit with every marker in its standard unit (the wide layout
 * trial teams otherwise reshape by hand), streamed from the database while it is written: the
 * sheet that grows with the study, written in constant memory. An Excel sheet holds 1,048,575
 * rows under its header; a study with more subject-visits continues on "Visits (2)", "Visits (3)",
 * ..., each with the same columns.
 */
final class VisitsSheet {

    static final String NAME = "Visits";
    static final int MAX_ROWS = 1_048_575;
    static final List<String> FIXED = List.of("Subject", "Arm", "Site", "Visit number", "Visit", "Visit date",
            "Study day");

    private VisitsSheet() {
    }

    static List<String> columns(ReportData data) {
        List<String> columns = new ArrayList<>(FIXED);
        data.markers().stream().map(MarkerColumn::heading).forEach(columns::add);
        return columns;
    }

    static String sheetName(int part) {
        return part == 1 ? NAME : NAME + " (" + part + ")";
    }

    /** Creates the sheet(s) and registers their rows to be streamed from one pass over the visits. */
    static Closeable build(XSSFWorkbook workbook, StyleBook styles, StreamedWorkbook streamed, ReportData data,
            ReportProgress progress, int maxRows) {
        List<String> columns = columns(data);
        int date = styles.index(ReportStyle.DATE);
        int integer = styles.index(ReportStyle.INTEGER);
        long total = data.visitCount();
        int parts = (int) Math.max(1, (total + maxRows - 1) / maxRows);
        Pass pass = new Pass(data, progress);
        for (int part = 1; part <= parts; part++) {
            XSSFSheet sheet = workbook.createSheet(sheetName(part));
            long rows = Math.min(maxRows, total - (long) (part - 1) * maxRows);
            GridSheet grid = new GridSheet(sheet, styles);
            grid.header(columns.toArray(String[]::new));
            int[] widths = new int[columns.size()];
            int[] fixed = {16, 10, 14, 8, 14, 11, 7};
            for (int i = 0; i < widths.length; i++) {
                widths[i] = i < fixed.length ? fixed[i] : Math.max(9, columns.get(i).length() / 2 + 2);
            }
            grid.widths(widths);
            grid.table(1, (int) rows, columns.size() - 1);
            boolean last = part == parts;
            streamed.stream(sheet, rows, out -> pass.write(out, rows, date, integer, last));
        }
        return pass;
    }

    /** The one pass over the visits that the parts share, each taking the next rows. */
    private static final class Pass implements Closeable {
        private final ReportData data;
        private final ReportProgress progress;
        private ReportData.VisitCursor cursor;

        Pass(ReportData data, ReportProgress progress) {
            this.data = data;
            this.progress = progress;
        }

        void write(SheetRows out, long rows, int date, int integer, boolean last) throws IOException {
            if (cursor == null) {
                progress.step("Visits", 45, 99, data.visitCount());
                cursor = data.visits().open();
            }
            try {
                for (long i = 0; i < rows; i++) {
                    VisitRow row = cursor.next();
                    if (row == null) {
                        break; // the workbook reports the shortfall against the announced count
                    }
                    out.row().text(row.subject()).text(row.arm()).text(row.site())
                            .number(row.visitNumber().doubleValue()).text(row.visit()).date(row.date(), date)
                            .integer(row.studyDay(), integer);
                    for (double v : row.values()) {
                        out.number(v);
                    }
                    progress.advance(1);
                }
                if (last && cursor.next() != null) {
                    throw new IllegalStateException("More subject-visits than the " + data.visitCount() + " counted");
                }
            } finally {
                if (last) {
                    close();
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (cursor != null) {
                ReportData.VisitCursor open = cursor;
                cursor = null;
                open.close();
            }
        }
    }
}
