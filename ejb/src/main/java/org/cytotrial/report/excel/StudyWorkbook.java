package org.cytotrial.report.excel;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xssf.usermodel.XSSFSheet;
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
        write(data, () -> data, out, progress);
    }

    /** The rest of a report's data, read while the workbook lays out the sheets that do not need it. */
    @FunctionalInterface
    public interface Markers {
        /** The report with its markers (see {@link org.cytotrial.report.ReportReader#withMarkers}). */
        ReportData read() throws Exception;
    }

    /**
     * Writes the report of data read in two parts: while {@code markers} reads the second (on the
     * calling thread: the database work), another thread builds in POI what the first part
     * suffices for (Summary, Best response with its chart, PFS with its chart, Adverse events,
     * About, the audit trail's layout): POI's model and charts are a good part of the time, the
     * database's query runs on its own core, so the two overlap. POI is touched by one thread at a
     * time: the builder before the join, the caller after it.
     */
    public void write(ReportData early, Markers markers, OutputStream out, ReportProgress progress) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            StyleBook styles = new StyleBook(workbook);
            StreamedWorkbook streamed = new StreamedWorkbook(workbook).compression(compression);
            XSSFSheet[] markersSheet = new XSSFSheet[1];
            List<XSSFSheet> visitsSheets = new ArrayList<>();
            FutureTask<Void> layout = new FutureTask<>(() -> {
                SummarySheet.build(new GridSheet(workbook.createSheet(SummarySheet.NAME), styles), early);
                BestResponseSheet.build(workbook.createSheet(BestResponseSheet.NAME), styles, streamed, early, progress);
                PfsSheet.build(new GridSheet(workbook.createSheet(PfsSheet.NAME), styles), early);
                markersSheet[0] = workbook.createSheet(MarkersSheet.NAME);
                visitsSheets.addAll(VisitsSheet.create(workbook, early.visitCount(), visitRowsPerSheet));
                AdverseEventsSheet.build(new GridSheet(workbook.createSheet(AdverseEventsSheet.NAME), styles), early);
                if (auditTrail != null) {
                    AuditTrailSheet.build(workbook, styles, streamed, auditTrail, early.scope().studyCode(), progress,
                            auditTrailRows);
                }
                AboutSheet.build(new GridSheet(workbook.createSheet(AboutSheet.NAME), styles), early, auditTrail);
                return null;
            });
            Thread builder = new Thread(layout, "report-layout");
            builder.setContextClassLoader(Thread.currentThread().getContextClassLoader());
            builder.setDaemon(true);
            builder.start();
            ReportData data;
            try {
                data = markers.read();
            } catch (Exception e) {
                layout.cancel(false);
                join(builder);
                throw e instanceof IOException io ? io : new IOException("Reading the report failed: " + e.getMessage(), e);
            }
            try {
                layout.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while laying out the report", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw cause instanceof IOException io ? io : new IOException(cause);
            }
            progress.step("Building the workbook", 35, 40, 1);
            MarkersSheet.build(new GridSheet(markersSheet[0], styles), data);
            Closeable visits = VisitsSheet.build(visitsSheets, styles, streamed, data, progress, visitRowsPerSheet);
            try {
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

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
