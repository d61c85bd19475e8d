package org.cytotrial.it;

import static org.cytotrial.it.support.Casebooks.ADMIN;
import static org.cytotrial.it.support.Casebooks.COORDINATOR;
import static org.cytotrial.it.support.Casebooks.array;
import static org.cytotrial.it.support.Casebooks.result;
import static org.cytotrial.it.support.Casebooks.subjectPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
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
