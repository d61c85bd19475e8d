package org.cytotrial.report;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cytotrial.report.excel.StudyWorkbook;
import org.cytotrial.report.xlsx.ReportStyle;
import org.cytotrial.report.xlsx.StreamedWorkbook;
import org.cytotrial.report.xlsx.StyleBook;
import org.cytotrial.study.ResponseCriteria;

/**
 * The report benchmark of docs/benchmarks.md, against a study imported into PostgreSQL:
 * <ol>
 *   <li>the whole report (all sheets) as the server makes it: read in one snapshot, derive,
 *       write;</li>
 *   <li>(e) the Visits cells read from PostgreSQL with one plain query and written by fastexcel:
 *       the least a report on the fastest writer pays;</li>
 *   <li>the same subject-visits, read once into memory, written as the Visits sheet's cells by
 *       (a) POI SXSSF as documented (window 100), (b) fastexcel, (c) the report's own streamed
 *       sheet writer, and (d) the whole report again from memory (no database time);</li>
 * </ol>
 * in rounds (one of each per run), so that all lines share the same minutes of a shared machine.
 * with times, file sizes and live-heap growth (heap in use after each garbage collection, above
 * what was in use before the run). Usage:
 * <pre>
 * java -Xmx2g -cp ... org.cytotrial.report.ReportBenchmark \
 *      jdbc:postgresql://127.0.0.1:5432/test?currentSchema=cytotrial_bench_reports postgres postgres SYN-10K target/bench [runs] [only]
 * </pre>
 * {@code only}: {@code all} (default), {@code report} (1 alone), or one writer alone for a profiler:
 * {@code sxssf}, {@code fastexcel}, {@code fastexcel-db}, {@code streamed}, {@code memory}. A last
 * argument {@code rows} is the number of subject-visits the study must have (240000 for the issue's
 * 10,000 subjects x 24 visits, a study generated with {@code --complete}): every line covers them.
 */
public final class ReportBenchmark {

    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        String study = args[3];
        Path out = Path.of(args[4]);
        int runs = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        String only = args.length > 6 ? args[6] : "all";
        int visitRows = args.length > 7 ? Integer.parseInt(args[7]) : 0;
        Files.createDirectories(out);
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        Map<String, Long> heap = new LinkedHashMap<>();
        Map<String, Long> sizes = new LinkedHashMap<>();

        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            ReportScope scope = scope(connection, study);
            ReportReader.tuneTransaction(connection);

            if (only.equals("report")) {
                for (int run = 0; run < runs; run++) {
                    report(connection, scope, study, out, seconds, heap, sizes);
                }
                print(seconds, heap, sizes);
                return;
            }

            ReportData data = new ReportReader(connection, scope).read(new ReportProgress(), Instant.now(), "benchmark");
            List<VisitRow> rows = new ArrayList<>();
            try (ReportData.VisitCursor cursor = data.visits().open()) {
                for (VisitRow r = cursor.next(); r != null; r = cursor.next()) {
                    rows.add(r);
                }
            }
            connection.commit();
            ReportReader.tuneTransaction(connection);
            if (visitRows > 0 && visitRows != rows.size()) {
                // every line of the table must cover the same subject-visits (generate with --complete)
                throw new IllegalStateException(study + " has " + rows.size() + " subject-visits, not " + visitRows);
            }
            List<String> header = new ArrayList<>(List.of("Subject", "Arm", "Site", "Visit number", "Visit",
                    "Visit date", "Study day"));
            data.markers().forEach(m -> header.add(m.heading()));
            List<String> markerCodes = data.markers().stream().map(MarkerColumn::code).toList();
            long studyId = scope.studyId();
            System.out.printf(Locale.ROOT, "%s: %d treated subjects, %d subject-visits x %d columns = %d cells%n", study,
                    data.outcomes().size(), rows.size(), header.size(), (long) rows.size() * header.size());
            ReportData inMemory = new ReportData(data.scope(), data.arms(), data.logRank(), data.outcomes(),
                    data.markers(), data.markerSummaries(), data.adverseEvents(), rows.size(), ReportData.of(rows),
                    data.generatedAt(), data.softwareVersion());
            Writer endToEnd = o -> {
                fastexcelFromDatabase(connection, studyId, markerCodes, header, o);
                connection.commit();
                ReportReader.tuneTransaction(connection);
            };

