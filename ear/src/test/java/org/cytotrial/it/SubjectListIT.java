package org.cytotrial.it;

import static org.cytotrial.it.support.Casebooks.ADMIN;
import static org.cytotrial.it.support.Casebooks.COORDINATOR;
import static org.cytotrial.it.support.Casebooks.array;
import static org.cytotrial.it.support.Casebooks.lesion;
import static org.cytotrial.it.support.Casebooks.result;
import static org.cytotrial.it.support.Casebooks.subjectPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Casebooks;
import org.cytotrial.it.support.Deployments;
import org.cytotrial.it.support.Fixtures;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The subject list (paged, sorted and filtered in the database, site-restricted), the dashboard,
 * and the proof that no screen's queries grow with the data: the number of SQL statements a call
 * prepares, read from Hibernate's statistics through the server's management API, is the same
 * for 5 rows as for 16, for 3 results as for 15.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SubjectListIT {

    private static final List<String> PANEL = List.of("EOS", "LYM", "WBC", "HGB", "RBC", "HCT", "CD4", "CD8", "CD25",
            "NKCD56", "CD69", "NKACT", "LAKACT", "SIL2R", "IL6");

    @ArquillianResource
    private ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void theListIsPagedSortedAndFilteredAndShowsOnlyOwnSites() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "LIST");
        String path = "/api/studies/" + study + "/subjects";
        JsonObject all = ADMIN.get(path + "?size=100").json();
        assertEquals(24, all.getInt("total"));
        JsonObject mine = COORDINATOR.get(path + "?size=5&sort=usubjid&order=desc").json();
        assertEquals(16, mine.getInt("total"), "BERLIN and MUNICH, not VIENNA");
        List<JsonObject> rows = mine.getJsonArray("rows").getValuesAs(JsonObject.class);
        assertEquals(5, rows.size());
        assertEquals("RD-023", rows.get(0).getString("usubjid"), "RD-024 is at VIENNA");
        assertTrue(rows.stream().noneMatch(r -> r.getString("site").equals("VIENNA")));

        JsonObject berlinCtrl = COORDINATOR.get(path + "?site=BERLIN&arm=CTRL&sort=consentDate").json();
        assertEquals(4, berlinCtrl.getInt("total"));
        List<String> consent = berlinCtrl.getJsonArray("rows").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getString("consentDate")).toList();
        assertEquals(consent.stream().sorted().toList(), consent);
        JsonObject byId = COORDINATOR.get(path + "?usubjid=d-01").json();
        assertEquals(List.of("RD-010", "RD-011", "RD-013", "RD-014", "RD-016", "RD-017", "RD-019"), byId.getJsonArray("rows")
                .getValuesAs(JsonObject.class).stream().map(r -> r.getString("usubjid")).toList(), "own sites only");
        assertEquals(0, COORDINATOR.get(path + "?usubjid=%25").json().getInt("total"), "a typed % is matched literally");
        JsonObject first = rows.get(0);
        assertTrue(first.getInt("visitsDone") > 0);
        assertTrue(first.containsKey("standing"));

        assertEquals(422, COORDINATOR.get(path + "?sort=password").status());
        assertEquals(422, COORDINATOR.get(path + "?size=100000").status());
        assertEquals(404, COORDINATOR.get("/api/studies/NO-SUCH-STUDY/subjects").status());
    }

    @Test
    void theDashboardListsOverdueVisitsAndMissingData() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "DASH");
        String dosed = Casebooks.enrolDosed(study, "BERLIN", "IL6R");
        Api.Answer undosed = COORDINATOR.postJson("/api/studies/" + study + "/subjects",
                Casebooks.enrolment("MUNICH", "CTRL").build().toString());
        assertEquals(201, undosed.status());
        JsonObject dashboard = COORDINATOR.get("/api/dashboard").json();
        assertTrue(dashboard.getJsonArray("studies").getValuesAs(JsonObject.class).stream()
                .anyMatch(s -> s.getString("code").equals(study)));
        // dosed 80 days ago, nothing recorded: baseline and week 6 are overdue
        assertTrue(dashboard.getJsonObject("overdue").getJsonArray("lines").getValuesAs(JsonObject.class).stream()
                .anyMatch(l -> l.getString("usubjid").equals(dosed) && l.getString("visit").equals("WEEK 6")
                        && LocalDate.parse(l.getString("windowEnd")).isBefore(LocalDate.now())), dashboard.toString());
        assertTrue(dashboard.getJsonObject("missing").getJsonArray("lines").getValuesAs(JsonObject.class).stream()
                .anyMatch(l -> l.getString("usubjid").equals(undosed.json().getString("usubjid"))
                        && l.getString("what").equals("first dose not recorded")));
        assertTrue(dashboard.getJsonObject("overdue").getInt("total") >= dashboard.getJsonObject("overdue")
                .getJsonArray("lines").size());
    }

    @Test
    void theDashboardListsTheVisitsDueThisWeek() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "DUE");
        // a coordinator of VIENNA only, where no other test enrols: the due list is this test's alone
        Api vienna = Api.as(Fixtures.createUser("due", "COORDINATOR", false, "VIENNA"), Fixtures.PASSWORD);
        Api.Answer enrolled = vienna.postJson("/api/studies/" + study + "/subjects", Casebooks.enrolment("VIENNA", "CTRL")
                .add("firstDoseDate", LocalDate.now().toString()).build().toString());
        assertEquals(201, enrolled.status(), enrolled.text());
        String usubjid = enrolled.json().getString("usubjid");

        JsonObject dashboard = vienna.get("/api/dashboard").json();
        LocalDate today = LocalDate.parse(dashboard.getString("today"));
        LocalDate weekEnd = LocalDate.parse(dashboard.getString("weekEnd"));
        assertEquals(today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)), weekEnd);
        // due: every visit whose window reaches into today .. Sunday, as the casebook plans it from the first dose
        List<JsonObject> schedule = vienna.get(subjectPath(study, usubjid)).json().getJsonArray("schedule")
                .getValuesAs(JsonObject.class).stream().map(l -> l.getJsonObject("visit")).toList();
        List<String> expected = schedule.stream().filter(v -> !v.isNull("windowStart")
                        && !LocalDate.parse(v.getString("windowStart")).isAfter(weekEnd)
                        && !LocalDate.parse(v.getString("windowEnd")).isBefore(today))
                .map(v -> v.getString("name")).toList();
        assertFalse(expected.isEmpty(), "dosed today, some visit's window is open this week: " + schedule);
        assertTrue(expected.size() < schedule.size(), "and later ones are not: " + schedule);
        List<JsonObject> due = lines(dashboard, "dueThisWeek", study, usubjid);
        assertEquals(expected, due.stream().map(l -> l.getString("visit")).toList(), dashboard.toString());
        for (JsonObject line : due) {
            JsonObject planned = schedule.stream().filter(v -> v.getString("name").equals(line.getString("visit"))).findFirst()
                    .orElseThrow();
            assertEquals(planned.getString("plannedDate"), line.getString("plannedDate"));
            assertEquals(planned.getString("windowStart"), line.getString("windowStart"));
            assertEquals(planned.getString("windowEnd"), line.getString("windowEnd"));
            assertEquals("VIENNA", line.getString("site"));
        }
        List<String> closed = schedule.stream().filter(v -> !v.isNull("windowEnd")
                && LocalDate.parse(v.getString("windowEnd")).isBefore(today)).map(v -> v.getString("name")).toList();
        assertEquals(closed, lines(dashboard, "overdue", study, usubjid).stream().map(l -> l.getString("visit")).toList(),
                "overdue are only windows that closed before today");
        assertTrue(dashboard.getJsonObject("dueThisWeek").getInt("total") >= due.size());

        // once recorded, a visit is no longer due
        JsonObject first = due.get(0);
        Api.Answer recorded = vienna.postJson(subjectPath(study, usubjid) + "/visits/" + first.getJsonNumber("visitnum"),
                Json.createObjectBuilder().add("date", today.toString()).add("results", array(result("CRP", "4", null)))
                        .build().toString());
        assertEquals(200, recorded.status(), recorded.text());
        List<String> after = lines(vienna.get("/api/dashboard").json(), "dueThisWeek", study, usubjid).stream()
                .map(l -> l.getString("visit")).toList();
        assertEquals(expected.subList(1, expected.size()), after);
        // and the demo coordinator, who does not work at VIENNA, does not see it at all
        assertTrue(lines(COORDINATOR.get("/api/dashboard").json(), "dueThisWeek", study, usubjid).isEmpty());
    }

    @Test
    void theDashboardNamesEveryKindOfMissingDataUntilItIsRecorded() {
        // a site no other study has, with a coordinator of that site alone: the list holds this copy's subjects only;
        // RD-024, one of the demo subjects moved there, comes without an age
        String site = Casebooks.newSiteCode("MIS");
        String study = Casebooks.studyCopy("RECIST-DEMO", "MISS", dm -> dm.replace(",VIENNA,", "," + site + ",").lines()
                .map(l -> l.startsWith("RECIST-DEMO,DM,RD-024,") ? l.replace(",76,YEARS,", ",,,") : l)
                .collect(Collectors.joining("\n", "", "\n")));
        Api coordinator = Api.as(Fixtures.createUser("missing", "COORDINATOR", false, site), Fixtures.PASSWORD);
        LocalDate dosed = LocalDate.now().minusDays(80);
        LocalDate baselineDate = dosed.plusDays(1);
        String undosed = Casebooks.enrol(coordinator, study, site, "CTRL", null);
        String noBaseline = Casebooks.enrol(coordinator, study, site, "CTRL", dosed);
        String emptyVisit = Casebooks.enrol(coordinator, study, site, "IL6R", dosed);
        String noResponse = Casebooks.enrol(coordinator, study, site, "IL6R", dosed);
        String complete = Casebooks.enrol(coordinator, study, site, "CTRL", dosed);

        // a visit marked done with its date and nothing else
        record(coordinator, study, emptyVisit, "1", Json.createObjectBuilder().add("date", baselineDate.toString()));
        // baseline lesions, then week 6 read without the investigator's response; and one subject with everything
        for (String subject : List.of(noResponse, complete)) {
            record(coordinator, study, subject, "1", Json.createObjectBuilder().add("date", baselineDate.toString())
                    .add("results", array(result("CRP", "8", null)))
                    .add("lesions", array(lesion("T01", "TARGET", "LIVER", "50"), lesion("T02", "TARGET", "LUNG", "22"))));
            JsonObjectBuilder week6 = Json.createObjectBuilder().add("date", dosed.plusDays(42).toString())
                    .add("lesions", array(lesion("T01", null, null, "48"), lesion("T02", null, null, "21")));
            record(coordinator, study, subject, "2", subject.equals(complete) ? week6.add("response", "SD") : week6);
        }

        String noBaselineAssessment = "no baseline tumour assessment (no target or non-target lesion)";
        Map<String, List<String>> missing = missing(coordinator, study);
        assertEquals(List.of("first dose not recorded"), missing.get(undosed), "not dosed: nothing planned, nothing else owed");
        assertEquals(List.of(noBaselineAssessment), missing.get(noBaseline));
        assertEquals(List.of(noBaselineAssessment, "visit BASELINE done on " + baselineDate + " has no data"), missing.get(emptyVisit));
        assertEquals(List.of("no investigator response at visit WEEK 6"), missing.get(noResponse),
                "the baseline, where the lesions were identified, needs no response");
        assertFalse(missing.containsKey(complete), "nothing missing: " + missing.get(complete));
        assertEquals(List.of("RD-024"), missing.entrySet().stream().filter(e -> e.getValue().contains("age not recorded"))
                .map(Map.Entry::getKey).toList(), "imported without AGE, the only one: " + missing);
        JsonObject list = coordinator.get("/api/dashboard").json().getJsonObject("missing");
        assertEquals(list.getJsonArray("lines").size(), list.getInt("total"), "all of this site's lines fit the list");

        // each line goes once what it asks for is recorded
        String path = "/api/studies/" + study + "/subjects/";
        long week6 = Casebooks.visit(coordinator, study, noResponse, "2").getJsonNumber("version").longValue();
        Api.Answer response = coordinator.postJson(path + noResponse + "/visits/2/response",
                "{\"version\":" + week6 + ",\"response\":\"SD\"}");
        assertEquals(200, response.status(), response.text());
        long visit1 = Casebooks.visit(coordinator, study, emptyVisit, "1").getJsonNumber("version").longValue();
        record(coordinator, study, emptyVisit, "1", Json.createObjectBuilder().add("version", visit1)
                .add("results", array(result("CRP", "5", null))));
        JsonObject rd024 = coordinator.get(path + "RD-024").json().getJsonObject("subject");
        Api.Answer age = coordinator.putJson(path + "RD-024", Json.createObjectBuilder()
                .add("version", rd024.getJsonNumber("version").longValue()).add("age", 76)
                .add("reason", "age from the source documents").build().toString());
        assertEquals(200, age.status(), age.text());
        // and a subject who left the study owes neither a first dose nor a baseline assessment any more
        for (String subject : List.of(undosed, noBaseline)) {
            Api.Answer withdrawn = coordinator.postJson(path + subject + "/disposition",
                    "{\"event\":\"WITHDRAWAL BY SUBJECT\",\"date\":\"" + LocalDate.now().minusDays(2) + "\"}");
            assertEquals(201, withdrawn.status(), withdrawn.text());
        }
        Map<String, List<String>> after = missing(coordinator, study);
        for (String subject : List.of(undosed, noBaseline, noResponse)) {
            assertFalse(after.containsKey(subject), subject + ": " + after.get(subject));
        }
        assertEquals(List.of(noBaselineAssessment), after.get(emptyVisit), "the visit has data now, still no lesion");
        assertFalse(after.getOrDefault("RD-024", List.of()).contains("age not recorded"), after.toString());
    }

    private static void record(Api api, String study, String usubjid, String visitnum, JsonObjectBuilder body) {
        Api.Answer answer = api.postJson(subjectPath(study, usubjid) + "/visits/" + visitnum, body.build().toString());
        assertEquals(200, answer.status(), answer.text());
    }

    /** The dashboard's missing-data lines of one study, by subject, in the order listed. */
    private static Map<String, List<String>> missing(Api api, String study) {
        return api.get("/api/dashboard").json().getJsonObject("missing").getJsonArray("lines").getValuesAs(JsonObject.class)
                .stream().filter(l -> l.getString("study").equals(study))
                .collect(Collectors.groupingBy(l -> l.getString("usubjid"), LinkedHashMap::new,
                        Collectors.mapping(l -> l.getString("what"), Collectors.toList())));
    }

    private static List<JsonObject> lines(JsonObject dashboard, String list, String study, String usubjid) {
        return dashboard.getJsonObject(list).getJsonArray("lines").getValuesAs(JsonObject.class).stream()
                .filter(l -> l.getString("study").equals(study) && l.getString("usubjid").equals(usubjid)).toList();
    }

    @Test
    void theApiDescribesItselfAsAnOpenApiDocument() {
        JsonObject openApi = COORDINATOR.get("/api/openapi.json").json();
        assertEquals("3.0.3", openApi.getString("openapi"));
        JsonObject paths = openApi.getJsonObject("paths");
        JsonObject visit = paths.getJsonObject("/studies/{code}/subjects/{usubjid}/visits/{visitnum}");
        assertTrue(visit.containsKey("get") && visit.containsKey("put"), visit.toString());
        assertTrue(visit.getJsonObject("put").getJsonArray("parameters").getValuesAs(JsonObject.class).stream()
                .anyMatch(p -> p.getString("name").equals("X-Change-Reason") && p.getString("in").equals("header")));
        assertTrue(paths.containsKey("/studies/{code}/sdtm.zip"), "the other features' endpoints are there too");
        JsonObject request = openApi.getJsonObject("components").getJsonObject("schemas")
                .getJsonObject("SubjectsResource.VisitRequest").getJsonObject("properties");
        assertEquals("array", request.getJsonObject("results").getString("type"));
    }

    @Test
    void statementsDoNotGrowWithTheNumberOfRowsOrResults() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "NPLUS1");
        String path = "/api/studies/" + study + "/subjects";
        String small = Casebooks.enrolDosed(study, "BERLIN", "CTRL");
        String large = Casebooks.enrolDosed(study, "BERLIN", "IL6R");
        String date = LocalDate.now().minusDays(81).toString();

        long saveSmall = statements(() -> put(study, small, date, PANEL.subList(0, 3)));
        long saveLarge = statements(() -> put(study, large, date, PANEL));
        assertTrue(saveLarge - saveSmall <= 2, "saving 15 results prepares as many statements as saving 3, give or take"
                + " a sequence allocation: " + saveSmall + " vs " + saveLarge);
        assertTrue(saveLarge < 60, "a visit save prepares " + saveLarge + " statements");

        assertEquals(statements(() -> COORDINATOR.get(subjectPath(study, small) + "/visits/1")),
                statements(() -> COORDINATOR.get(subjectPath(study, large) + "/visits/1")), "visit with 3 vs 15 results");
        assertEquals(statements(() -> COORDINATOR.get(path + "?size=5")), statements(() -> COORDINATOR.get(path + "?size=50")),
                "a page of 5 vs 18 subjects");
        assertEquals(statements(() -> COORDINATOR.get(subjectPath(study, "RD-001"))),
                statements(() -> COORDINATOR.get(subjectPath(study, large))), "casebooks of subjects with many and few visits");

        long dashboard = statements(() -> COORDINATOR.get("/api/dashboard"));
        Casebooks.studyCopy("IL2-MM", "NPLUS1B");
        Casebooks.enrolDosed(study, "MUNICH", "CTRL");
        assertEquals(dashboard, statements(() -> COORDINATOR.get("/api/dashboard")), "one more study, one more subject");
    }

    private static void put(String study, String usubjid, String date, List<String> tests) {
        JsonArrayBuilder results = Json.createArrayBuilder();
        for (String test : tests) {
            results.add(result(test, test.equals("HGB") ? "120" : test.equals("RBC") ? "4.5" : test.equals("HCT") ? "40" : "12",
                    null));
        }
        Api.Answer answer = COORDINATOR.postJson(subjectPath(study, usubjid) + "/visits/1", Json.createObjectBuilder()
                .add("date", date).add("results", results).build().toString());
        assertEquals(200, answer.status(), answer.text());
    }

    /** Statements prepared by the server while the action runs (after one run to warm caches, for reads). */
    private long statements(Runnable action) {
        ModelNode unit = persistenceUnit();
        ModelNode enable = operation("write-attribute", unit);
        enable.get("name").set("statistics-enabled");
        enable.get("value").set(true);
        execute(enable);
        long before = preparedStatements(unit);
        action.run();
        return preparedStatements(unit) - before;
    }

    private long preparedStatements(ModelNode unit) {
        ModelNode read = operation("read-attribute", unit);
        read.get("name").set("prepared-statement-count");
        return execute(read).asLong();
    }

    private ModelNode persistenceUnit() {
        ModelNode jpa = new ModelNode();
        jpa.add("deployment", "cytotrial.ear").add("subdeployment", "cytotrial-ejb.jar").add("subsystem", "jpa");
        ModelNode names = operation("read-children-names", jpa);
        names.get("child-type").set("hibernate-persistence-unit");
        String name = execute(names).asList().get(0).asString();
        ModelNode unit = jpa.clone();
        unit.add("hibernate-persistence-unit", name);
        return unit;
    }

    private static ModelNode operation(String name, ModelNode address) {
        ModelNode op = new ModelNode();
        op.get("operation").set(name);
        op.get("address").set(address);
        return op;
    }

    private ModelNode execute(ModelNode op) {
        try {
            ModelNode outcome = management.getControllerClient().execute(op);
            if (!"success".equals(outcome.get("outcome").asString())) {
                throw new AssertionError("management operation failed: " + outcome);
            }
            return outcome.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
