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
            assertEquals(1, workbook.getSheet("Visits").getPaneInformation().getHorizontalSplitPosition());
            assertNotNull(workbook.getSheet("Visits").getCTWorksheet().getAutoFilter());
        }
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
