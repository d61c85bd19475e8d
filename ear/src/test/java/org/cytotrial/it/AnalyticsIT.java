package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Casebooks;
import org.cytotrial.it.support.Database;
import org.cytotrial.it.support.Deployments;
import org.cytotrial.it.support.ExpectedNumbers;
import org.cytotrial.it.support.It;
import org.cytotrial.it.support.StudyZips;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The analytics API end to end: every demo study with an expected.json (computed independently
 * in R) is imported under a new code and read back through summary, markers and analyses,
 * whose numbers must agree to 1e-6 relative. Whatever the file holds is checked; no number is
 * written here. Then who may read what, and how bad parameters are answered.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AnalyticsIT {

    private static final Api ADMIN = Api.as("admin");
    private static final Api COORDINATOR = Api.as("coordinator");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void everyDemoStudyReproducesItsExpectedNumbersThroughTheApi() throws IOException {
        List<Path> studies;
        try (Stream<Path> dirs = Files.list(It.demoDir())) {
            studies = dirs.filter(d -> Files.isRegularFile(d.resolve("expected.json"))).sorted().toList();
        }
        assertFalse(studies.isEmpty(), "no demo study with expected.json under " + It.demoDir());
        List<String> problems = new ArrayList<>();
        for (Path dir : studies) {
            JsonObject expected;
            try (Reader r = Files.newBufferedReader(dir.resolve("expected.json"));
                 var json = Json.createReader(r)) {
                expected = json.readObject();
            }
            String code = It.uniqueCode("AN");
            Api.Answer imported = ADMIN.post("/api/studies?code=" + code, "application/zip",
                    StudyZips.demo(dir.getFileName().toString()));
            assertEquals(201, imported.status(), imported.text());
            new ExpectedNumbers(ADMIN, code, dir.getFileName().toString(), problems).compareWith(expected);
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " mismatch(es):\n" + String.join("\n", problems));
        }
    }

    @Test
    void readersAreAdministratorsInvestigatorsSponsorsAndMonitorsAtTheirSites() {
        for (String user : new String[] {"admin", "investigator", "sponsor", "monitor"}) {
            assertEquals(200, Api.as(user).get("/api/studies/IL2-MM/summary").status(), user);
        }
        Api.Answer coordinator = Api.as("coordinator").get("/api/studies/IL2-MM/summary");
        assertEquals(403, coordinator.status(), "coordinators enter data; they do not read arm results");
        assertEquals(403, Api.as("coordinator").get("/api/studies/IL2-MM/markers").status());
        assertEquals(401, Api.anonymous().get("/api/studies/IL2-MM/summary").status());
        assertEquals(404, ADMIN.get("/api/studies/NO-SUCH-STUDY/summary").status());

        int all = treated(ADMIN.get("/api/studies/IL2-MM/summary").json());
        int sponsor = treated(Api.as("sponsor").get("/api/studies/IL2-MM/summary").json());
        int investigator = treated(Api.as("investigator").get("/api/studies/IL2-MM/summary").json());
        assertEquals(all, sponsor, "sponsors see all sites");
        assertTrue(investigator > 0 && investigator < all, "an investigator sees the subjects of own sites only: "
                + investigator + " of " + all);
        assertFalse(Api.as("investigator").get("/api/studies/IL2-MM/summary").json().getBoolean("allSites"));
    }

    private static int treated(JsonObject summary) {
        return summary.getJsonArray("arms").stream().mapToInt(a -> a.asJsonObject().getInt("treated")).sum();
    }

    @Test
    void badParametersAreAnsweredWithWhatIsAccepted() {
        String base = "/api/studies/RECIST-DEMO/analyses/";
        assertField(ADMIN.get(base + "spearman?x=NOPE&y=HGB"), "x");
        assertField(ADMIN.get(base + "spearman?x=IL6&y=HGB&visitnum=first"), "visitnum");
        assertField(ADMIN.get(base + "mann-whitney?test=HGB&visitnum=3&arm1=IL6R&arm2=PLACEBO"), "arm2");
        assertField(ADMIN.get(base + "mann-whitney?test=HGB&visitnum=3&arm1=IL6R&arm2=IL6R"), "arm2");
        assertField(ADMIN.get(base + "pfs?marker=IL6"), "cutoff");
        assertField(ADMIN.get(base + "pfs?groupBy=site"), "groupBy");
        assertField(ADMIN.get("/api/studies/RECIST-DEMO/markers?test=XYZ"), "test");
        assertField(ADMIN.get("/api/studies/RECIST-DEMO/plots/pie.svg"), "kind");
    }

    /**
     * Marker summaries come from slices kept up to date change by change (MarkerSlices): after
     * entries and a corrected baseline they must equal those of the same data imported afresh.
     */
    @Test
    void markerSummariesFollowEveryEntryAsIfComputedAfresh() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "MSL");
        JsonArray before = ADMIN.get("/api/studies/" + study + "/markers").jsonArray();
        String subject = Casebooks.enrolDosed(study, "BERLIN", "IL6R");
        String visits = Casebooks.subjectPath(study, subject) + "/visits/";
        LocalDate baseline = LocalDate.now().minusDays(82);
        assertEquals(200, COORDINATOR.postJson(visits + "1", Json.createObjectBuilder().add("date", baseline.toString())
                .add("results", Casebooks.array(Casebooks.result("HGB", "12.1", "g/dL"), Casebooks.result("CRP", "8", null),
                        Casebooks.result("IL6", "5.2", "pg/mL"))).build().toString()).status());
        assertEquals(200, COORDINATOR.postJson(visits + "2", Json.createObjectBuilder()
                .add("date", LocalDate.now().minusDays(38).toString())
                .add("results", Casebooks.array(Casebooks.result("HGB", "11.0", "g/dL"), Casebooks.result("IL6", "9.1", "pg/mL")))
                .build().toString()).status());
        JsonArray afterEntries = ADMIN.get("/api/studies/" + study + "/markers").jsonArray();
        // the baseline corrected: the fold changes of the later visit move with it
        int version = Casebooks.visit(COORDINATOR, study, subject, "1").getInt("version");
        Api.Answer corrected = COORDINATOR.postJson(visits + "1", Json.createObjectBuilder().add("version", version)
                .add("date", baseline.toString()).add("reason", "transcription error")
                .add("results", Casebooks.array(Casebooks.result("HGB", "13.0", "g/dL"), Casebooks.result("CRP", "8", null),
                        Casebooks.result("IL6", "2.6", "pg/mL"))).build().toString());
        assertEquals(200, corrected.status(), corrected.text());
        JsonArray incremental = ADMIN.get("/api/studies/" + study + "/markers").jsonArray();

        assertEquals(n(before, "IL6R", "HGB", 2) + 1, n(afterEntries, "IL6R", "HGB", 2), "the new subject's week 6 counts");
        assertNotEquals(afterEntries, incremental, "the corrected baseline shows");

        String fresh = It.uniqueCode("MSF");
        Api.Answer exported = ADMIN.get("/api/studies/" + study + "/sdtm.zip");
        assertEquals(201, ADMIN.post("/api/studies?code=" + fresh, "application/zip", exported.bytes()).status());
        assertEquals(ADMIN.get("/api/studies/" + fresh + "/markers").jsonArray(), incremental,
                "kept up to date = computed afresh from the same data");
    }

    /**
     * Rule edge cases a study may hold, through import and REST, against the unchanged demo:
     * RD-004 (CTRL, SD then PD at visit 6) gets a PR at visit 5.5 on the date of its PD, which
     * counts (an earlier visit that day); RD-001 (IL6R, best MR, PD at visit 6) gets a PR at
     * visit 7 on the date of its PD, which does not (it comes after the first PD); RD-002 (CTRL,
     * best PR, censored) loses its first dose: never dosed, so not treated, not evaluable and not
     * in PFS, its responses notwithstanding (DOMAIN.md: start date = RFSTDTC).
     */
    @Test
    void sameDayProgressionAndNeverDosedSubjectsFollowTheRules() {
        String pdRd004 = "RECIST-DEMO,RS,RD-004,5,OVRLRESP,Overall Response,PD,INVESTIGATOR,6,WEEK 30,2019-09-12";
        String pdRd001 = "RECIST-DEMO,RS,RD-001,5,OVRLRESP,Overall Response,PD,INVESTIGATOR,6,WEEK 30,2019-08-04";
        String dmRd002 = "RECIST-DEMO,DM,RD-002,002,MUNICH,2019-01-10,2019-01-20,,";
        Map<String, String> files = StudyZips.demoFiles("RECIST-DEMO");
        assertTrue(files.get("RS.csv").contains(pdRd004) && files.get("RS.csv").contains(pdRd001)
                && files.get("DM.csv").contains(dmRd002), "the demo rows this test builds on");
        files.put("RS.csv", files.get("RS.csv")
                .replace(pdRd004, pdRd004 + "\nRECIST-DEMO,RS,RD-004,6,OVRLRESP,Overall Response,PR,INVESTIGATOR,5.5,UNSCHEDULED,2019-09-12")
                .replace(pdRd001, pdRd001 + "\nRECIST-DEMO,RS,RD-001,6,OVRLRESP,Overall Response,PR,INVESTIGATOR,7,WEEK 31,2019-08-04"));
        files.put("DM.csv", files.get("DM.csv").replace(dmRd002, "RECIST-DEMO,DM,RD-002,002,MUNICH,2019-01-10,,,"));
        String code = It.uniqueCode("EDGE");
        Api.Answer imported = ADMIN.post("/api/studies?code=" + code, "application/zip", StudyZips.zip(files));
        assertEquals(201, imported.status(), imported.text());

        JsonObject demo = arms(ADMIN.get("/api/studies/RECIST-DEMO/summary").json());
        JsonObject edge = arms(ADMIN.get("/api/studies/" + code + "/summary").json());
        assertEquals(demo.getJsonObject("IL6R"), edge.getJsonObject("IL6R"), "RD-001's late PR that day does not count");
        JsonObject ctrl = demo.getJsonObject("CTRL");
        JsonObject changed = edge.getJsonObject("CTRL");
        assertEquals(ctrl.getInt("treated") - 1, changed.getInt("treated"), "RD-002 was never dosed");
        assertEquals(ctrl.getInt("evaluable") - 1, changed.getInt("evaluable"));
        JsonObject before = ctrl.getJsonObject("bestResponse");
        JsonObject after = changed.getJsonObject("bestResponse");
        assertEquals(before.getInt("PR"), after.getInt("PR"), "RD-002's PR out, RD-004's PR in");
        assertEquals(before.getInt("SD") - 1, after.getInt("SD"), "RD-004 is no longer SD");
        assertEquals(before.getInt("MR"), after.getInt("MR"));
        JsonObject pfsBefore = ctrl.getJsonObject("pfs");
        JsonObject pfsAfter = changed.getJsonObject("pfs");
        assertEquals(pfsBefore.getInt("n") - 1, pfsAfter.getInt("n"), "not in PFS");
        assertEquals(pfsBefore.getInt("events"), pfsAfter.getInt("events"), "RD-004's PD date is the event either way");
        assertEquals(pfsBefore.getInt("censored") - 1, pfsAfter.getInt("censored"), "RD-002 was censored");
        int split = ADMIN.get("/api/studies/" + code + "/analyses/pfs?marker=IL6&cutoff=20&visitnum=1").json()
                .getJsonArray("groups").stream().mapToInt(g -> g.asJsonObject().getInt("n")).sum();
        assertEquals(23, split, "the marker split leaves RD-002 out too");
    }

    /**
     * RSEVAL as another system writes it (lower case, spaces) is still the investigator's: the
     * summary counts the same responses and the casebook shows the same investigator's response
     * (one rule, ResponseAssessment.byInvestigator, for every reader).
     */
    @Test
    void anEvaluatorWrittenInAnotherCaseOrWithSpacesIsStillTheInvestigator() {
        Map<String, String> files = StudyZips.demoFiles("RECIST-DEMO");
        String rs = files.get("RS.csv");
        assertTrue(rs.contains(",INVESTIGATOR,"), "the demo rows this test builds on");
        String[] lines = rs.split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            lines[i] = lines[i].replace(",INVESTIGATOR,", i % 2 == 0 ? ",investigator," : ",\" Investigator \",");
        }
        files.put("RS.csv", String.join("\n", lines));
        String code = It.uniqueCode("EVAL");
        Api.Answer imported = ADMIN.post("/api/studies?code=" + code, "application/zip", StudyZips.zip(files));
        assertEquals(201, imported.status(), imported.text());

        assertEquals(arms(ADMIN.get("/api/studies/RECIST-DEMO/summary").json()),
                arms(ADMIN.get("/api/studies/" + code + "/summary").json()));
        JsonObject demoVisit = Casebooks.visit(ADMIN, "RECIST-DEMO", "RD-001", "2");
        JsonObject visit = Casebooks.visit(ADMIN, code, "RD-001", "2");
        assertEquals(demoVisit.getJsonObject("response").getString("investigator"),
                visit.getJsonObject("response").getString("investigator"), "the casebook shows the investigator's response");
    }

    /**
     * Answers are cached until the data changes (AnalyticsCache): a committed change makes the
     * next answer fresh, also one whose transaction drew a lower audit revision id and commits
     * after a transaction with a higher id (the highest id then stays where it was, the number of
     * committed revisions does not). The database keeps that number as revisions commit (V62).
     */
    @Test
    void theNextAnswerAfterACommitIsFreshEvenWhenALowerRevisionCommitsLate() throws SQLException {
        String code = It.uniqueCode("CACHE");
        assertEquals(201, ADMIN.post("/api/studies?code=" + code, "application/zip", StudyZips.demo("RECIST-DEMO")).status());
        String summary = "/api/studies/" + code + "/summary";
        JsonObject before = arms(ADMIN.get(summary).json());
        assertEquals(before, arms(ADMIN.get(summary).json()), "read again (from the cache)");
        try (Connection late = Database.connectAsApplication()) {
            late.setAutoCommit(false);
            long revision;
            try (Statement s = late.createStatement(); ResultSet rs = s.executeQuery("select nextval('audit_revision_seq')")) {
                rs.next();
                revision = rs.getLong(1);
            }
            try (PreparedStatement insert = late.prepareStatement("insert into audit_revision (id, recorded_at, username,"
                    + " reason) values (?, ?, 'it', 'committed late')");
                 PreparedStatement update = late.prepareStatement("update response_assessment set response = 'PR'"
                         + " where id = (select r.id from response_assessment r join visit v on v.id = r.visit_id"
                         + " join subject s on s.id = r.subject_id join study st on st.id = s.study_id"
                         + " where st.code = ? and s.usubjid = 'RD-004' and v.visit_number = 2)")) {
                insert.setLong(1, revision);
                insert.setLong(2, System.currentTimeMillis());
                insert.executeUpdate();
                update.setString(1, code);
                assertEquals(1, update.executeUpdate(), "RD-004's day-42 SD becomes a PR");
            }
            Database.execute("insert into audit_revision (id, recorded_at, username, reason)"
                    + " values (nextval('audit_revision_seq'), ?, 'it', 'committed first')", System.currentTimeMillis());
            assertEquals(before, arms(ADMIN.get(summary).json()), "the uncommitted change is not read");
            late.commit();
        }
        JsonObject after = arms(ADMIN.get(summary).json());
        JsonObject ctrl = before.getJsonObject("CTRL").getJsonObject("bestResponse");
        JsonObject fresh = after.getJsonObject("CTRL").getJsonObject("bestResponse");
        assertEquals(ctrl.getInt("PR") + 1, fresh.getInt("PR"), "the late commit is read: " + fresh);
        assertEquals(ctrl.getInt("SD") - 1, fresh.getInt("SD"));
        assertEquals(Database.count("select count(*) from audit_revision"),
                Database.count("select sum(revisions) from analytics_data_version"),
                "the counters are the number of committed revisions");
    }

    private static JsonObject arms(JsonObject summary) {
        var byCode = Json.createObjectBuilder();
        summary.getJsonArray("arms").forEach(a -> byCode.add(a.asJsonObject().getString("arm"), a));
        return byCode.build();
    }

    private static int n(JsonArray markers, String arm, String test, int visit) {
        return markers.getValuesAs(JsonObject.class).stream().filter(m -> m.getString("arm").equals(arm)
                && m.getString("test").equals(test) && m.getJsonNumber("visitnum").intValue() == visit)
                .mapToInt(m -> m.getInt("n")).findFirst().orElse(0);
    }

    @Test
    void markerCodesAreReadAsTheCatalogueWritesThem() {
        String base = "/api/studies/RECIST-DEMO/analyses/pfs?cutoff=20&visitnum=1&marker=";
        JsonObject typed = ADMIN.get(base + "il6").json();
        JsonObject canonical = ADMIN.get(base + "IL6").json();
        assertEquals(canonical, typed, "il6 is the catalogue's IL6");
        assertEquals("IL6 > 20", typed.getJsonArray("groups").getJsonObject(0).getString("group"));
        int subjects = typed.getJsonArray("groups").stream().mapToInt(g -> g.asJsonObject().getInt("n")).sum();
        assertTrue(subjects > 0, "the split finds the subjects' IL-6 values: " + typed);
    }

    private static void assertField(Api.Answer answer, String field) {
        assertEquals(422, answer.status(), answer.text());
        JsonObject error = answer.json();
        assertTrue(error.getJsonArray("errors").stream().anyMatch(e -> e.asJsonObject().getString("field").equals(field)),
                answer.text());
    }

    @Test
    void notEstimableValuesAreNullAndSingleArmStudiesHaveNoLogRank() {
        JsonObject pfs = ADMIN.get("/api/studies/IL2-MM/analyses/pfs?groupBy=arm").json();
        assertEquals(1, pfs.getJsonArray("groups").size());
        assertTrue(pfs.getJsonObject("logrank").isNull("p"));
        assertTrue(pfs.getJsonObject("logrank").isNull("chisq"));
        JsonObject recist = ADMIN.get("/api/studies/RECIST-DEMO/summary").json();
        JsonObject arm = recist.getJsonArray("arms").getJsonObject(0);
        assertTrue(arm.getJsonObject("pfs").isNull("medianMonths"), "median not reached is null: " + arm);
        JsonObject curve = ADMIN.get("/api/studies/RECIST-DEMO/analyses/pfs").json().getJsonArray("groups")
                .getJsonObject(0).getJsonArray("curve").getJsonObject(0);
        for (String field : List.of("months", "atRisk", "events", "censored", "survival", "lower", "upper")) {
            assertTrue(curve.containsKey(field), field + " in " + curve);
        }
    }

    @Test
    void plotsComeAsSvgAndPngWithTheirMarks() {
        Map<String, String> marks = new LinkedHashMap<>();
        marks.put("km.svg?groupBy=arm", "ct-km-censor");
        marks.put("km.svg?marker=IL6&cutoff=20&visitnum=1", "ct-km-band");
        marks.put("waterfall.svg", "ct-bar");
        marks.put("spider.svg", "ct-spider-line");
        marks.put("swimmer.svg", "ct-swim-bar");
        marks.put("marker.svg?marker=IL6", "ct-median-line");
        for (Map.Entry<String, String> plot : marks.entrySet()) {
            Api.Answer svg = ADMIN.get("/api/studies/RECIST-DEMO/plots/" + plot.getKey());
            assertEquals(200, svg.status(), plot.getKey() + ": " + svg.text());
            assertTrue(svg.header("Content-Type").startsWith("image/svg+xml"), svg.header("Content-Type"));
            assertTrue(svg.text().contains("class=\"" + plot.getValue() + "\""), plot.getKey());
            Api.Answer png = ADMIN.get("/api/studies/RECIST-DEMO/plots/" + plot.getKey().replace(".svg", ".png"));
            assertEquals(200, png.status(), plot.getKey());
            assertEquals("image/png", png.header("Content-Type"));
            byte[] bytes = png.bytes();
            assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', plot.getKey());
        }
        assertEquals(403, Api.as("coordinator").get("/api/studies/RECIST-DEMO/plots/km.svg").status());
    }
}