            for (int run = 0; run < runs; run++) {
                if (!only.equals("all")) {
                    // one writer alone, e.g. under a profiler
                    Writer writer = switch (only) {
                        case "sxssf" -> o -> sxssf(rows, header, o);
                        case "fastexcel" -> o -> fastexcel(rows, header, o);
                        case "fastexcel-db" -> endToEnd;
                        case "streamed" -> o -> streamed(rows, header, o);
                        case "memory" -> o -> new StudyWorkbook().write(inMemory, o, new ReportProgress());
                        default -> throw new IllegalArgumentException(
                                "all, report, sxssf, fastexcel, fastexcel-db, streamed or memory");
                    };
                    time(only, out.resolve(only + ".xlsx"), seconds, heap, sizes, writer);
                    continue;
                }
                // one round of every line, so that all share the same minutes of a shared machine
                report(connection, scope, study, out, seconds, heap, sizes);
                time(END_TO_END, out.resolve("visits-fastexcel-db.xlsx"), seconds, heap, sizes, endToEnd);
                time("(a) POI SXSSF, Visits cells from memory", out.resolve("visits-sxssf.xlsx"), seconds, heap, sizes,
                        o -> sxssf(rows, header, o));
                time(FASTEXCEL, out.resolve("visits-fastexcel.xlsx"), seconds, heap, sizes,
                        o -> fastexcel(rows, header, o));
                time("(c) report's sheet writer, Visits cells from memory", out.resolve("visits-streamed.xlsx"), seconds,
                        heap, sizes, o -> streamed(rows, header, o));
                time("(d) whole report from memory (all sheets)", out.resolve("report-memory.xlsx"), seconds, heap,
                        sizes, o -> new StudyWorkbook().write(inMemory, o, new ReportProgress()));
            }
        }
        print(seconds, heap, sizes);
    }

    private static final String REPORT = "whole report from PostgreSQL (all sheets)";
    private static final java.util.Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
            .map(java.lang.management.MemoryPoolMXBean::getName).collect(java.util.stream.Collectors.toSet());
    private static final String FASTEXCEL = "(b) fastexcel, Visits cells from memory";
    private static final String END_TO_END = "(e) fastexcel, Visits cells from PostgreSQL (one query)";

    /** The whole report as the server makes it: read in one snapshot, derive, write every sheet. */
    private static void report(Connection connection, ReportScope scope, String study, Path out,
            Map<String, List<Double>> seconds, Map<String, Long> heap, Map<String, Long> sizes) throws Exception {
        Path file = out.resolve(study + "-report.xlsx");
        ReportProgress progress = new ReportProgress();
        Map<String, Long> steps = new LinkedHashMap<>();
        Thread watcher = new Thread(() -> {
            // wall time per progress step (database time included), sampled every 2 ms
            String step = null;
            long since = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                String now = progress.step();
                if (!now.equals(step)) {
                    long t = System.nanoTime();
                    if (step != null) {
                        steps.merge(step, t - since, Long::sum);
                    }
                    step = now;
                    since = t;
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    break;
                }
            }
            steps.merge(step, System.nanoTime() - since, Long::sum);
        });
        measure(REPORT, seconds, heap, () -> {
            watcher.start();
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                ReportData data = new ReportReader(connection, scope).read(progress, Instant.now(), "benchmark");
                new StudyWorkbook().write(data, o, progress);
            }
            progress.finished();
            watcher.interrupt();
            watcher.join();
            connection.commit();
            ReportReader.tuneTransaction(connection);
        });
        StringBuilder line = new StringBuilder("    steps:");
        steps.forEach((step, nanos) -> line.append(String.format(Locale.ROOT, " %s %.2f s;", step, nanos / 1e9)));
        System.out.println(line);
        sizes.put(REPORT, Files.size(file));
    }

    /**
     * (e) The Visits cells straight from PostgreSQL into fastexcel: one plain query, the visits
     * joined to their subjects and results, a row per result in visit order, pivoted per visit
     * here. What any report built on the fastest writer pays at least for this sheet alone.
     */
    static void fastexcelFromDatabase(Connection connection, long studyId, List<String> markers, List<String> header,
            OutputStream out) throws IOException, SQLException {
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < markers.size(); i++) {
            column.put(markers.get(i), i);
        }
        String sql = "select v.id, s.usubjid, a.code, si.code, v.visit_number, v.name, v.visit_date, s.first_dose_date,"
                + " r.test_code, r.standard_value from visit v join subject s on s.id = v.subject_id"
                + " join arm a on a.id = s.arm_id join site si on si.id = s.site_id"
                + " left join lab_result r on r.visit_id = v.id where s.study_id = " + studyId
                + " order by s.id, v.visit_number";
        org.dhatim.fastexcel.Workbook workbook = new org.dhatim.fastexcel.Workbook(out, "Cytotrial", "1.0");
        org.dhatim.fastexcel.Worksheet sheet = workbook.newWorksheet("Visits");
        for (int c = 0; c < header.size(); c++) {
            sheet.value(0, c, header.get(c));
        }
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(ReportReader.FETCH_SIZE);
            try (ResultSet rs = statement.executeQuery()) {
                int r = 0;
                long visit = Long.MIN_VALUE;
                double[] values = new double[markers.size()];
                boolean more = rs.next();
                while (more) {
                    visit = rs.getLong(1);
                    r++;
                    sheet.value(r, 0, rs.getString(2));
                    sheet.value(r, 1, rs.getString(3));
                    sheet.value(r, 2, rs.getString(4));
                    sheet.value(r, 3, rs.getBigDecimal(5).stripTrailingZeros().doubleValue());
                    sheet.value(r, 4, rs.getString(6));
                    java.sql.Date date = rs.getDate(7);
                    java.sql.Date firstDose = rs.getDate(8);
                    if (date != null) {
                        sheet.value(r, 5, date.toLocalDate());
                        sheet.style(r, 5).format("yyyy-mm-dd").set();
                        if (firstDose != null) {
                            sheet.value(r, 6, org.cytotrial.analysis.StudyDay.of(firstDose.toLocalDate(), date.toLocalDate()));
                        }
                    }
                    java.util.Arrays.fill(values, Double.NaN);
                    do {
                        Integer c = column.get(rs.getString(9));
                        if (c != null) {
                            values[c] = rs.getDouble(10);
                        }
                        more = rs.next();
                    } while (more && rs.getLong(1) == visit);
                    for (int i = 0; i < values.length; i++) {
                        if (!Double.isNaN(values[i])) {
                            sheet.value(r, 7 + i, values[i]);
                        }
                    }
                    if (r % 1000 == 0) {
                        sheet.flush();
                    }
                }
            }
        }
        workbook.finish();
    }

    /** The scope of a report over the whole study, as an administrator would get it. */
    static ReportScope scope(Connection connection, String code) throws SQLException {
        try (Statement s = connection.createStatement()) {
            long id;
            String title;
            ResponseCriteria criteria;
            int sdMinDays;
            Double mr;
            try (ResultSet rs = s.executeQuery("select id, title, response_criteria, sd_min_days, mr_low_percent"
                    + " from study where code = '" + code.replace("'", "''") + "'")) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("No study " + code);
                }
                id = rs.getLong(1);
                title = rs.getString(2);
                criteria = ResponseCriteria.valueOf(rs.getString(3));
                sdMinDays = rs.getInt(4);
                double v = rs.getDouble(5);
                mr = rs.wasNull() ? null : v;
            }
            List<ReportScope.ArmRef> arms = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select id, code, name from arm where study_id = " + id + " order by code")) {
                while (rs.next()) {
                    arms.add(new ReportScope.ArmRef(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            List<ReportScope.SiteRef> sites = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select si.id, si.code, si.name from site si join study_site ss"
                    + " on ss.site_id = si.id where ss.study_id = " + id + " order by si.code")) {
                while (rs.next()) {
                    sites.add(new ReportScope.SiteRef(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            connection.commit();
            return new ReportScope(id, code, title, criteria, sdMinDays, mr, arms, true, sites, true, null, false,
                    "benchmark");
        }
    }

    /** POI's streaming workbook exactly as documented: window of 100 rows, temporary files, default compression. */
    static void sxssf(List<VisitRow> rows, List<String> header, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        try {
            Sheet sheet = workbook.createSheet("Visits");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            Row h = sheet.createRow(0);
            for (int c = 0; c < header.size(); c++) {
                h.createCell(c).setCellValue(header.get(c));
            }
            int r = 1;
            for (VisitRow v : rows) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(v.subject());
                row.createCell(1).setCellValue(v.arm());
                row.createCell(2).setCellValue(v.site());
                row.createCell(3).setCellValue(v.visitNumber().doubleValue());
                row.createCell(4).setCellValue(v.visit());
                if (v.date() != null) {
                    Cell d = row.createCell(5);
                    d.setCellValue(v.date());
                    d.setCellStyle(date);
                }
                if (v.studyDay() != null) {
                    row.createCell(6).setCellValue(v.studyDay());
                }
                double[] values = v.values();
                for (int i = 0; i < values.length; i++) {
                    if (!Double.isNaN(values[i])) {
                        row.createCell(7 + i).setCellValue(values[i]);
                    }
                }
            }
            workbook.write(out);
        } finally {
            workbook.close(); // also deletes the temporary files
        }
    }

    /** fastexcel with its defaults (compression level 4, shared strings). */
    static void fastexcel(List<VisitRow> rows, List<String> header, OutputStream out) throws IOException {
        org.dhatim.fastexcel.Workbook workbook = new org.dhatim.fastexcel.Workbook(out, "Cytotrial", "1.0");
        org.dhatim.fastexcel.Worksheet sheet = workbook.newWorksheet("Visits");
        for (int c = 0; c < header.size(); c++) {
            sheet.value(0, c, header.get(c));
        }
        int r = 1;
        for (VisitRow v : rows) {
            sheet.value(r, 0, v.subject());
            sheet.value(r, 1, v.arm());
            sheet.value(r, 2, v.site());
            sheet.value(r, 3, v.visitNumber().doubleValue());
            sheet.value(r, 4, v.visit());
            if (v.date() != null) {
                sheet.value(r, 5, v.date());
                sheet.style(r, 5).format("yyyy-mm-dd").set();
            }
            if (v.studyDay() != null) {
                sheet.value(r, 6, v.studyDay());
            }
            double[] values = v.values();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i])) {
                    sheet.value(r, 7 + i, values[i]);
                }
            }
            if (r % 1000 == 0) {
                sheet.flush();
            }
            r++;
        }
        workbook.finish();
    }

    /** The report's own writer: POI template, rows streamed by {@link org.cytotrial.report.xlsx.SheetRows}. */
    static void streamed(List<VisitRow> rows, List<String> header, OutputStream out) throws IOException {
        try (XSSFWorkbook template = new XSSFWorkbook()) {
            StyleBook styles = new StyleBook(template);
            XSSFSheet sheet = template.createSheet("Visits");
            Row h = sheet.createRow(0);
            for (int c = 0; c < header.size(); c++) {
                h.createCell(c).setCellValue(header.get(c));
            }
            int date = styles.index(ReportStyle.DATE);
            StreamedWorkbook workbook = new StreamedWorkbook(template);
            workbook.stream(sheet, rows.size(), o -> {
                for (VisitRow v : rows) {
                    o.row().text(v.subject()).text(v.arm()).text(v.site()).number(v.visitNumber().doubleValue())
                            .text(v.visit()).date(v.date(), date).integer(v.studyDay(), 0);
                    for (double value : v.values()) {
                        o.number(value);
                    }
                }
            });
            workbook.write(out);
        }
    }

    private interface Writer {
        void write(OutputStream out) throws Exception;
    }

    private interface Run {
        void run() throws Exception;
    }

    private static void time(String name, Path file, Map<String, List<Double>> seconds, Map<String, Long> heap,
            Map<String, Long> sizes, Writer writer) throws Exception {
        measure(name, seconds, heap, () -> {
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                writer.write(o);
            }
        });
        sizes.put(name, Files.size(file));
    }

    /** Wall time, and the largest heap in use right after a garbage collection during the run, above the start. */
    private static void measure(String name, Map<String, List<Double>> seconds, Map<String, Long> heap, Run run)
            throws Exception {
        System.gc();
        long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        List<Runnable> unsubscribe = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            NotificationEmitter emitter = (NotificationEmitter) gc;
            javax.management.NotificationListener listener = (n, h) -> {
                if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                            .from((CompositeData) n.getUserData());
                    // the heap's pools only: the map holds every pool, Metaspace and the code cache too
                    long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(pool -> HEAP_POOLS.contains(pool.getKey()))
                            .mapToLong(pool -> pool.getValue().getUsed()).sum();
                    peak.accumulateAndGet(used, Math::max);
                }
            };
            emitter.addNotificationListener(listener, null, null);
            unsubscribe.add(() -> {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException e) {
                    // already gone
                }
            });
        }
        long started = System.nanoTime();
        run.run();
        double s = (System.nanoTime() - started) / 1e9;
        System.gc();
        Thread.sleep(200);
        unsubscribe.forEach(Runnable::run);
        seconds.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
        heap.merge(name, peak.get() - baseline, Math::max);
        System.out.printf(Locale.ROOT, "  %-42s %7.2f s  live heap +%d MB%n", name, s,
                (peak.get() - baseline) / (1024 * 1024));
    }

    private static void print(Map<String, List<Double>> seconds, Map<String, Long> heap, Map<String, Long> sizes) {
        Double fast = seconds.containsKey(FASTEXCEL) ? median(seconds.get(FASTEXCEL)) : null;
        Double endToEnd = seconds.containsKey(END_TO_END) ? median(seconds.get(END_TO_END)) : null;
        System.out.println();
        System.out.println("| line | median s (runs) | x (b) | x (e) | live heap growth | file |");
        System.out.println("|---|---|---|---|---|---|");
        for (Map.Entry<String, List<Double>> e : seconds.entrySet()) {
            double m = median(e.getValue());
            System.out.printf(Locale.ROOT, "| %s | %.2f (%s) | %s | %s | %d MB | %.1f MB |%n", e.getKey(), m,
                    String.join(", ", e.getValue().stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList()),
                    fast == null ? "" : String.format(Locale.ROOT, "%.2f", m / fast),
                    endToEnd == null ? "" : String.format(Locale.ROOT, "%.2f", m / endToEnd),
                    heap.get(e.getKey()) / (1024 * 1024), sizes.get(e.getKey()) / 1e6);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

}
