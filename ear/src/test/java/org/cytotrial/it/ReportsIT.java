package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Database;
import org.cytotrial.it.support.Deployments;
import org.cytotrial.it.support.It;
import org.cytotrial.it.support.StudyZips;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The sponsor's downloads over REST on PostgreSQL: the Excel report read back with POI and
 * opened by LibreOffice, filters and access, CSV listings, and the ODM export validated against
 * the ODM 1.3.2 schema and compared value by value with the SDTM export.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReportsIT {

    private static final Api ADMIN = Api.as("admin");
    private static final Api SPONSOR = Api.as("sponsor");
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static String recist;
    private static String myeloma;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @BeforeAll
    static void importStudies() {
        recist = It.uniqueCode("REP");
        myeloma = It.uniqueCode("REPMM");
        assertEquals(201, ADMIN.post("/api/studies?code=" + recist, "application/zip", StudyZips.demo("RECIST-DEMO"))
                .status());
        assertEquals(201, ADMIN.post("/api/studies?code=" + myeloma, "application/zip", StudyZips.demo("IL2-MM"))
                .status());
    }

    @Test
    void theSponsorsWorkbookHoldsTheIndependentlyComputedNumbersInTypedCells() throws IOException {
        for (String[] study : new String[][] {{recist, "RECIST-DEMO"}, {myeloma, "IL2-MM"}}) {
            Api.Answer answer = SPONSOR.get("/api/studies/" + study[0] + "/report.xlsx");
            assertEquals(200, answer.status(), answer.text());
            assertEquals(XLSX, answer.header("Content-Type"));
            assertTrue(answer.header("Content-Disposition").contains(study[0] + "-report.xlsx"));
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(answer.bytes()))) {
                assertEquals(List.of("Summary", "Best response", "PFS", "Markers", "Visits", "Adverse events", "About"),
                        names(workbook));
                JsonObject expected = expected(study[1]);
                XSSFSheet summary = workbook.getSheet("Summary");
                Map<String, Integer> column = header(summary.getRow(0));
                for (JsonValue v : expected.getJsonArray("arms")) {
                    JsonObject arm = v.asJsonObject();
                    Row row = rowWith(summary, arm.getString("arm"));
                    assertNotNull(row, study[1] + " arm " + arm.getString("arm"));
                    assertEquals(arm.getInt("treated"), number(row, column.get("Treated")));
                    assertEquals(arm.getInt("evaluable"), number(row, column.get("Evaluable")));
                    for (String c : arm.getJsonObject("bestResponse").keySet()) {
                        assertEquals(arm.getJsonObject("bestResponse").getInt(c), number(row, column.get(c)), c);
                    }
                    close(arm.getJsonObject("orr").get("rate"), row, column.get("ORR"));
                    close(arm.getJsonObject("orr").get("lower"), row, column.get("ORR 95% CI lower"));
                    close(arm.getJsonObject("orr").get("upper"), row, column.get("ORR 95% CI upper"));
                    close(arm.getJsonObject("dcr").get("rate"), row, column.get("DCR"));
                    assertEquals(arm.getJsonObject("pfs").getInt("events"), number(row, column.get("PFS events")));
                    close(arm.getJsonObject("pfs").get("medianMonths"), row, column.get("PFS median (months)"));
                    close(arm.getJsonObject("pfs").get("lowerMonths"), row, column.get("PFS median 95% CI lower"));
                    close(arm.getJsonObject("pfs").get("upperMonths"), row, column.get("PFS median 95% CI upper"));
                }

                long visits = Database.count("select count(*) from visit v join subject s on s.id = v.subject_id"
                        + " join study st on st.id = s.study_id where st.code = ?", study[0]);
                XSSFSheet visitSheet = workbook.getSheet("Visits");
                assertEquals(visits, visitSheet.getLastRowNum(), "one row per subject-visit");
                Set<String> keys = new HashSet<>();
                int numbers = 0;
                for (int r = 1; r <= visitSheet.getLastRowNum(); r++) {
                    Row row = visitSheet.getRow(r);
                    assertTrue(keys.add(row.getCell(0).getStringCellValue() + "/" + row.getCell(3).getNumericCellValue()));
                    assertTrue(DateUtil.isCellDateFormatted(row.getCell(5)));
                    for (int c = 7; c < row.getLastCellNum(); c++) {
                        if (row.getCell(c) != null) {
                            assertEquals(CellType.NUMERIC, row.getCell(c).getCellType());
                            numbers++;
                        }
                    }
                }
                long results = Database.count("select count(*) from lab_result r join subject s on s.id = r.subject_id"
                        + " join study st on st.id = s.study_id where st.code = ?", study[0]);
                assertEquals(results, numbers, "every result (derived ratio included) is a number cell");
                XSSFSheet outcomes = workbook.getSheet("Best response");
                assertEquals(expected.getJsonArray("subjects").size(), outcomes.getLastRowNum());
                Map<String, Integer> outcome = header(outcomes.getRow(0));
                for (JsonValue v : expected.getJsonArray("subjects")) {
                    JsonObject subject = v.asJsonObject();
                    String usubjid = subject.getString("usubjid");
                    Row row = rowWith(outcomes, usubjid);
                    assertNotNull(row, study[1] + " subject " + usubjid);
                    assertEquals(subject.getString("arm"), row.getCell(outcome.get("Arm")).getStringCellValue(), usubjid);
                    assertEquals(subject.getBoolean("evaluable") ? "Yes" : "No",
                            row.getCell(outcome.get("Evaluable")).getStringCellValue(), usubjid + " evaluable");
                    assertEquals(subject.getString("bestResponse"),
                            row.getCell(outcome.get("Best overall response")).getStringCellValue(), usubjid + " BOR");
                    assertEquals(subject.getBoolean("pfsEvent") ? "Event" : "Censored",
                            row.getCell(outcome.get("PFS status")).getStringCellValue(), usubjid + " PFS status");
                    // DOMAIN.md: a month is 30.4375 days
                    double months = subject.getInt("pfsDays") / 30.4375;
                    assertEquals(months, number(row, outcome.get("PFS (months)")), 1e-6 * Math.max(1, months),
                            usubjid + " PFS months");
                }
                String text = allText(workbook);
                assertFalse(text.contains("Fever and chills"), "no verbatim adverse event term in a sponsor report");
            }
        }
    }

    @Test
    void summaryAndMarkersEqualTheAnalyticsAnswersForEveryReader() throws IOException {
        for (String user : List.of("sponsor", "investigator", "admin", "monitor")) {
            for (String study : List.of(recist, myeloma)) {
                Api api = Api.as(user);
                Api.Answer report = api.get("/api/studies/" + study + "/report.xlsx");
                assertEquals(200, report.status(), user + " " + report.text());
                JsonObject summary = api.get("/api/studies/" + study + "/summary").json();
                jakarta.json.JsonArray markers = api.get("/api/studies/" + study + "/markers?includeDerived=true")
                        .jsonArray();
                try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(report.bytes()))) {
                    XSSFSheet sheet = workbook.getSheet("Summary");
                    Map<String, Integer> column = header(sheet.getRow(0));
                    List<String> armsInSheet = new ArrayList<>();
                    for (int r = 1; sheet.getRow(r) != null && sheet.getRow(r).getCell(0) != null
                            && sheet.getRow(r).getCell(column.get("Treated")) != null; r++) {
                        armsInSheet.add(sheet.getRow(r).getCell(0).getStringCellValue());
                    }
                    List<String> armsInRest = new ArrayList<>();
                    for (JsonValue v : summary.getJsonArray("arms")) {
                        JsonObject arm = v.asJsonObject();
                        armsInRest.add(arm.getString("arm"));
                        Row row = rowWith(sheet, arm.getString("arm"));
                        String what = user + " " + study + " " + arm.getString("arm");
                        assertEquals(arm.getInt("treated"), number(row, column.get("Treated")), what);
                        assertEquals(arm.getInt("evaluable"), number(row, column.get("Evaluable")), what);
                        for (String c : arm.getJsonObject("bestResponse").keySet()) {
                            assertEquals(arm.getJsonObject("bestResponse").getInt(c), number(row, column.get(c)), what + c);
                        }
                        for (String[] rate : new String[][] {{"orr", "ORR"}, {"dcr", "DCR"}}) {
                            close(arm.getJsonObject(rate[0]).get("rate"), row, column.get(rate[1]));
                            close(arm.getJsonObject(rate[0]).get("lower"), row, column.get(rate[1] + " 95% CI lower"));
                            close(arm.getJsonObject(rate[0]).get("upper"), row, column.get(rate[1] + " 95% CI upper"));
                        }
                        JsonObject pfs = arm.getJsonObject("pfs");
                        assertEquals(pfs.getInt("events"), number(row, column.get("PFS events")), what);
                        assertEquals(pfs.getInt("censored"), number(row, column.get("PFS censored")), what);
                        close(pfs.get("medianMonths"), row, column.get("PFS median (months)"));
                        close(pfs.get("lowerMonths"), row, column.get("PFS median 95% CI lower"));
                        close(pfs.get("upperMonths"), row, column.get("PFS median 95% CI upper"));
                    }
                    assertEquals(armsInRest, armsInSheet, "the same arms in the same order");

                    XSSFSheet markerSheet = workbook.getSheet("Markers");
                    Map<String, Integer> mc = header(markerSheet.getRow(0));
                    Map<String, Row> byKey = new HashMap<>();
                    for (int r = 1; markerSheet.getRow(r) != null && markerSheet.getRow(r).getCell(0) != null; r++) {
                        Row row = markerSheet.getRow(r);
                        byKey.put(row.getCell(0).getStringCellValue() + "/" + row.getCell(1).getStringCellValue() + "/"
                                + row.getCell(mc.get("Visit number")).getNumericCellValue(), row);
                    }
                    assertEquals(markers.size(), byKey.size(), user + " " + study + " marker rows");
                    for (JsonValue v : markers) {
                        JsonObject m = v.asJsonObject();
                        Row row = byKey.get(m.getString("arm") + "/" + m.getString("test") + "/"
                                + m.getJsonNumber("visitnum").doubleValue());
                        assertNotNull(row, m.toString());
                        assertEquals(m.getString("visit"), row.getCell(mc.get("Visit")).getStringCellValue(), m.toString());
                        assertEquals(m.getInt("n"), number(row, mc.get("n")));
                        for (String[] stat : new String[][] {{"median", "Median"}, {"q1", "Q1"}, {"q3", "Q3"},
                            {"mean", "Mean"}, {"sd", "SD"}, {"medianFoldChange", "Median fold change"}}) {
                            close(m.get(stat[0]), row, mc.get(stat[1]));
                        }
                    }
                }
            }
        }
    }

    @Test
    void libreOfficeOpensTheWorkbookAndConvertsItToPdf() throws Exception {
        Api.Answer answer = SPONSOR.get("/api/studies/" + recist + "/report.xlsx");
        assertEquals(200, answer.status());
        Path dir = It.outputDir().resolve("report-check");
        Files.createDirectories(dir);
        Path xlsx = dir.resolve("RECIST-DEMO-report.xlsx");
        Files.write(xlsx, answer.bytes());
        Path profile = Files.createTempDirectory("cytotrial-soffice-");
        Process soffice = new ProcessBuilder("soffice", "-env:UserInstallation=" + profile.toUri(), "--headless",
                "--convert-to", "pdf", "--outdir", dir.toString(), xlsx.toString()).redirectErrorStream(true).start();
        String log = new String(soffice.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(soffice.waitFor(180, TimeUnit.SECONDS), "soffice did not finish: " + log);
        assertEquals(0, soffice.exitValue(), log);
        Path pdf = dir.resolve("RECIST-DEMO-report.pdf");
        assertTrue(Files.size(pdf) > 10_000, "a PDF with content: " + log);
        Process png = new ProcessBuilder("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                pdf.toString(), dir.resolve("report-page1").toString()).redirectErrorStream(true).start();
        String pngLog = new String(png.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(png.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, png.exitValue(), pngLog);
        assertTrue(Files.size(dir.resolve("report-page1.png")) > 5_000);
        Process text = new ProcessBuilder("pdftotext", "-f", "1", "-l", "1", pdf.toString(), "-").start();
        String firstPage = new String(text.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(text.waitFor(60, TimeUnit.SECONDS));
        assertTrue(firstPage.contains("IL6R") && firstPage.contains("Evaluable"), firstPage);
    }

    @Test
    void filtersNarrowTheReportAndBadFiltersAreRefusedWithWhatIsAccepted() throws IOException {
        Api.Answer one = SPONSOR.get("/api/studies/" + recist + "/report.xlsx?arm=IL6R&site=BERLIN&site=MUNICH"
                + "&cutoff=2019-06-30");
        assertEquals(200, one.status(), one.text());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(one.bytes()))) {
            XSSFSheet best = workbook.getSheet("Best response");
            assertTrue(best.getLastRowNum() > 0);
            for (int r = 1; r <= best.getLastRowNum(); r++) {
                assertEquals("IL6R", best.getRow(r).getCell(1).getStringCellValue());
                assertTrue(Set.of("BERLIN", "MUNICH").contains(best.getRow(r).getCell(2).getStringCellValue()));
            }
            assertNull(rowWith(workbook.getSheet("Summary"), "CTRL"));
            XSSFSheet visits = workbook.getSheet("Visits");
            for (int r = 1; r <= visits.getLastRowNum(); r++) {
                assertFalse(visits.getRow(r).getCell(5).getLocalDateTimeCellValue().toLocalDate()
                        .isAfter(java.time.LocalDate.of(2019, 6, 30)));
            }
            Row cutoff = rowWith(workbook.getSheet("About"), "Data cut-off");
            assertEquals(java.time.LocalDate.of(2019, 6, 30), cutoff.getCell(1).getLocalDateTimeCellValue().toLocalDate());
        }

        JsonObject bad = SPONSOR.get("/api/studies/" + recist + "/report.xlsx?arm=NOPE&site=KIEL&cutoff=30.06.2019")
                .json();
        assertEquals(422, bad.getInt("status"));
        Map<String, String> errors = new HashMap<>();
        bad.getJsonArray("errors").forEach(e -> errors.put(e.asJsonObject().getString("field"),
                e.asJsonObject().getString("message")));
        assertTrue(errors.get("arm").contains("accepted: ") && errors.get("arm").contains("CTRL")
                && errors.get("arm").contains("IL6R"), errors.toString());
        assertTrue(errors.get("site").contains("BERLIN"), errors.toString());
        assertTrue(errors.get("cutoff").contains("ISO 8601"), errors.toString());

        // site-bound investigator: own sites only; a site of the study elsewhere is not accepted
        Api.Answer investigator = Api.as("investigator").get("/api/studies/" + recist + "/listings/subjects.csv");
        assertEquals(200, investigator.status());
        for (CSVRecord r : csv(investigator.text())) {
            assertTrue(Set.of("BERLIN", "MUNICH").contains(r.get("Site")), r.toString());
        }
        assertEquals(422, Api.as("investigator").get("/api/studies/" + recist + "/report.xlsx?site=VIENNA").status());

        assertEquals(403, Api.as("coordinator").get("/api/studies/" + recist + "/report.xlsx").status());
        assertEquals(401, Api.anonymous().get("/api/studies/" + recist + "/report.xlsx").status());
        assertEquals(404, SPONSOR.get("/api/studies/NO-SUCH-STUDY/report.xlsx").status());
        assertEquals(404, SPONSOR.get("/api/studies/" + recist + "/listings/nothing.csv").status());
    }

    @Test
    void csvListingsAreRfc4180WithOneRowPerRecordAndCodedTermsOnly() {
        Api.Answer subjects = SPONSOR.get("/api/studies/" + myeloma + "/listings/subjects.csv");
        assertEquals(200, subjects.status());
        assertEquals("text/csv;charset=UTF-8", subjects.header("Content-Type").replace(" ", ""));
        String text = subjects.text();
        assertTrue(text.startsWith("Subject,Site,Arm,") && text.contains("\r\n"), "header and CRLF line ends");
        assertEquals(18, csv(text).size());

        long visits = Database.count("select count(*) from visit v join subject s on s.id = v.subject_id"
                + " join study st on st.id = s.study_id where st.code = ?", myeloma);
        assertEquals(visits, csv(SPONSOR.get("/api/studies/" + myeloma + "/listings/visits.csv").text()).size());
        long responses = Database.count("select count(*) from response_assessment x join subject s on s.id = x.subject_id"
                + " join study st on st.id = s.study_id where st.code = ?", myeloma);
        assertEquals(responses, csv(SPONSOR.get("/api/studies/" + myeloma + "/listings/responses.csv").text()).size());

        String sponsorAes = SPONSOR.get("/api/studies/" + myeloma + "/listings/adverse-events.csv").text();
        List<CSVRecord> aes = csv(sponsorAes);
        assertEquals(Database.count("select count(*) from adverse_event x join subject s on s.id = x.subject_id"
                + " join study st on st.id = s.study_id where st.code = ?", myeloma), aes.size());
        assertFalse(sponsorAes.contains("Verbatim") || sponsorAes.contains("Fever and chills"), sponsorAes);
        assertTrue(ADMIN.get("/api/studies/" + myeloma + "/listings/adverse-events.csv").text()
                .contains("Fever and chills"), "administrators see verbatim terms");
    }

    @Test
    void investigatorsAndMonitorsGetTheVerbatimTermAsInTheirCasebookSponsorsOnlyTheCodedOne() throws Exception {
        // IL2-MM-001 (HANNOVER, one of the demo investigator's and monitor's sites) had "Fever and chills", coded Pyrexia
        for (String user : List.of("investigator", "monitor", "admin")) {
            Api api = Api.as(user);
            String listing = api.get("/api/studies/" + myeloma + "/listings/adverse-events.csv").text();
            List<CSVRecord> rows = csv(listing);
            CSVRecord fever = rows.stream().filter(r -> r.get("Subject").equals("IL2-MM-001") && r.get("Sequence").equals("1"))
                    .findFirst().orElseThrow(() -> new AssertionError(user + ": " + listing));
            assertEquals("Fever and chills", fever.get("Verbatim term"), user);
            assertEquals("Pyrexia", fever.get("Term (coded)"), user);
            String odm = api.get("/api/studies/" + myeloma + "/odm.xml").text();
            assertTrue(odm.contains("OID=\"AE.AETERM\"") && odm.contains("ItemOID=\"AE.AETERM\" Value=\"Fever and chills\""),
                    user + " gets AE.AETERM in the ODM export");
        }
        String sponsorListing = SPONSOR.get("/api/studies/" + myeloma + "/listings/adverse-events.csv").text();
        assertFalse(sponsorListing.contains("Verbatim term") || sponsorListing.contains("Fever and chills"), sponsorListing);
        assertTrue(sponsorListing.contains("Pyrexia"));
        Api.Answer sponsorOdm = SPONSOR.get("/api/studies/" + myeloma + "/odm.xml");
        assertEquals(200, sponsorOdm.status());
        assertFalse(sponsorOdm.text().contains("AE.AETERM"), "no verbatim item defined or used for a sponsor");
        assertFalse(sponsorOdm.text().contains("Fever and chills"));
        assertTrue(sponsorOdm.text().contains("ItemOID=\"AE.AEDECOD\" Value=\"Pyrexia\""), "the coded term is there");
    }

    @Test
    void anAdministratorsReportAddsTheAuditTrailWithTheRowsOfTheRestAuditTrail() throws IOException {
        List<String> rest = restTrailRows(myeloma, subject -> true);
        assertTrue(rest.size() > 1000, "the import's trail: " + rest.size());

        Api.Answer answer = ADMIN.get("/api/studies/" + myeloma + "/report.xlsx?audit=true");
        assertEquals(200, answer.status(), answer.text());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(answer.bytes()))) {
            assertEquals(List.of("Summary", "Best response", "PFS", "Markers", "Visits", "Adverse events", "Audit trail",
                    "About"), names(workbook));
            XSSFSheet sheet = workbook.getSheet("Audit trail");
            assertEquals(1, sheet.getPaneInformation().getHorizontalSplitPosition(), "frozen header");
            assertNotNull(sheet.getCTWorksheet().getAutoFilter());
            List<String> rows = sheetTrailRows(sheet);
            assertEquals(sorted(rest), sorted(rows), "the sheet holds the rows of GET /audit-trail");
            long previous = 0;
            for (String row : rows) {
                long revision = Long.parseLong(row.substring(0, row.indexOf('\t')));
                assertTrue(revision >= previous, "oldest first");
                previous = revision;
            }
            assertTrue(rows.stream().anyMatch(r -> r.contains("Fever and chills")), "values as recorded, free text included");
            assertNotNull(rowWith(workbook.getSheet("About"), "Audit trail"));
        }

        // filters: one site's subjects (and the study's set-up records); a cut-off before the import: nothing
        Set<String> hannover = new HashSet<>();
        try (var connection = Database.connect(); var query = connection.prepareStatement("select s.usubjid from subject s"
                + " join study st on st.id = s.study_id join site si on si.id = s.site_id where st.code = ?"
                + " and si.code = 'HANNOVER'")) {
            query.setString(1, myeloma);
            try (var rs = query.executeQuery()) {
                while (rs.next()) {
                    hannover.add(rs.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        assertFalse(hannover.isEmpty());
        List<String> hannoverRest = restTrailRows(myeloma, subject -> subject == null || hannover.contains(subject));
        assertTrue(hannoverRest.size() < rest.size());
        Api.Answer site = ADMIN.get("/api/studies/" + myeloma + "/report.xlsx?audit=true&site=HANNOVER");
        assertEquals(200, site.status(), site.text());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(site.bytes()))) {
            assertEquals(sorted(hannoverRest), sorted(sheetTrailRows(workbook.getSheet("Audit trail"))));
        }
        Api.Answer early = ADMIN.get("/api/studies/" + myeloma + "/report.xlsx?audit=true&cutoff=1992-09-01");
        assertEquals(200, early.status(), early.text());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(early.bytes()))) {
            assertEquals(0, workbook.getSheet("Audit trail").getLastRowNum(), "the study was imported long after 1992");
            assertTrue(rowWith(workbook.getSheet("About"), "Audit trail").getCell(1).getStringCellValue()
                    .contains("1992-09-02T00:00:00Z"));
        }
        Api.Answer today = ADMIN.get("/api/studies/" + myeloma + "/report.xlsx?audit=true&cutoff="
                + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(today.bytes()))) {
            assertEquals(sorted(rest), sorted(sheetTrailRows(workbook.getSheet("Audit trail"))),
                    "a cut-off after the import: all of it");
        }

        // administrators only; without the flag, no sheet; a flag that is neither true nor false is refused
        assertEquals(403, SPONSOR.get("/api/studies/" + myeloma + "/report.xlsx?audit=true").status());
        assertEquals(403, Api.as("investigator").get("/api/studies/" + myeloma + "/report.xlsx?audit=true").status());
        assertEquals(403, Api.as("monitor").get("/api/studies/" + myeloma + "/report.xlsx?audit=true").status());
        Api.Answer bad = ADMIN.get("/api/studies/" + myeloma + "/report.xlsx?audit=yes");
        assertEquals(422, bad.status());
        assertTrue(bad.text().contains("audit") && bad.text().contains("true or false"), bad.text());
        for (String query : List.of("", "?audit=false")) {
            Api.Answer plain = ADMIN.get("/api/studies/" + myeloma + "/report.xlsx" + query);
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(plain.bytes()))) {
                assertEquals(List.of("Summary", "Best response", "PFS", "Markers", "Visits", "Adverse events", "About"),
                        names(workbook), query);
            }
        }
    }

    /**
     * The whole REST audit trail of a study, one line per changed field, of the entries whose
     * subject (null: none) passes the filter.
     */
    private static List<String> restTrailRows(String study, java.util.function.Predicate<String> subjects) {
        List<JsonObject> entries = new ArrayList<>();
        for (int first = 0;; first += 500) {
            Api.Answer page = ADMIN.get("/api/studies/" + study + "/audit-trail?max=500&first=" + first);
            assertEquals(200, page.status(), page.text());
            JsonObject json = page.json();
            json.getJsonArray("entries").forEach(v -> entries.add(v.asJsonObject()));
            if (first + 500 >= json.getInt("total")) {
                break;
            }
        }
        List<String> rows = new ArrayList<>();
        for (JsonObject e : entries) {
            if (!subjects.test(e.isNull("subject") ? null : e.getString("subject"))) {
                continue;
            }
            List<String> record = new ArrayList<>();
            for (String part : new String[] {"subject", "visit", "item"}) {
                if (!e.isNull(part) && !e.getString(part).isBlank()) {
                    record.add(e.getString(part));
                }
            }
            String prefix = e.getJsonNumber("revision").longValue() + "\t" + java.time.Instant.parse(e.getString("recordedAt"))
                    .truncatedTo(java.time.temporal.ChronoUnit.MILLIS) + "\t" + string(e, "username") + "\t"
                    + string(e, "clientAddress") + "\t" + string(e, "entity") + "\t"
                    + (record.isEmpty() ? e.getString("entity") + " " + e.getString("recordKey") : String.join(" · ", record))
                    + "\t" + e.getString("action");
            JsonArray changes = e.getJsonArray("changes");
            if (changes.isEmpty()) {
                rows.add(prefix + "\t\t\t\t" + string(e, "reason"));
            }
            for (JsonValue c : changes) {
                JsonObject change = c.asJsonObject();
                rows.add(prefix + "\t" + string(change, "field") + "\t" + string(change, "oldValue") + "\t"
                        + string(change, "newValue") + "\t" + string(e, "reason"));
            }
        }
        return rows;
    }

    /** The audit trail sheet's rows in the same form. */
    private static List<String> sheetTrailRows(XSSFSheet sheet) {
        Map<String, Integer> column = header(sheet.getRow(0));
        List<String> rows = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            assertEquals(CellType.NUMERIC, row.getCell(column.get("Revision")).getCellType());
            Cell at = row.getCell(column.get("Recorded at (UTC)"));
            assertTrue(DateUtil.isCellDateFormatted(at), "a date-time cell");
            for (int c = column.get("User"); c < row.getLastCellNum(); c++) {
                assertTrue(row.getCell(c) == null || row.getCell(c).getCellType() == CellType.STRING, "text, never a formula");
            }
            rows.add((long) row.getCell(column.get("Revision")).getNumericCellValue() + "\t"
                    + at.getLocalDateTimeCellValue().toInstant(java.time.ZoneOffset.UTC) + "\t"
                    + cellText(row, column.get("User")) + "\t" + cellText(row, column.get("Client address")) + "\t"
                    + cellText(row, column.get("Record kind")) + "\t" + cellText(row, column.get("Record")) + "\t"
                    + cellText(row, column.get("Action")) + "\t" + cellText(row, column.get("Field")) + "\t"
                    + cellText(row, column.get("Old value")) + "\t" + cellText(row, column.get("New value")) + "\t"
                    + cellText(row, column.get("Reason")));
        }
        return rows;
    }

    private static List<String> sorted(List<String> rows) {
        List<String> copy = new ArrayList<>(rows);
        java.util.Collections.sort(copy);
        return copy;
    }

    private static String string(JsonObject object, String name) {
        return object.isNull(name) ? "" : object.getString(name);
    }

    private static String cellText(Row row, int column) {
        Cell cell = row.getCell(column);
        return cell == null ? "" : cell.getStringCellValue();
    }

    @Test
    void odmIsValidOdm132AndCarriesTheSameValuesAsTheSdtmExport() throws Exception {
        for (String study : List.of(recist, myeloma)) {
            Api.Answer answer = SPONSOR.get("/api/studies/" + study + "/odm.xml");
            assertEquals(200, answer.status(), answer.text());
            Path xsd = Path.of(System.getProperty("it.standards.dir", "../src/main/standards"), "odm-1.3.2",
                    "ODM1-3-2.xsd");
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd.toFile()).newValidator()
                    .validate(new StreamSource(new ByteArrayInputStream(answer.bytes())));

            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document odm = factory.newDocumentBuilder().parse(new ByteArrayInputStream(answer.bytes()));
            String ns = "http://www.cdisc.org/ns/odm/v1.3";
            // subject / visit number / test -> value, from ODM ...
            Map<String, String> fromOdm = new HashMap<>();
            NodeList subjects = odm.getElementsByTagNameNS(ns, "SubjectData");
            for (int i = 0; i < subjects.getLength(); i++) {
                Element subject = (Element) subjects.item(i);
                NodeList events = subject.getElementsByTagNameNS(ns, "StudyEventData");
                for (int e = 0; e < events.getLength(); e++) {
                    Element event = (Element) events.item(e);
                    NodeList items = event.getElementsByTagNameNS(ns, "ItemData");
                    for (int k = 0; k < items.getLength(); k++) {
                        Element item = (Element) items.item(k);
                        String oid = item.getAttribute("ItemOID");
                        if (oid.startsWith("LB.") && !oid.equals("LB.LBDTC")) {
                            fromOdm.put(subject.getAttribute("SubjectKey") + "/"
                                    + event.getAttribute("StudyEventOID").substring(4) + "/" + oid.substring(3),
                                    item.getAttribute("Value"));
                        }
                    }
                }
            }
            // ... and from the SDTM export's standardised LB values
            Map<String, String> fromSdtm = new HashMap<>();
            String lb = StudyZips.unzip(ADMIN.get("/api/studies/" + study + "/sdtm.zip").bytes()).get("LB.csv");
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(lb))) {
                fromSdtm.put(r.get("USUBJID") + "/" + r.get("VISITNUM") + "/" + r.get("LBTESTCD").replace("/", "_"),
                        r.get("LBSTRESN"));
            }
            assertEquals(Database.count("select count(*) from subject s join study st on st.id = s.study_id"
                    + " where st.code = ?", study), subjects.getLength(), "one SubjectData per subject");
            int compared = 0;
            for (Map.Entry<String, String> e : fromSdtm.entrySet()) {
                String odmValue = fromOdm.get(e.getKey());
                assertNotNull(odmValue, "ODM lacks " + e.getKey());
                assertEquals(Double.parseDouble(e.getValue()), Double.parseDouble(odmValue), 1e-9, e.getKey());
                compared++;
            }
            assertTrue(compared > 40);
            long derived = Database.count("select count(*) from lab_result r join subject s on s.id = r.subject_id"
                    + " join study st on st.id = s.study_id where st.code = ? and r.derived", study);
            assertEquals(fromSdtm.size() + derived, fromOdm.size(), "every result, derived ratio included");
        }
    }

    private static List<CSVRecord> csv(String text) {
        try {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))
                    .getRecords();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> names(XSSFWorkbook workbook) {
        List<String> names = new ArrayList<>();
        workbook.forEach(s -> names.add(s.getSheetName()));
        return names;
    }

    private static Map<String, Integer> header(Row row) {
        Map<String, Integer> columns = new HashMap<>();
        row.forEach(c -> columns.put(c.getStringCellValue(), c.getColumnIndex()));
        return columns;
    }

    private static Row rowWith(XSSFSheet sheet, String first) {
        for (Row row : sheet) {
            Cell cell = row.getCell(0);
            if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(first)) {
                return row;
            }
        }
        return null;
    }

    private static double number(Row row, int column) {
        assertEquals(CellType.NUMERIC, row.getCell(column).getCellType());
        return row.getCell(column).getNumericCellValue();
    }

    private static void close(JsonValue expected, Row row, int column) {
        if (expected.getValueType() == JsonValue.ValueType.NULL) {
            assertNull(row.getCell(column));
            return;
        }
        double e = ((JsonNumber) expected).doubleValue();
        assertEquals(e, number(row, column), Math.max(1e-6, Math.abs(e) * 1e-6));
    }

    private static String allText(XSSFWorkbook workbook) {
        StringBuilder text = new StringBuilder();
        workbook.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> {
            if (cell.getCellType() == CellType.STRING) {
                text.append(cell.getStringCellValue()).append('\n');
            }
        })));
        return text.toString();
    }

    private static JsonObject expected(String study) throws IOException {
        try (Reader in = Files.newBufferedReader(It.demoDir().resolve(study).resolve("expected.json"));
                var reader = Json.createReader(in)) {
            return reader.readObject();
        }
    }
}
