package org.cytotrial.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cytotrial.analysis.StudyDay;
import org.cytotrial.report.excel.StudyWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The workbook of each demo study, read back with POI: the Summary holds exactly the numbers of
 * the study's expected.json (computed independently in R), every sheet is there with typed cells,
 * and the charts exist.
 */
class StudyWorkbookTest {

    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest
    @ValueSource(strings = {"IL2-MM", "RECIST-DEMO"})
    void summaryEqualsTheIndependentlyComputedNumbers(String study) throws IOException {
        DemoReportData demo = new DemoReportData(study);
        ReportData data = demo.data(demo.scope(null));
        try (XSSFWorkbook workbook = write(data, new StudyWorkbook())) {
            assertEquals(List.of("Summary", "Best response", "PFS", "Markers", "Visits", "Adverse events", "About"),
                    sheetNames(workbook));
            XSSFSheet summary = workbook.getSheet("Summary");
            Map<String, Integer> column = header(summary.getRow(0));
            JsonObject expected = expected(study);
            int checked = 0;
            for (JsonValue value : expected.getJsonArray("arms")) {
                JsonObject arm = value.asJsonObject();
                Row row = rowWith(summary, 0, arm.getString("arm"));
                assertNotNull(row, "no Summary row for arm " + arm.getString("arm"));
                assertEquals(arm.getInt("treated"), number(row, column.get("Treated")));
                assertEquals(arm.getInt("evaluable"), number(row, column.get("Evaluable")));
                JsonObject best = arm.getJsonObject("bestResponse");
                for (String category : best.keySet()) {
                    assertEquals(best.getInt(category), number(row, column.get(category)), category);
                }
                close(arm.getJsonObject("orr").get("rate"), row, column.get("ORR"));
                close(arm.getJsonObject("orr").get("lower"), row, column.get("ORR 95% CI lower"));
                close(arm.getJsonObject("orr").get("upper"), row, column.get("ORR 95% CI upper"));
                close(arm.getJsonObject("dcr").get("rate"), row, column.get("DCR"));
                close(arm.getJsonObject("dcr").get("lower"), row, column.get("DCR 95% CI lower"));
                close(arm.getJsonObject("dcr").get("upper"), row, column.get("DCR 95% CI upper"));
                JsonObject pfs = arm.getJsonObject("pfs");
                assertEquals(pfs.getInt("events"), number(row, column.get("PFS events")));
                assertEquals(pfs.getInt("censored"), number(row, column.get("PFS censored")));
                close(pfs.get("medianMonths"), row, column.get("PFS median (months)"));
                close(pfs.get("lowerMonths"), row, column.get("PFS median 95% CI lower"));
                close(pfs.get("upperMonths"), row, column.get("PFS median 95% CI upper"));
                checked++;
            }
            assertEquals(expected.getJsonArray("arms").size(), checked);
            assertEquals(checked, countRowsUntilBlank(summary) - 1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"IL2-MM", "RECIST-DEMO"})
    void bestResponseAndVisitsHoldOneTypedRowPerSubjectAndPerSubjectVisit(String study) throws IOException {
        DemoReportData demo = new DemoReportData(study);
        ReportData data = demo.data(demo.scope(null));
        try (XSSFWorkbook workbook = write(data, new StudyWorkbook())) {
            JsonObject expected = expected(study);
            Map<String, JsonObject> subjects = new HashMap<>();
            expected.getJsonArray("subjects").forEach(v -> subjects.put(v.asJsonObject().getString("usubjid"),
                    v.asJsonObject()));
            XSSFSheet best = workbook.getSheet("Best response");
            Map<String, Integer> column = header(best.getRow(0));
            assertEquals(subjects.size(), best.getLastRowNum());
            Double previous = null;
            for (int r = 1; r <= best.getLastRowNum(); r++) {
                Row row = best.getRow(r);
                JsonObject e = subjects.get(row.getCell(0).getStringCellValue());
                assertNotNull(e, "unexpected subject " + row.getCell(0));
                assertEquals(e.getString("bestResponse"), row.getCell(column.get("Best overall response"))
                        .getStringCellValue());
                Cell months = row.getCell(column.get("PFS (months)"));
                assertEquals(CellType.NUMERIC, months.getCellType());
                assertEquals(StudyDay.toMonths(e.getInt("pfsDays")), months.getNumericCellValue(), TOLERANCE);
                assertEquals(e.getBoolean("pfsEvent") ? "Event" : "Censored",
                        row.getCell(column.get("PFS status")).getStringCellValue());
                Cell change = row.getCell(5);
                if (change != null) {
                    assertEquals(CellType.NUMERIC, change.getCellType());
                    assertTrue(previous == null || previous >= change.getNumericCellValue(), "waterfall order");
                    previous = change.getNumericCellValue();
                }
            }
            if (study.equals("RECIST-DEMO")) {
                assertNotNull(previous, "RECIST subjects have a best change in the sum of diameters");
            }

            XSSFSheet visits = workbook.getSheet("Visits");
            assertEquals(data.visitCount(), visits.getLastRowNum());
            Map<String, Integer> visitColumns = header(visits.getRow(0));
            assertEquals(7 + data.markers().size(), visitColumns.size());
            int numeric = 0;
            for (int r = 1; r <= visits.getLastRowNum(); r++) {
                Row row = visits.getRow(r);
                assertEquals(CellType.NUMERIC, row.getCell(3).getCellType(), "visit number");
                Cell date = row.getCell(5);
                assertTrue(DateUtil.isCellDateFormatted(date), "visit date is a date cell");
                for (int c = 7; c < visitColumns.size(); c++) {
                    Cell cell = row.getCell(c);
                    if (cell != null) {
                        assertEquals(CellType.NUMERIC, cell.getCellType());
                        numeric++;
                    }
                }
            }
            assertTrue(numeric > 0);
            assertEquals(expected.getJsonArray("markers").size(), countRowsUntilBlank(workbook.getSheet("Markers")) - 1);

            assertTrue(charts(workbook.getSheet("Best response")) + charts(workbook.getSheet("PFS")) >= 1);
            assertEquals(1, charts(workbook.getSheet("PFS")));
            assertTrue(charts(workbook.getSheet("Markers")) >= 3);
            // each chart of the kind its sheet promises: the waterfall a bar chart with a series per
            // best response among the measured subjects, the Kaplan-Meier curves an XY (scatter)
            // chart with a line per arm, the marker courses line charts
            java.util.Set<String> measuredResponses = new java.util.TreeSet<>();
            data.outcomes().stream().filter(o -> o.bestPercentChange() != null)
                    .forEach(o -> measuredResponses.add(o.bor().category().name()));
            List<XSSFChart> waterfall = chartList(workbook.getSheet("Best response"));
            assertEquals(measuredResponses.isEmpty() ? 0 : 1, waterfall.size(), "one waterfall when a change was measured");
            for (XSSFChart chart : waterfall) {
                assertEquals(List.of("bar"), plotTypes(chart));
                assertEquals(measuredResponses, seriesTitles(chart.getCTChart().getPlotArea().getBarChartArray(0)
                        .getSerList().stream().map(ser -> ser.getTx())));
            }
            XSSFChart km = chartList(workbook.getSheet("PFS")).get(0);
            assertEquals(List.of("scatter"), plotTypes(km));
            assertEquals(data.arms().size(), km.getCTChart().getPlotArea().getScatterChartArray(0).sizeOfSerArray());
            for (XSSFChart chart : chartList(workbook.getSheet("Markers"))) {
                assertEquals(List.of("line"), plotTypes(chart), chart.getTitleText().getString());
            }
            assertEquals(1, workbook.getSheet("Visits").getPaneInformation().getHorizontalSplitPosition());
            assertNotNull(workbook.getSheet("Visits").getCTWorksheet().getAutoFilter());
        }
    }

    /**
     * The small sheets' layout as a reader meets it: header row frozen, an auto-filter over exactly
     * the table, the number formats that show (but do not round) each kind of number, and column
     * widths wide enough for their headings.
     */
    @ParameterizedTest
    @ValueSource(strings = {"RECIST-DEMO"})
    void summaryBestResponseAndMarkersHaveFrozenHeadersFiltersFormatsAndWidths(String study) throws IOException {
        DemoReportData demo = new DemoReportData(study);
        ReportData data = demo.data(demo.scope(null));
        try (XSSFWorkbook workbook = write(data, new StudyWorkbook())) {
            XSSFSheet summary = workbook.getSheet("Summary");
            Map<String, Integer> s = header(summary.getRow(0));
            frozenWithFilter(summary, "A1:U" + (1 + data.arms().size()));
            Map<String, String> formats = new java.util.LinkedHashMap<>();
            for (String c : List.of("Treated", "CR", "PFS events")) {
                formats.put(c, "0");
            }
            for (String c : List.of("ORR", "ORR 95% CI lower", "DCR", "DCR 95% CI upper")) {
                formats.put(c, "0.0%");
            }
            for (String c : List.of("PFS median (months)", "PFS median 95% CI lower")) {
                formats.put(c, "0.00");   // blank where the median is not reached
            }
            formats.put("Arm", "General");
            int formatted = 0;
            for (int r = 1; r <= data.arms().size(); r++) {
                for (Map.Entry<String, String> f : formats.entrySet()) {
                    Cell cell = summary.getRow(r).getCell(s.get(f.getKey()));
                    if (cell != null) {
                        assertEquals(f.getValue(), cell.getCellStyle().getDataFormatString(), f.getKey());
                        formatted++;
                    }
                }
            }
            assertTrue(formatted >= data.arms().size() * 8, formatted + " formatted cells");
            assertEquals(19 * 256, summary.getColumnWidth(0));
            assertEquals(28 * 256, summary.getColumnWidth(1));
            assertTrue(summary.getFitToPage() && summary.getPrintSetup().getFitWidth() == 1, "one page wide");

            XSSFSheet best = workbook.getSheet("Best response");
            Map<String, Integer> b = header(best.getRow(0));
            frozenWithFilter(best, "A1:H" + (1 + data.outcomes().size()));
            int measured = 0;
            for (int r = 1; r <= best.getLastRowNum(); r++) {
                Row row = best.getRow(r);
                assertEquals("0.00", format(row, b.get("PFS (months)")));
                Cell change = row.getCell(b.get("Best % change in sum of diameters"));
                if (change != null) {
                    assertEquals("0.0", change.getCellStyle().getDataFormatString());
                    measured++;
                }
            }
            assertTrue(measured > 0);
            assertEquals(16 * 256, best.getColumnWidth(0));
            assertEquals(14 * 256, best.getColumnWidth(5));

            XSSFSheet markers = workbook.getSheet("Markers");
            Map<String, Integer> m = header(markers.getRow(0));
            frozenWithFilter(markers, "A1:L" + (1 + data.markerSummaries().size()));
            Row first = markers.getRow(1);
            assertEquals("General", format(first, m.get("Visit number")));
            assertEquals("0", format(first, m.get("n")));
            for (String statistic : List.of("Median", "Q1", "Q3", "Mean", "SD", "Median fold change")) {
                Cell cell = first.getCell(m.get(statistic));
                if (cell != null) {
                    assertEquals("0.0##", cell.getCellStyle().getDataFormatString(), statistic);
                }
            }
            assertEquals("0.0##", format(first, m.get("Median")));
            assertEquals(10 * 256, markers.getColumnWidth(0));
            assertEquals(12 * 256, markers.getColumnWidth(m.get("Visit")));
            assertEquals(10 * 256, markers.getColumnWidth(m.get("Median fold change")));
        }
    }

    /**
     * The About sheet says what the report covers and how it was made: the study and its filters,
     * the counts, the generation time as a real UTC date-time cell, who asked, the software
     * version, and the numbered rules with the cut-off filled in.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "2019-06-30"})
    void theAboutSheetStatesTheFiltersTheTimeTheVersionAndTheRules(String cutoffText) throws IOException {
        LocalDate cutoff = cutoffText.isEmpty() ? null : LocalDate.parse(cutoffText);
        DemoReportData demo = new DemoReportData("RECIST-DEMO");
        ReportData data = demo.data(demo.scope(cutoff));
        try (XSSFWorkbook workbook = write(data, new StudyWorkbook())) {
            XSSFSheet about = workbook.getSheet("About");
            assertEquals("RECIST-DEMO", rowWith(about, 0, "Study").getCell(1).getStringCellValue());
            assertEquals("RECIST 1.1", rowWith(about, 0, "Response criteria").getCell(1).getStringCellValue());
            Cell cut = rowWith(about, 0, "Data cut-off").getCell(1);
            if (cutoff == null) {
                assertEquals("none: all data", cut.getStringCellValue());
            } else {
                assertTrue(DateUtil.isCellDateFormatted(cut));
                assertEquals(cutoff, cut.getLocalDateTimeCellValue().toLocalDate());
            }
            assertEquals("all: " + String.join(", ", data.scope().armCodes()),
                    rowWith(about, 0, "Arms").getCell(1).getStringCellValue());
            assertEquals("all: " + String.join(", ", data.scope().siteCodes()),
                    rowWith(about, 0, "Sites").getCell(1).getStringCellValue());
            assertEquals(data.outcomes().size(), number(rowWith(about, 0, "Treated subjects"), 1));
            assertEquals(data.visitCount(), (long) number(rowWith(about, 0, "Subject-visits"), 1));

            Cell generated = rowWith(about, 0, "Generated at (UTC)").getCell(1);
            assertEquals(CellType.NUMERIC, generated.getCellType());
            assertEquals("yyyy-mm-dd hh:mm:ss", generated.getCellStyle().getDataFormatString());
            assertEquals(java.time.LocalDateTime.ofInstant(data.generatedAt(), java.time.ZoneOffset.UTC),
                    generated.getLocalDateTimeCellValue());
            assertEquals(data.scope().requestedBy(), rowWith(about, 0, "Generated by").getCell(1).getStringCellValue());
            assertEquals("Cytotrial " + data.softwareVersion(), rowWith(about, 0, "Software").getCell(1)
                    .getStringCellValue());
            assertNull(rowWith(about, 0, "Audit trail"), "no audit trail sheet, no line about it");

            Row title = rowWith(about, 0, "Rules");
            assertNotNull(title);
            List<String> rules = new ArrayList<>();
            for (int r = title.getRowNum() + 1; r <= about.getLastRowNum(); r++) {
                Row row = about.getRow(r);
                assertEquals(Integer.toString(rules.size() + 1), row.getCell(0).getStringCellValue());
                rules.add(row.getCell(1).getStringCellValue());
            }
            assertTrue(rules.size() >= 10, rules.toString());
            assertTrue(rules.stream().anyMatch(r -> r.startsWith("Best overall response:")), rules.toString());
            assertTrue(rules.stream().anyMatch(r -> r.startsWith("Kaplan-Meier median:")), rules.toString());
            assertTrue(rules.stream().anyMatch(r -> r.startsWith("Pseudonymised:")), rules.toString());
            assertTrue(rules.contains(cutoff == null ? "Data cut-off: none (all data)."
                    : rules.stream().filter(r -> r.startsWith("Data cut-off: only data dated on or before " + cutoff + " "))
                            .findFirst().orElse("no rule with the cut-off filled in")), rules.toString());
        }
    }

    private static void frozenWithFilter(XSSFSheet sheet, String filter) {
        assertEquals(1, sheet.getPaneInformation().getHorizontalSplitPosition(), sheet.getSheetName() + " frozen header");
        assertEquals(filter, sheet.getCTWorksheet().getAutoFilter().getRef(), sheet.getSheetName() + " auto-filter");
    }

    private static String format(Row row, int column) {
        return row.getCell(column).getCellStyle().getDataFormatString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"IL2-MM"})
    void visitsBeyondOneSheetContinueOnNumberedSheets(String study) throws IOException {
        DemoReportData demo = new DemoReportData(study);
        ReportData data = demo.data(demo.scope(null));
        int perSheet = 100;
        try (XSSFWorkbook workbook = write(data, new StudyWorkbook(perSheet))) {
            int parts = (int) ((data.visitCount() + perSheet - 1) / perSheet);
            assertTrue(parts > 1);
            List<String> names = sheetNames(workbook);
            long rows = 0;
            List<String> subjectsInOrder = new ArrayList<>();
            for (int part = 1; part <= parts; part++) {
                String name = part == 1 ? "Visits" : "Visits (" + part + ")";
                assertEquals(names.indexOf("Visits") + part - 1, names.indexOf(name), name);
                XSSFSheet sheet = workbook.getSheet(name);
                assertEquals("Subject", sheet.getRow(0).getCell(0).getStringCellValue());
                rows += sheet.getLastRowNum();
                for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                    subjectsInOrder.add(sheet.getRow(r).getCell(0).getStringCellValue() + "/"
                            + sheet.getRow(r).getCell(3).getNumericCellValue());
                }
            }
            assertEquals(data.visitCount(), rows);
            assertEquals(subjectsInOrder.size(), new java.util.HashSet<>(subjectsInOrder).size(), "no row twice");
            assertEquals("Adverse events", names.get(names.indexOf("Visits") + parts));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RECIST-DEMO"})
    void aCutOffLeavesOutLaterData(String study) throws IOException {
        DemoReportData demo = new DemoReportData(study);
        ReportData all = demo.data(demo.scope(null));
        LocalDate cutoff = LocalDate.of(2019, 6, 30);
        ReportData early = demo.data(demo.scope(cutoff));
        assertTrue(early.visitCount() < all.visitCount());
        assertTrue(early.outcomes().size() <= all.outcomes().size());
        int eventsAll = all.arms().stream().mapToInt(a -> a.pfs().summary().events()).sum();
        int eventsEarly = early.arms().stream().mapToInt(a -> a.pfs().summary().events()).sum();
        assertTrue(eventsEarly < eventsAll, eventsEarly + " events by the cut-off, " + eventsAll + " in all");
        try (XSSFWorkbook workbook = write(early, new StudyWorkbook())) {
            XSSFSheet visits = workbook.getSheet("Visits");
            for (int r = 1; r <= visits.getLastRowNum(); r++) {
                LocalDate date = visits.getRow(r).getCell(5).getLocalDateTimeCellValue().toLocalDate();
                assertFalse(date.isAfter(cutoff), "visit on " + date);
            }
            XSSFSheet about = workbook.getSheet("About");
            Row row = rowWith(about, 0, "Data cut-off");
            assertEquals(cutoff, row.getCell(1).getLocalDateTimeCellValue().toLocalDate());
        }
    }

    /**
     * The Adverse events sheet read back: for every arm and coded term (and "Any adverse event")
     * the treated subjects by their worst grade, each subject once, as counted here straight from
     * DM.csv and AE.csv. One more event is added to the fixture, a second and worse one of the same
     * term for a subject who already has it, so that "worst grade, once per subject" is exercised
     * for a term as well as for any event (IL2-MM-001 has a grade 3 and a grade 1 event).
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "1992-09-01"})
    void adverseEventsCountTreatedSubjectsOnceAtTheirWorstGradePerTermAndArm(String cutoffText) throws IOException {
        LocalDate cutoff = cutoffText.isEmpty() ? null : LocalDate.parse(cutoffText);
        DemoReportData demo = new DemoReportData("IL2-MM");
        List<String[]> events = new ArrayList<>();
        Map<String, String> arm = new HashMap<>();
        Map<String, LocalDate> firstDose = new HashMap<>();
        for (org.apache.commons.csv.CSVRecord r : csv("IL2-MM", "DM.csv")) {
            arm.put(r.get("USUBJID"), r.get("ARMCD"));
            firstDose.put(r.get("USUBJID"), DemoReportData.date(r.get("RFSTDTC")));
        }
        for (org.apache.commons.csv.CSVRecord r : csv("IL2-MM", "AE.csv")) {
            events.add(new String[] {r.get("USUBJID"), r.get("AEDECOD"), r.get("AETOXGR"), r.get("AESTDTC")});
        }
        String[] worse = {"IL2-MM-002", "Injection site erythema", "2", "1991-05-02"};
        assertTrue(events.stream().anyMatch(e -> e[0].equals(worse[0]) && e[1].equals(worse[1]) && e[2].equals("1")));
        events.add(worse);
        demo.adverseEvents.add(worse);

        Map<String, Integer> treated = new HashMap<>();
        firstDose.forEach((subject, date) -> {
            if (date != null && (cutoff == null || !date.isAfter(cutoff))) {
                treated.merge(arm.get(subject), 1, Integer::sum);
            }
        });
        // (arm, term) -> subject -> worst grade
        Map<List<String>, Map<String, Integer>> worst = new HashMap<>();
        for (String[] e : events) {
            LocalDate dose = firstDose.get(e[0]);
            boolean inTime = cutoff == null || !DemoReportData.date(e[3]).isAfter(cutoff);
            if (dose != null && (cutoff == null || !dose.isAfter(cutoff)) && inTime) {
                for (String term : List.of(e[1], AdverseEventCount.ANY)) {
                    worst.computeIfAbsent(List.of(arm.get(e[0]), term), k -> new HashMap<>())
                            .merge(e[0], Integer.parseInt(e[2]), Math::max);
                }
            }
        }
        assertTrue(worst.size() >= 2, "the fixture has events before the cut-off");

        ReportData data = demo.data(demo.scope(cutoff));
        try (XSSFWorkbook workbook = write(data, new StudyWorkbook())) {
            XSSFSheet sheet = workbook.getSheet("Adverse events");
            Map<String, Integer> column = header(sheet.getRow(0));
            assertEquals(1, sheet.getPaneInformation().getHorizontalSplitPosition());
            assertNotNull(sheet.getCTWorksheet().getAutoFilter());
            java.util.Set<List<String>> seen = new java.util.HashSet<>();
            for (int r = 1; sheet.getRow(r) != null && sheet.getRow(r).getCell(0) != null; r++) {
                Row row = sheet.getRow(r);
                List<String> key = List.of(row.getCell(0).getStringCellValue(), row.getCell(1).getStringCellValue());
                assertTrue(seen.add(key), "one row per arm and term: " + key);
                Map<String, Integer> subjects = worst.getOrDefault(key, Map.of());
                int armTreated = treated.getOrDefault(key.get(0), 0);
                assertEquals(armTreated, number(row, column.get("Subjects in arm")), key.toString());
                int any = 0;
                int severe = 0;
                for (int g = 1; g <= 5; g++) {
                    int grade = g;
                    long expected = subjects.values().stream().filter(w -> w == grade).count();
                    assertEquals(expected, number(row, column.get("Grade " + g)), key + " grade " + g);
                    any += expected;
                    severe += g >= 3 ? expected : 0;
                }
                assertEquals(subjects.size(), any, "each subject once");
                assertEquals(any, number(row, column.get("Any grade")), key.toString());
                assertEquals(severe, number(row, column.get("Grade 3+")), key.toString());
                assertEquals((double) any / armTreated, number(row, column.get("Any grade %")), TOLERANCE);
                assertEquals((double) severe / armTreated, number(row, column.get("Grade 3+ %")), TOLERANCE);
            }
            for (List<String> key : worst.keySet()) {
                assertTrue(seen.contains(key), "a row for " + key);
            }
            if (cutoff == null) {
                Row erythema = rowWith(sheet, 1, "Injection site erythema");
                assertEquals(1, number(erythema, column.get("Grade 2")), "the subject with grades 1 and 2 counts at 2");
            }
        }
    }

    /**
     * The PFS sheet's Kaplan-Meier table against the engine's estimate from the PFS times and
     * events of expected.json (computed independently in R): every row, per arm, in time order.
     */
    @ParameterizedTest
    @ValueSource(strings = {"IL2-MM", "RECIST-DEMO"})
    void pfsTableEqualsTheKaplanMeierEstimateOfTheIndependentPfsTimes(String study) throws IOException {
        DemoReportData demo = new DemoReportData(study);
        ReportData data = demo.data(demo.scope(null));
        Map<String, List<org.cytotrial.analysis.SurvivalObservation>> byArm = new java.util.LinkedHashMap<>();
        for (JsonValue v : expected(study).getJsonArray("subjects")) {
            JsonObject subject = v.asJsonObject();
            byArm.computeIfAbsent(subject.getString("arm"), k -> new ArrayList<>()).add(
                    new org.cytotrial.analysis.SurvivalObservation(subject.getInt("pfsDays"), subject.getBoolean("pfsEvent")));
        }
        try (XSSFWorkbook workbook = write(data, new StudyWorkbook())) {
            XSSFSheet sheet = workbook.getSheet("PFS");
            Map<String, Integer> column = header(sheet.getRow(0));
            assertEquals(1, sheet.getPaneInformation().getHorizontalSplitPosition());
            int r = 1;
            int rows = 0;
            for (String armCode : data.arms().stream().map(a -> a.arm().code()).toList()) {
                List<org.cytotrial.analysis.SurvivalRow> table = org.cytotrial.analysis.KaplanMeier
                        .estimate(byArm.get(armCode)).table();
                assertFalse(table.isEmpty(), armCode);
                for (org.cytotrial.analysis.SurvivalRow expected : table) {
                    Row row = sheet.getRow(r++);
                    String what = armCode + " at day " + expected.time();
                    assertEquals(armCode, row.getCell(column.get("Arm")).getStringCellValue(), what);
                    assertEquals(StudyDay.toMonths(expected.time()), number(row, column.get("Months")), TOLERANCE, what);
                    assertEquals(expected.atRisk(), number(row, column.get("At risk")), what);
                    assertEquals(expected.events(), number(row, column.get("Events")), what);
                    assertEquals(expected.censored(), number(row, column.get("Censored")), what);
                    assertEquals(expected.survival(), number(row, column.get("Survival")), TOLERANCE, what);
                    optional(expected.lower(), row, column.get("95% CI lower"), what);
                    optional(expected.upper(), row, column.get("95% CI upper"), what);
                    rows++;
                }
            }
            assertTrue(rows > byArm.size(), "a row per distinct time");
            Row after = sheet.getRow(r);
            assertTrue(after == null || after.getCell(0) == null, "no rows beyond the arms' tables");
        }
    }

    /**
     * The administrator's audit trail sheet: one row per changed field (one for an entry without
     * any), oldest first, the time a real date-time cell, every value a text cell exactly as
     * recorded (a formula stays text), the report's subjects only (set-up records kept), nothing
     * recorded after the end of the cut-off day; frozen header, auto-filter; the About sheet says
     * what the sheet covers. Without it the workbook has no such sheet (see the first test).
     */
    @org.junit.jupiter.api.Test
    void theAuditTrailSheetHasOneTextRowPerChangedFieldWithinTheReportsFilters() throws IOException {
        DemoReportData demo = new DemoReportData("IL2-MM");
        LocalDate cutoff = LocalDate.of(1992, 9, 1);
        ReportData data = demo.data(demo.scope(cutoff).withAuditTrail());
        java.time.Instant endOfCutoff = java.time.Instant.parse("1992-09-02T00:00:00Z");
        String formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
        List<org.cytotrial.audit.AuditEntry> recorded = List.of(
                entry(1, "1991-01-01T08:00:00Z", "Study", null, org.cytotrial.audit.AuditEntry.Action.CREATED,
                        List.of(change("code", null, "IL2-MM"), change("title", null, "Low-dose IL-2"))),
                entry(2, "1991-03-12T09:30:15.250Z", "Adverse event", "IL2-MM-001",
                        org.cytotrial.audit.AuditEntry.Action.CREATED,
                        List.of(change("term", null, formula), change("grade", null, "3"))),
                entry(3, "1991-04-01T10:00:00Z", "Lab result", "IL2-MM-002", org.cytotrial.audit.AuditEntry.Action.CHANGED,
                        List.of(change("original value", "-1.5", "+2"))),
                entry(4, "1991-05-01T10:00:00Z", "Subject", "OTHER-SITE-001", org.cytotrial.audit.AuditEntry.Action.CHANGED,
                        List.of(change("sex", "F", "M"))),
                entry(5, "1992-09-01T23:59:59.999Z", "Visit", "IL2-MM-003", org.cytotrial.audit.AuditEntry.Action.DELETED,
                        List.of()),
                entry(6, "1992-09-02T00:00:00Z", "Visit", "IL2-MM-003", org.cytotrial.audit.AuditEntry.Action.CREATED,
                        List.of(change("name", null, "after the cut-off"))));
        List<org.cytotrial.audit.AuditFilter> asked = new ArrayList<>();
        ReportAuditTrail trail = new ReportAuditTrail(data.scope(), java.time.Instant.parse("2026-01-02T03:04:05Z"),
                java.util.Set.of("IL2-MM-001", "IL2-MM-002", "IL2-MM-003"), (filter, consumer) -> {
                    asked.add(filter);
                    // as the audit tables are read: recorded before the filter's end, oldest first
                    recorded.stream().filter(e -> e.recordedAt().isBefore(filter.to())).forEach(consumer);
                });
        try (XSSFWorkbook workbook = write(data, new StudyWorkbook().auditTrail(trail))) {
            assertEquals(List.of("Summary", "Best response", "PFS", "Markers", "Visits", "Adverse events", "Audit trail",
                    "About"), sheetNames(workbook));
            assertEquals(List.of(endOfCutoff), asked.stream().map(org.cytotrial.audit.AuditFilter::to).toList());
            XSSFSheet sheet = workbook.getSheet("Audit trail");
            assertEquals(1, sheet.getPaneInformation().getHorizontalSplitPosition());
            assertNotNull(sheet.getCTWorksheet().getAutoFilter());
            Map<String, Integer> column = header(sheet.getRow(0));
            assertEquals(List.of("Revision", "Recorded at (UTC)", "User", "Client address", "Record kind", "Record",
                    "Action", "Field", "Old value", "New value", "Reason"), headings(sheet.getRow(0)));
            List<String> rows = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                assertEquals(CellType.NUMERIC, row.getCell(column.get("Revision")).getCellType());
                Cell at = row.getCell(column.get("Recorded at (UTC)"));
                assertTrue(DateUtil.isCellDateFormatted(at), "a date-time cell");
                for (int c = 2; c < column.size(); c++) {
                    Cell cell = row.getCell(c);
                    assertTrue(cell == null || cell.getCellType() == CellType.STRING, "text in column " + c);
                }
                rows.add((long) row.getCell(0).getNumericCellValue() + " "
                        + at.getLocalDateTimeCellValue().toInstant(java.time.ZoneOffset.UTC) + " "
                        + text(row, column.get("User")) + " " + text(row, column.get("Client address")) + " "
                        + text(row, column.get("Record kind")) + " " + text(row, column.get("Record")) + " "
                        + text(row, column.get("Action")) + " " + text(row, column.get("Field")) + " "
                        + text(row, column.get("Old value")) + " -> " + text(row, column.get("New value")) + " "
                        + text(row, column.get("Reason")));
            }
            assertEquals(List.of(
                    "1 1991-01-01T08:00:00Z admin 10.0.0.7 Study Study 1 CREATED code  -> IL2-MM reason 1",
                    "1 1991-01-01T08:00:00Z admin 10.0.0.7 Study Study 1 CREATED title  -> Low-dose IL-2 reason 1",
                    "2 1991-03-12T09:30:15.250Z admin 10.0.0.7 Adverse event IL2-MM-001 CREATED term  -> " + formula
                            + " reason 2",
                    "2 1991-03-12T09:30:15.250Z admin 10.0.0.7 Adverse event IL2-MM-001 CREATED grade  -> 3 reason 2",
                    "3 1991-04-01T10:00:00Z admin 10.0.0.7 Lab result IL2-MM-002 CHANGED original value -1.5 -> +2 reason 3",
                    "5 1992-09-01T23:59:59.999Z admin 10.0.0.7 Visit IL2-MM-003 DELETED   ->  reason 5"), rows);
            Row about = rowWith(workbook.getSheet("About"), 0, "Audit trail");
            assertNotNull(about, "the About sheet says what the audit trail sheet covers");
            assertTrue(about.getCell(1).getStringCellValue().contains(endOfCutoff.toString()), about.getCell(1).toString());
            assertTrue(allText(workbook.getSheet("About")).contains("except on the Audit trail sheet"));
        }
    }

