package org.cytotrial.report.excel;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Date;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cytotrial.report.ReportData;
import org.cytotrial.report.ReportAuditTrail;
import org.cytotrial.report.ReportProgress;
import org.cytotrial.report.xlsx.GridSheet;
import org.cytotrial.report.xlsx.StreamedWorkbook;
import org.cytotrial.report.xlsx.StyleBook;

/**
 * The study report workbook: Summary, Best response, PFS, Markers, Visits, Adverse events,
 * the optional Audit trail (administrators) and About, in that order. Frozen header rows,
 * auto-filters, typed cells with number formats, native charts. The Best response, Visits and
 * Audit trail rows are streamed, everything else is built in memory (its size does not depend
 * on the number of visits).
 */
public final class StudyWorkbook {

    private final int visitRowsPerSheet;
    private int compression = StreamedWorkbook.DEFAULT_COMPRESSION;
    private ReportAuditTrail auditTrail;
    private int auditTrailRows = AuditTrailSheet.MAX_ROWS;

    public StudyWorkbook() {
        this(VisitsSheet.MAX_ROWS);
    }

    /** @param visitRowsPerSheet rows per Visits sheet (tests use a small number to exercise the split) */
    public StudyWorkbook(int visitRowsPerSheet) {
        if (visitRowsPerSheet < 1 || visitRowsPerSheet > VisitsSheet.MAX_ROWS) {
            throw new IllegalArgumentException("1 to " + VisitsSheet.MAX_ROWS + " rows per sheet");
        }
        this.visitRowsPerSheet = visitRowsPerSheet;
    }

    public StudyWorkbook compression(int level) {
        this.compression = level;
        return this;
    }

    /** Adds the audit trail sheet (for administrators; the caller checked the scope), streamed from the trail. */
    public StudyWorkbook auditTrail(ReportAuditTrail trail) {
        this.auditTrail = trail;
        return this;
    }

    /** Rows the audit trail sheet takes at most (tests use a small number to exercise a full sheet). */
    public StudyWorkbook auditTrailRows(int rows) {
        if (rows < 2 || rows > AuditTrailSheet.MAX_ROWS) {
            throw new IllegalArgumentException("2 to " + AuditTrailSheet.MAX_ROWS + " rows");
        }
        this.auditTrailRows = rows;
        return this;
    }

    public void write(ReportData data, OutputStream out, ReportProgress progress) throws IOException {
        progress.step("Building the workbook", 35, 40, 1);
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            StyleBook styles = new StyleBook(workbook);
            StreamedWorkbook streamed = new StreamedWorkbook(workbook).compression(compression);
            SummarySheet.build(new GridSheet(workbook.createSheet(SummarySheet.NAME), styles), data);
            BestResponseSheet.build(workbook.createSheet(BestResponseSheet.NAME), styles, streamed, data, progress);
            PfsSheet.build(new GridSheet(workbook.createSheet(PfsSheet.NAME), styles), data);
            MarkersSheet.build(new GridSheet(workbook.createSheet(MarkersSheet.NAME), styles), data);
            Closeable visits = VisitsSheet.build(workbook, styles, streamed, data, progress, visitRowsPerSheet);
            try {
                AdverseEventsSheet.build(new GridSheet(workbook.createSheet(AdverseEventsSheet.NAME), styles), data);
                if (auditTrail != null) {
                    AuditTrailSheet.build(workbook, styles, streamed, auditTrail, data.scope().studyCode(), progress,
                            auditTrailRows);
                }
                AboutSheet.build(new GridSheet(workbook.createSheet(AboutSheet.NAME), styles), data, auditTrail);
                workbook.setActiveSheet(0);
                POIXMLProperties.CoreProperties core = workbook.getProperties().getCoreProperties();
                core.setCreator("Cytotrial " + data.softwareVersion());
                core.setTitle(data.scope().studyCode() + " study report");
                core.setCreated(java.util.Optional.of(Date.from(data.generatedAt())));
                streamed.write(out);
            } finally {
                visits.close(); // the database cursors, also when writing failed half-way
            }
        }
    }
}
