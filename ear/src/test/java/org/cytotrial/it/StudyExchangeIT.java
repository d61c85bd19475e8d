package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Database;
import org.cytotrial.it.support.Deployments;
import org.cytotrial.it.support.It;
import org.cytotrial.it.support.StudyZips;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Study import and export over REST, against PostgreSQL: all or nothing, and a faithful round trip. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StudyExchangeIT {

    private static final Api ADMIN = Api.as("admin");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void importCreatesTheStudyWithEverything() {
        String code = It.uniqueCode("IMP");
        Api.Answer answer = ADMIN.post("/api/studies?code=" + code, "application/zip", StudyZips.demo("RECIST-DEMO"));
        assertEquals(201, answer.status(), answer.text());
        assertTrue(answer.header("Location").endsWith("/api/studies/" + code));
        JsonObject summary = answer.json();
        assertEquals(code, summary.getString("study"));
        assertEquals(24, summary.getInt("subjects"));

        JsonObject study = ADMIN.get("/api/studies/" + code).json();
        assertEquals("RECIST 1.1", study.getString("responseCriteria"));
        assertEquals(10.0, study.getJsonNumber("mrLowPercent").doubleValue());
        assertEquals(2, study.getJsonArray("arms").size());
        assertEquals(24, study.getInt("subjects"));
        assertEquals(310, Database.count("select count(*) from lesion_measurement m join lesion l on l.id = m.lesion_id"
                + " join subject s on s.id = l.subject_id join study st on st.id = s.study_id where st.code = ?", code));
        assertEquals(144, Database.count("select count(*) from lab_result r join subject s on s.id = r.subject_id"
                + " join study st on st.id = s.study_id where st.code = ? and not r.derived", code));
        // the import is in the audit trail, under one revision that says who and why
        assertEquals(1, Database.count("select count(distinct a.rev) from subject_aud a join subject s on s.id = a.id"
                + " join study st on st.id = s.study_id where st.code = ?", code));
        assertEquals(1, Database.count("select count(*) from audit_revision r where r.username = 'admin'"
                + " and r.reason like ? and exists (select 1 from subject_aud a where a.rev = r.id)",
                "Study " + code + " imported%"));
    }

    @Test
    void importStandardisesUnitsAndDerivesTheCd4Cd8Ratio() {
        String code = It.uniqueCode("STD");
        assertEquals(201, ADMIN.post("/api/studies?code=" + code, "application/zip", StudyZips.demo("IL2-MM")).status());
        // HGB entered in g/dL is kept as entered and standardised to g/L
        assertEquals(43, Database.count("select count(*) from lab_result r join subject s on s.id = r.subject_id"
                + " join study st on st.id = s.study_id where st.code = ? and r.test_code = 'HGB'"
                + " and r.original_unit = 'g/dL' and r.standard_unit = 'g/L'"
                + " and abs(r.standard_value - 10 * cast(r.original_value as double precision)) < 1e-9", code));
        long visitsWithBoth = Database.count("select count(*) from lab_result a join lab_result b on a.visit_id = b.visit_id"
                + " join subject s on s.id = a.subject_id join study st on st.id = s.study_id"
                + " where st.code = ? and a.test_code = 'CD4' and b.test_code = 'CD8'", code);
        assertTrue(visitsWithBoth > 0);
        assertEquals(visitsWithBoth, Database.count("select count(*) from lab_result r join lab_result a"
                + " on a.visit_id = r.visit_id and a.test_code = 'CD4' join lab_result b on b.visit_id = r.visit_id"
                + " and b.test_code = 'CD8' join subject s on s.id = r.subject_id join study st on st.id = s.study_id"
                + " where st.code = ? and r.test_code = 'CD4/CD8' and r.derived"
                + " and abs(r.standard_value - a.standard_value / b.standard_value) < 1e-9", code));
    }

    @Test
    void exportReproducesTheImportedFilesAndSurvivesARoundTrip() {
        for (String demo : new String[] {"IL2-MM", "RECIST-DEMO"}) {
            String first = It.uniqueCode("RT1");
            assertEquals(201, ADMIN.post("/api/studies?code=" + first, "application/zip", StudyZips.demo(demo)).status());
            Api.Answer export = ADMIN.get("/api/studies/" + first + "/sdtm.zip");
            assertEquals(200, export.status());
            assertEquals("application/zip", export.header("Content-Type"));
            Map<String, String> exported = StudyZips.unzip(export.bytes());

            // what went in comes out, values as entered (LB gains its standardised columns)
            Map<String, String> original = StudyZips.demoFiles(demo);
            assertEquals(original.keySet(), exported.keySet());
            for (String file : original.keySet()) {
                String expected = original.get(file).replace(demo + ",", first + ",");
                String actual = exported.get(file);
                if (file.equals("LB.csv")) {
                    actual = actual.lines().map(l -> l.substring(0, nthComma(l, 12))).collect(Collectors.joining("\n", "", "\n"));
                }
                assertEquals(expected, actual, demo + " " + file);
            }

            // export → import under a new code → export: identical files
            String second = It.uniqueCode("RT2");
            byte[] firstZip = export.bytes();
            assertEquals(201, ADMIN.post("/api/studies?code=" + second, "application/zip", firstZip).status());
            Map<String, String> again = StudyZips.unzip(ADMIN.get("/api/studies/" + second + "/sdtm.zip").bytes());
            assertEquals(exported.keySet(), again.keySet(), demo + ": the second export has exactly the files of the first");
            for (String file : exported.keySet()) {
                assertEquals(exported.get(file).replace(first + ",", second + ","), again.get(file), demo + " " + file);
            }
        }
    }

    private static int nthComma(String line, int n) {
        int index = -1;
        for (int i = 0; i < n; i++) {
            index = line.indexOf(',', index + 1);
        }
        return index;
    }

    @Test
    void aStudyCodeCannotBeImportedTwice() {
        // the code given with the request: the problem names the request's code parameter
        String code = It.uniqueCode("TWICE");
        assertEquals(201, ADMIN.post("/api/studies?code=" + code, "application/zip", StudyZips.demo("IL2-MM")).status());
        Api.Answer again = assertRejected(StudyZips.demo("IL2-MM"), code, "already present");
        assertEquals(1, again.json().getInt("total"));
        assertEquals(problem(null, null, "code", "study " + code
                + " is already present; import it under another code or remove the existing one first"),
                again.json().getJsonArray("problems").getJsonObject(0));

        // the code of the files: the problem names the first line of TS.csv that carries it
        String fileCode = It.uniqueCode("TWICEF");
        Map<String, String> files = StudyZips.demoFiles("IL2-MM");
        files.replaceAll((file, text) -> text.replace("IL2-MM,", fileCode + ","));
        byte[] zip = StudyZips.zip(files);
        assertEquals(201, ADMIN.post("/api/studies", "application/zip", zip).status());
        Api.Answer twice = assertRejected(zip, null, "already present");
        assertEquals(1, twice.json().getInt("total"));
        assertEquals(problem("TS.csv", 2, "STUDYID", "study " + fileCode
                + " is already present; import it under another code or remove the existing one first"),
                twice.json().getJsonArray("problems").getJsonObject(0));
    }

    /** A problem as the API answers it: every key present, null where it does not apply. */
    private static JsonObject problem(String file, Integer line, String column, String reason) {
        JsonObjectBuilder problem = Json.createObjectBuilder();
        if (file == null) {
            problem.addNull("file");
        } else {
            problem.add("file", file);
        }
        if (line == null) {
            problem.addNull("line");
        } else {
            problem.add("line", line);
        }
        if (column == null) {
            problem.addNull("column");
        } else {
            problem.add("column", column);
        }
        return problem.add("reason", reason).build();
    }

    /** A problem with the upload as a whole: file, line and column are there, and null. */
    private static void assertUploadProblem(Api.Answer answer, String reason) {
        JsonObject first = answer.json().getJsonArray("problems").getJsonObject(0);
        assertEquals(problem(null, null, null, reason), first, answer.text());
    }

    @Test
    void badUploadsAreRefusedWithEveryProblemAndNothingStored() {
        assertUploadProblem(assertRejected(new byte[0], null, "empty"),
                "the upload is empty; send a zip of the SDTM CSV files (TS.csv, DM.csv, ...)");
        assertUploadProblem(assertRejected("this is not a zip".getBytes(StandardCharsets.UTF_8), null, "not a zip"),
                "the upload is not a zip archive; send a zip of the SDTM CSV files");
        assertRejected(StudyZips.zip(Map.of("README.txt", "hello")), null, "no SDTM CSV files");
        assertRejected(StudyZips.zip(Map.of("../DM.csv", "x")), null, "unsafe entry name");

        String bad = It.uniqueCode("BAD");
        assertRejected(change("DM.csv", t -> t.replace("RFICDTC,RFSTDTC", "RFICDTC,FIRSTDOSE")), bad, "FIRSTDOSE",
                "required column RFSTDTC is missing");
        assertRejected(change("DM.csv", t -> t.replaceFirst("1991-03-11", "1991-13-45")), bad, "not a valid calendar date");
        assertRejected(change("DM.csv", t -> t.replaceFirst("1991-03-11", "11/03/1991")), bad, "not an ISO 8601 date");
        assertRejected(change("DM.csv", t -> t.replaceFirst(",F,RIL2LD", ",,RIL2LD")), bad, "a value is required");
        assertRejected(change("DM.csv", t -> t.replace("IL2-MM-002,002", "IL2-MM-001,002")), bad, "appears twice");
        assertRejected(change("RS.csv", t -> t.replaceFirst("IL2-MM-002,1,", "IL2-MM-999,1,")), bad, "IL2-MM-999 is not in DM.csv");
        assertRejected(change("LB.csv", t -> t.replaceFirst("0.20,10\\^9/L", "0.20,mmol/L")), bad,
                "unit 'mmol/L' is not accepted for EOS");
        assertRejected(change("LB.csv", t -> t.replaceFirst("0.20,10\\^9/L", "900,10^9/L")), bad, "outside the plausible range");
        assertRejected(change("AE.csv", t -> t.replaceFirst("Pyrexia,3", "Pyrexia,7")), bad, "CTCAE grade 7");
    }

    @Test
    void everyProblemIsListedWithFileLineAndColumn() {
        byte[] zip = change("LB.csv", t -> t.replaceFirst("0.20,10\\^9/L", "0.20,mmol/L").replaceFirst("31.8,%", "x,%"));
        Api.Answer answer = ADMIN.post("/api/studies?code=" + It.uniqueCode("MANY"), "application/zip", zip);
        assertEquals(422, answer.status());
        JsonObject body = answer.json();
        assertEquals(2, body.getInt("total"));
        JsonObject unit = body.getJsonArray("problems").getJsonObject(0);
        assertEquals("LB.csv", unit.getString("file"));
        assertEquals(2, unit.getInt("line"));
        assertEquals("LBORRESU", unit.getString("column"));
        JsonObject value = body.getJsonArray("problems").getJsonObject(1);
        assertEquals(3, value.getInt("line"));
        assertEquals("LBORRES", value.getString("column"));
    }

    @Test
    void anUploadOverTheLimitIsRefused() {
        byte[] big = new byte[21 * 1024 * 1024];
        Api.Answer answer = assertRejected(big, null, "larger than the limit");
        String reason = answer.json().getJsonArray("problems").getJsonObject(0).getString("reason");
        assertTrue(reason.startsWith("the upload is larger than the limit of "), reason);
        assertUploadProblem(answer, reason);
    }

    @Test
    void onlyAnAdministratorImports() {
        Api.Answer answer = Api.as("coordinator").post("/api/studies?code=" + It.uniqueCode("NO"), "application/zip",
                StudyZips.demo("IL2-MM"));
        assertEquals(403, answer.status());
    }

    @Test
    void standardSdtmColumnsThatAreNotKeptAreNamedInTheAnswerAndChangeNoNumber() {
        String plain = It.uniqueCode("PLN");
        String extended = It.uniqueCode("EXT");
        assertEquals(201, ADMIN.post("/api/studies?code=" + plain, "application/zip", StudyZips.demo("RECIST-DEMO")).status());
        byte[] zip = StudyZips.demoWith("RECIST-DEMO", "RS.csv", t -> withColumn(t, "RSSTRESC", "x"));
        Api.Answer answer = ADMIN.post("/api/studies?code=" + extended, "application/zip", zip);
        assertEquals(201, answer.status(), answer.text());
        assertEquals("[\"RSSTRESC\"]", answer.json().getJsonObject("columnsNotKept").getJsonArray("RS.csv").toString());
        String summary = ADMIN.get("/api/studies/" + plain + "/summary").json().getJsonArray("arms").toString();
        assertEquals(summary, ADMIN.get("/api/studies/" + extended + "/summary").json().getJsonArray("arms").toString());
    }

    private static String withColumn(String csv, String name, String value) {
        StringBuilder out = new StringBuilder();
        List<String> lines = csv.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            out.append(lines.get(i)).append(',').append(i == 0 ? name : value).append("\r\n");
        }
        return out.toString();
    }

    private static byte[] change(String file, UnaryOperator<String> change) {
        return StudyZips.demoWith("IL2-MM", file, change);
    }

    @Test
    void anUploadLabelledAsSomethingElseIsJudgedByWhatItIs() {
        Map<String, Long> before = Database.rowCounts();
        Api.Answer csv = ADMIN.post("/api/studies", "text/csv", "STUDYID,DOMAIN\r\nX,DM\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(422, csv.status(), csv.text());
        assertTrue(csv.text().contains("not a zip"), csv.text());
        assertEquals(before, Database.rowCounts());
        String code = It.uniqueCode("LBL");
        assertEquals(201, ADMIN.post("/api/studies?code=" + code, "application/x-zip-compressed",
                StudyZips.demo("IL2-MM")).status(), "a zip is a zip whatever the label");
    }

    private static Api.Answer assertRejected(byte[] zip, String code, String... expectedInMessage) {
        Map<String, Long> before = Database.rowCounts();
        Api.Answer answer = ADMIN.post("/api/studies" + (code == null ? "" : "?code=" + code), "application/zip", zip);
        assertEquals(422, answer.status(), answer.text());
        String body = answer.text();
        for (String expected : expectedInMessage) {
            assertTrue(body.contains(expected), "expected '" + expected + "' in " + body);
        }
        assertTrue(answer.json().getJsonArray("problems").size() > 0);
        assertEquals(before, Database.rowCounts(), "a refused import must store nothing");
        return answer;
    }
}