    @org.junit.jupiter.api.Test
    void anAuditTrailLongerThanTheSheetEndsWithANoteWhereTheWholeTrailIs() throws IOException {
        DemoReportData demo = new DemoReportData("IL2-MM");
        ReportData data = demo.data(demo.scope(null).withAuditTrail());
        List<org.cytotrial.audit.AuditEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            entries.add(entry(i, "2024-01-0" + i + "T00:00:00Z", "Visit", "IL2-MM-001",
                    org.cytotrial.audit.AuditEntry.Action.CHANGED, List.of(change("name", "a" + i, "b" + i))));
        }
        for (int rows : new int[] {4, 3}) {
            ReportAuditTrail trail = new ReportAuditTrail(data.scope(), java.time.Instant.parse("2026-01-02T03:04:05Z"),
                    null, (filter, consumer) -> entries.forEach(consumer));
            try (XSSFWorkbook workbook = write(data, new StudyWorkbook().auditTrail(trail).auditTrailRows(rows))) {
                XSSFSheet sheet = workbook.getSheet("Audit trail");
                assertEquals(rows, sheet.getLastRowNum(), "the sheet's rows, header aside");
                if (rows == 4) {
                    assertEquals(4, sheet.getRow(4).getCell(0).getNumericCellValue(), "all four, no note");
                } else {
                    assertEquals(2, sheet.getRow(2).getCell(0).getNumericCellValue());
                    String note = sheet.getRow(3).getCell(0).getStringCellValue();
                    assertTrue(note.contains("continues beyond the 2 rows") && note.contains("/api/studies/IL2-MM/audit-trail"
                            + "/export.csv"), note);
                }
            }
        }
    }

    private static org.cytotrial.audit.AuditEntry entry(long revision, String at, String entity, String subject,
            org.cytotrial.audit.AuditEntry.Action action, List<org.cytotrial.audit.AuditEntry.FieldChange> changes) {
        return new org.cytotrial.audit.AuditEntry(revision, java.time.Instant.parse(at), "admin", "10.0.0.7",
                "reason " + revision, entity, subject, null, null, Long.toString(revision), action, changes);
    }

    private static org.cytotrial.audit.AuditEntry.FieldChange change(String field, String oldValue, String newValue) {
        return new org.cytotrial.audit.AuditEntry.FieldChange(field, oldValue, newValue);
    }

    private static String text(Row row, int column) {
        Cell cell = row.getCell(column);
        return cell == null ? "" : cell.getStringCellValue();
    }

    private static List<String> headings(Row row) {
        List<String> headings = new ArrayList<>();
        row.forEach(c -> headings.add(c.getStringCellValue()));
        return headings;
    }

    private static String allText(XSSFSheet sheet) {
        StringBuilder text = new StringBuilder();
        sheet.forEach(row -> row.forEach(cell -> {
            if (cell.getCellType() == CellType.STRING) {
                text.append(cell.getStringCellValue()).append('\n');
            }
        }));
        return text.toString();
    }

    private static void optional(Double expected, Row row, int column, String what) {
        Cell cell = row.getCell(column);
        if (expected == null) {
            assertNull(cell, what);
        } else {
            assertEquals(expected, number(row, column), TOLERANCE, what);
        }
    }

    private static List<org.apache.commons.csv.CSVRecord> csv(String study, String file) throws IOException {
        try (Reader in = Files.newBufferedReader(DemoReportData.demoDir().resolve(study).resolve(file));
                var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(in)) {
            return parser.getRecords();
        }
    }

    static XSSFWorkbook write(ReportData data, StudyWorkbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(data, out, new ReportProgress());
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    static List<String> sheetNames(XSSFWorkbook workbook) {
        List<String> names = new ArrayList<>();
        workbook.forEach(s -> names.add(s.getSheetName()));
        return names;
    }

    static Map<String, Integer> header(Row row) {
        Map<String, Integer> columns = new HashMap<>();
        for (Cell cell : row) {
            if (cell.getCellType() == CellType.STRING && !cell.getStringCellValue().startsWith("Waterfall")) {
                columns.put(cell.getStringCellValue(), cell.getColumnIndex());
            }
        }
        return columns;
    }

    static Row rowWith(XSSFSheet sheet, int column, String value) {
        for (Row row : sheet) {
            Cell cell = row.getCell(column);
            if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(value)) {
                return row;
            }
        }
        return null;
    }

    private static int countRowsUntilBlank(XSSFSheet sheet) {
        int n = 0;
        while (sheet.getRow(n) != null && sheet.getRow(n).getCell(0) != null) {
            n++;
        }
        return n;
    }

    private static List<XSSFChart> chartList(XSSFSheet sheet) {
        XSSFDrawing drawing = sheet.getDrawingPatriarch();
        return drawing == null ? List.of() : drawing.getCharts();
    }

    /** The kinds of plot a chart holds, e.g. [bar], [scatter], [line]. */
    private static List<String> plotTypes(XSSFChart chart) {
        var plot = chart.getCTChart().getPlotArea();
        List<String> types = new ArrayList<>();
        for (int i = 0; i < plot.sizeOfBarChartArray(); i++) {
            types.add("bar");
        }
        for (int i = 0; i < plot.sizeOfScatterChartArray(); i++) {
            types.add("scatter");
        }
        for (int i = 0; i < plot.sizeOfLineChartArray(); i++) {
            types.add("line");
        }
        for (int i = 0; i < plot.sizeOfAreaChartArray() + plot.sizeOfPieChartArray(); i++) {
            types.add("other");
        }
        return types;
    }

    private static java.util.Set<String> seriesTitles(
            java.util.stream.Stream<org.openxmlformats.schemas.drawingml.x2006.chart.CTSerTx> titles) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        titles.forEach(tx -> names.add(tx.isSetV() ? tx.getV() : tx.getStrRef().getStrCache().getPtArray(0).getV()));
        return names;
    }

    private static int charts(XSSFSheet sheet) {
        XSSFDrawing drawing = sheet.getDrawingPatriarch();
        return drawing == null ? 0 : drawing.getCharts().size();
    }

    private static double number(Row row, int column) {
        Cell cell = row.getCell(column);
        assertEquals(CellType.NUMERIC, cell.getCellType(), "column " + column);
        return cell.getNumericCellValue();
    }

    private static void close(JsonValue expected, Row row, int column) {
        Cell cell = row.getCell(column);
        if (expected == null || expected.getValueType() == JsonValue.ValueType.NULL) {
            assertNull(cell, "expected no value in column " + column);
            return;
        }
        double e = ((jakarta.json.JsonNumber) expected).doubleValue();
        assertEquals(CellType.NUMERIC, cell.getCellType());
        assertEquals(e, cell.getNumericCellValue(), Math.max(TOLERANCE, Math.abs(e) * TOLERANCE), "column " + column);
    }

    static JsonObject expected(String study) throws IOException {
        try (Reader in = Files.newBufferedReader(DemoReportData.demoDir().resolve(study).resolve("expected.json"));
                var json = Json.createReader(in)) {
            return json.readObject();
        }
    }
}
