package org.cytotrial.report.excel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cytotrial.audit.AuditEntry;
import org.cytotrial.report.ReportAuditTrail;
import org.cytotrial.report.ReportProgress;
import org.cytotrial.report.xlsx.GridSheet;
import org.cytotrial.report.xlsx.ReportStyle;
import org.cytotrial.report.xlsx.SheetRows;
import org.cytotrial.report.xlsx.StreamedWorkbook;
import org.cytotrial.report.xlsx.StyleBook;

/**
 * The optional audit trail sheet (administrators only): one row per changed field, oldest
 * first, streamed from the audit tables while the workbook is written, as the Visits rows are.
 * Every value is a text cell carrying its own text (never a formula, and no shared-string table
 * growing with the trail); the time is a real date-time cell (UTC).
 *
 * <p>A sheet holds 1,048,575 rows under its header. A longer trail is not continued on further
 * sheets (it is counted only while it streams, after the workbook's sheets are fixed): the last
 * row then says that the trail goes on and where the whole of it is (the audit trail CSV).
 */
final class AuditTrailSheet {

    static final String NAME = "Audit trail";
    static final int MAX_ROWS = VisitsSheet.MAX_ROWS;
    static final List<String> COLUMNS = List.of("Revision", "Recorded at (UTC)", "User", "Client address", "Record kind",
            "Record", "Action", "Field", "Old value", "New value", "Reason");
    /** Excel's limit for the text of one cell. */
    static final int MAX_TEXT = 32_767;

    private AuditTrailSheet() {
    }

    static void build(XSSFWorkbook workbook, StyleBook styles, StreamedWorkbook streamed, ReportAuditTrail trail,
            String studyCode, ReportProgress progress, int maxRows) {
        XSSFSheet sheet = workbook.createSheet(NAME);
        GridSheet grid = new GridSheet(sheet, styles);
        grid.header(COLUMNS.toArray(String[]::new));
        grid.widths(9, 20, 14, 14, 18, 34, 9, 18, 24, 24, 40);
        // the number of rows is known only once written: the filter covers every row the sheet can hold
        grid.table(1, maxRows, COLUMNS.size() - 1);
        int integer = styles.index(ReportStyle.INTEGER);
        int timestamp = styles.index(ReportStyle.TIMESTAMP);
        streamed.stream(sheet, -1, out -> new Writer(out, maxRows, integer, timestamp, studyCode, progress).write(trail));
    }

    /** Writes the rows; holds back the last row a sheet can take until it is known whether more follow. */
    private static final class Writer {
        private final SheetRows out;
        private final int capacity;
        private final int integer;
        private final int timestamp;
        private final String studyCode;
        private final ReportProgress progress;
        private AuditEntry heldEntry;
        private AuditEntry.FieldChange heldChange;
        private int written;

        Writer(SheetRows out, int capacity, int integer, int timestamp, String studyCode, ReportProgress progress) {
            this.out = out;
            this.capacity = capacity;
            this.integer = integer;
            this.timestamp = timestamp;
            this.studyCode = studyCode;
            this.progress = progress;
        }

        void write(ReportAuditTrail trail) throws IOException {
            progress.step(NAME, 99, 99, 0);
            try {
                trail.forEach(entry -> {
                    if (entry.changes().isEmpty()) {
                        add(entry, null);
                    }
                    for (AuditEntry.FieldChange change : entry.changes()) {
                        add(entry, change);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (RuntimeException e) {
                if (!stoppedBecauseFull(e)) {
                    throw e;
                }
                return;
            }
            if (heldEntry != null) {
                row(heldEntry, heldChange);
            }
        }

        private void add(AuditEntry entry, AuditEntry.FieldChange change) {
            try {
                if (heldEntry != null) {
                    // one row is left and a second one is due: the trail does not fit
                    out.row().inlineText("The audit trail continues beyond the "
                            + (capacity - 1) + " rows shown here, which is as many as a sheet holds. The whole trail: GET"
                            + " /api/studies/" + studyCode + "/audit-trail/export.csv (CSV, one line per changed field).");
                    throw new SheetFull();
                }
                if (written == capacity - 1) {
                    heldEntry = entry;
                    heldChange = change;
                    return;
                }
                row(entry, change);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void row(AuditEntry e, AuditEntry.FieldChange change) throws IOException {
            out.row().integer(e.revision(), integer).timestamp(e.recordedAt(), timestamp).inlineText(cell(e.username()))
                    .inlineText(cell(e.clientAddress())).inlineText(cell(e.entity())).inlineText(cell(e.record()))
                    .inlineText(e.action().name());
            if (change == null) {
                out.blank().blank().blank();
            } else {
                out.inlineText(cell(change.field())).inlineText(cell(change.oldValue()))
                        .inlineText(cell(change.newValue()));
            }
            out.inlineText(cell(e.reason()));
            written++;
            progress.advance(1);
        }
    }

    /** The text as a cell takes it: a text longer than Excel allows is cut, saying so. */
    static String cell(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        String note = " [cut: " + text.length() + " characters in all]";
        return text.substring(0, MAX_TEXT - note.length()) + note;
    }

    /** Whether the stream ended because the sheet was full (the stop may come back wrapped by the layers it crossed). */
    private static boolean stoppedBecauseFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SheetFull) {
                return true;
            }
        }
        return false;
    }

    /** Stops the stream once the sheet is full. */
    private static final class SheetFull extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SheetFull() {
            super("The audit trail sheet is full", null, false, false);
        }
    }
}
