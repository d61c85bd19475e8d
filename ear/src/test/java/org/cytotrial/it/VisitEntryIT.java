package org.cytotrial.it;

import static org.cytotrial.it.EnrolmentIT.assertFieldError;
import static org.cytotrial.it.support.Casebooks.ADMIN;
import static org.cytotrial.it.support.Casebooks.COORDINATOR;
import static org.cytotrial.it.support.Casebooks.array;
import static org.cytotrial.it.support.Casebooks.lesion;
import static org.cytotrial.it.support.Casebooks.result;
import static org.cytotrial.it.support.Casebooks.state;
import static org.cytotrial.it.support.Casebooks.subjectPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Casebooks;
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

/**
 * Visit entry over REST on PostgreSQL: results with units and plausible ranges, lesions and the
 * computed RECIST response, the investigator's response, conflicts, reasons, roles, and the
 * SDTM export of what was entered.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VisitEntryIT {

    private static final LocalDate BASELINE = LocalDate.now().minusDays(82);
    private static final LocalDate WEEK6 = LocalDate.now().minusDays(38);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    /**
     * Records a visit's form with POST: a first entry needs no reason; a change does, and the
     * service says so (a PUT is refused without one at the REST boundary already).
     */
    private static Api.Answer put(Api api, String study, String usubjid, String visitnum, JsonObjectBuilder body) {
        return api.postJson(subjectPath(study, usubjid) + "/visits/" + visitnum, body.build().toString());
    }

    private static JsonObjectBuilder baseline() {
        return Json.createObjectBuilder().add("date", BASELINE.toString())
                .add("results", array(result("HGB", "12.1", "g/dL"), result("CRP", "8", null), result("IL6", "5.2", "pg/mL")))
                .add("lesions", array(lesion("T01", "TARGET", "liver", "50"), lesion("T02", "TARGET", "LYMPH NODE", "20"),
                        state("NT01", "NON_TARGET", "BONE", "PRESENT")));
    }

    @Test
    void baselineAndFollowUpGiveTheComputedResponseBesideTheInvestigators() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "ENTRY");
        String subject = Casebooks.enrolDosed(study, "BERLIN", "IL6R");

        Api.Answer saved = put(COORDINATOR, study, subject, "1", baseline());
        assertEquals(200, saved.status(), saved.text());
        JsonObject visit = saved.json();
        JsonObject hgb = byKey(visit, "results", "test", "HGB");
        assertEquals("12.1", hgb.getString("value"), "kept as entered");
        assertEquals("g/dL", hgb.getString("unit"));
        assertEquals(121.0, hgb.getJsonNumber("standardValue").doubleValue(), 1e-9, "standardised to g/L");
        assertEquals("SAXIS", byKey(visit, "lesions", "id", "T02").getString("testCode"), "lymph nodes: short axis");
        assertEquals("LIVER", byKey(visit, "lesions", "id", "T01").getString("location"));
        JsonObject computed = visit.getJsonObject("response").getJsonObject("computed");
        assertTrue(computed.getBoolean("baseline"));
        assertEquals(70.0, computed.getJsonNumber("measure").doubleValue());
        assertEquals("coordinator", visit.getString("recordedBy"));

        Api.Answer week6 = put(COORDINATOR, study, subject, "2", Json.createObjectBuilder().add("date", WEEK6.toString())
                .add("lesions", array(lesion("T01", null, null, "30"), lesion("T02", null, null, "9"), state("NT01", null, null, "ABSENT")))
                .add("response", "PR"));
        assertEquals(200, week6.status(), week6.text());
        JsonObject response = week6.json().getJsonObject("response");
        assertEquals("PR", response.getString("investigator"));
        assertEquals("PR", response.getJsonObject("computed").getString("category"));
        assertEquals(39.0, response.getJsonObject("computed").getJsonNumber("measure").doubleValue());
        assertEquals(-44.29, response.getJsonObject("computed").getJsonNumber("changeFromBaselinePercent").doubleValue(), 0.01);
        assertEquals(-44.29, response.getJsonObject("computed").getJsonNumber("changeFromNadirPercent").doubleValue(), 0.01,
                "the nadir so far is the baseline");
        assertFalse(response.getBoolean("disagrees"));

        // a new lesion at week 12: PD, whatever the investigator says, and the disagreement is flagged
        Api.Answer week12 = put(COORDINATOR, study, subject, "3", Json.createObjectBuilder()
                .add("date", LocalDate.now().minusDays(3).toString())
                .add("lesions", array(lesion("T01", null, null, "28"), lesion("T02", null, null, "8"),
                        state("NT01", null, null, "ABSENT"), lesion(null, "NEW", "Lung", "12")))
                .add("response", "SD"));
        assertEquals(200, week12.status(), week12.text());
        JsonObject r12 = week12.json().getJsonObject("response");
        assertEquals("PD", r12.getJsonObject("computed").getString("category"));
        // 28 + 8 = 36 mm: 48.6 % below the baseline of 70, 7.7 % below the nadir of 39 (week 6)
        assertEquals(36.0, r12.getJsonObject("computed").getJsonNumber("measure").doubleValue());
        assertEquals((36 - 70) / 70.0 * 100, r12.getJsonObject("computed").getJsonNumber("changeFromBaselinePercent").doubleValue(), 0.01);
        assertEquals((36 - 39) / 39.0 * 100, r12.getJsonObject("computed").getJsonNumber("changeFromNadirPercent").doubleValue(), 0.01);
        assertTrue(r12.getBoolean("disagrees"));
        assertTrue(byKey(week12.json(), "lesions", "id", "NEW01").getString("kind").equals("NEW"));

        // the casebook's schedule shows both responses per visit
        JsonObject casebook = COORDINATOR.get(subjectPath(study, subject)).json();
        JsonObject line2 = casebook.getJsonArray("schedule").getValuesAs(JsonObject.class).stream()
                .filter(l -> l.getJsonObject("visit").getInt("number") == 2).findFirst().orElseThrow();
        assertEquals("DONE", line2.getJsonObject("visit").getString("state"));
        assertEquals("PR", line2.getString("investigator"));

        // what was entered exports as SDTM with the next sequence numbers, and survives a round trip
        Map<String, String> files = StudyZips.unzip(ADMIN.get("/api/studies/" + study + "/sdtm.zip").bytes());
        assertTrue(files.get("DM.csv").contains(study + ",DM," + subject + ",025,BERLIN,"), files.get("DM.csv"));
        assertTrue(files.get("LB.csv").contains(study + ",LB," + subject + ",1,HGB,Hemoglobin,HEMATOLOGY,12.1,g/dL,1,BASELINE,"
                + BASELINE + ",121,g/L"), files.get("LB.csv"));
        assertTrue(files.get("TU.csv").contains(subject + ",1,T01,TUMIDENT,Tumor Identification,TARGET,LIVER,1,BASELINE,"
                + BASELINE), files.get("TU.csv"));
        assertTrue(files.get("TU.csv").contains(subject + ",4,NEW01,TUMIDENT,Tumor Identification,NEW,LUNG,3,WEEK 12,"),
                files.get("TU.csv"));
        assertTrue(files.get("TR.csv").contains(subject + ",2,T02,SAXIS,Short Axis,20,mm,1,BASELINE,"), files.get("TR.csv"));
        assertTrue(files.get("TR.csv").contains(subject + ",3,NT01,TUMSTATE,Tumor State,PRESENT,,1,BASELINE,"), files.get("TR.csv"));
        assertTrue(files.get("RS.csv").contains(subject + ",1,OVRLRESP,Overall Response,PR,INVESTIGATOR,2,WEEK 6," + WEEK6),
                files.get("RS.csv"));
        String again = It.uniqueCode("ENTRY2");
        assertEquals(201, ADMIN.post("/api/studies?code=" + again, "application/zip",
                ADMIN.get("/api/studies/" + study + "/sdtm.zip").bytes()).status());
        Map<String, String> reexported = StudyZips.unzip(ADMIN.get("/api/studies/" + again + "/sdtm.zip").bytes());
        for (String file : files.keySet()) {
            assertEquals(files.get(file).replace(study + ",", again + ","), reexported.get(file), file);
        }
    }

    @Test
    void badValuesAreRefusedPerFieldAndNothingOfTheSaveIsStored() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "BADV");
        String subject = Casebooks.enrolDosed(study, "BERLIN", "CTRL");
        assertEquals(200, put(COORDINATOR, study, subject, "1", baseline()).status());
        long version = Casebooks.visit(COORDINATOR, study, subject, "1").getJsonNumber("version").longValue();
        Map<String, Long> before = Database.rowCounts();

        Api.Answer bad = put(COORDINATOR, study, subject, "2", Json.createObjectBuilder().add("date", WEEK6.toString())
                .add("results", array(result("CRP", "7", null), result("HGB", "900", "g/L"), result("IL6", "3", "mmol/L"),
                        result("XYZ", "1", null), result("CD4/CD8", "1.2", null), result("EOS", "1,2", null)))
                .add("lesions", array(lesion("T01", null, null, "31"), lesion("T09", null, null, "12"),
                        lesion("T02", null, null, "-4"), lesion(null, "TARGET", "KIDNEY", "20"))));
        assertFieldError(bad, "results[HGB].value", "outside the plausible range 20–250 g/L of HGB");
        assertFieldError(bad, "results[IL6].unit", "unit 'mmol/L' is not accepted for IL6; accepted: pg/mL");
        assertFieldError(bad, "results[XYZ].test", "unknown test 'XYZ'");
        assertFieldError(bad, "results[CD4/CD8].test", "is derived from CD4 and CD8");
        assertFieldError(bad, "results[EOS].value", "'1,2' is not a number");
        assertFieldError(bad, "lesions[T09].id", "lesion T09 does not exist");
        assertFieldError(bad, "lesions[T02].value", "is not a diameter");
        assertFieldError(bad, "lesions[T03].kind", "TARGET lesions are identified at baseline");
        assertEquals(before, Database.rowCounts(), "not even the good values of a refused save are stored");

        assertFieldError(put(COORDINATOR, study, subject, "2", Json.createObjectBuilder()
                .add("date", LocalDate.now().minusDays(200).toString())), "date", "is before informed consent");
        assertFieldError(put(COORDINATOR, study, subject, "2", Json.createObjectBuilder()
                .add("date", LocalDate.now().plusDays(1).toString())), "date", "is in the future");
        assertFieldError(put(COORDINATOR, study, subject, "2", Json.createObjectBuilder().add("date", "2024-02-30")),
                "date", "is not a date; use yyyy-MM-dd");
        assertFieldError(put(COORDINATOR, study, subject, "1", Json.createObjectBuilder().add("version", version)
                .add("lesions", array(lesion("T03", "TARGET", "LUNG", "7")))), "lesions[T03].value", "at least 10 mm at baseline");
        assertEquals(404, put(COORDINATOR, study, subject, "99", Json.createObjectBuilder().add("date", WEEK6.toString())).status());
        assertEquals(before, Database.rowCounts());
    }

    @Test
    void resultsAndLesionsAreRecordedAndChangedThroughTheirOwnEndpointsAndABadOneStoresNothing() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "PARTS");
        String subject = Casebooks.enrolDosed(study, "BERLIN", "IL6R");
        String visit = subjectPath(study, subject) + "/visits/1";

        // the results first, with the visit's date: a first entry, no reason
        Api.Answer results = COORDINATOR.postJson(visit + "/results", Json.createObjectBuilder().add("date", BASELINE.toString())
                .add("results", array(result("HGB", "12.1", "g/dL"), result("CRP", "0.8", "mg/dL"))).build().toString());
        assertEquals(200, results.status(), results.text());
        assertTrue(results.json().getJsonArray("lesions").isEmpty());
        // then the lesions, at the version the results left, without touching them
        Api.Answer lesions = COORDINATOR.postJson(visit + "/lesions", Json.createObjectBuilder()
                .add("version", results.json().getJsonNumber("version").longValue())
                .add("lesions", array(lesion("T01", "TARGET", "LIVER", "50"), lesion("T02", "TARGET", "LYMPH NODE", "2").add("unit", "cm"),
                        state("NT01", "NON_TARGET", "BONE", "PRESENT"))).build().toString());
        assertEquals(200, lesions.status(), lesions.text());

        // read back: both parts as sent, results standardised, the response computed from the lesions
        JsonObject stored = Casebooks.visit(COORDINATOR, study, subject, "1");
        assertEquals(BASELINE.toString(), stored.getString("date"));
        assertResult(stored, "HGB", "12.1", "g/dL", 121.0);
        assertResult(stored, "CRP", "0.8", "mg/dL", 8.0);
        assertEquals(2, stored.getJsonArray("results").size(), stored.toString());
        assertLesion(stored, "T01", "LDIAM", "50", "mm", 50.0);
        assertLesion(stored, "T02", "SAXIS", "2", "cm", 20.0);
        assertEquals("PRESENT", byKey(stored, "lesions", "id", "NT01").getString("state"));
        assertEquals(70.0, stored.getJsonObject("response").getJsonObject("computed").getJsonNumber("measure").doubleValue());

        // a change needs a reason (in the body or the X-Change-Reason header) and leaves the other part as it is
        long version = stored.getJsonNumber("version").longValue();
        JsonObjectBuilder crp = Json.createObjectBuilder().add("version", version).add("results", array(result("CRP", "9", null)));
        assertFieldError(COORDINATOR.putJson(visit + "/results", crp.build().toString()), "reason", "reason");
        Api.Answer changed = COORDINATOR.send(COORDINATOR.request(visit + "/results").header("Content-Type", "application/json")
                .header("X-Change-Reason", "lab report corrected").PUT(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                        .add("version", version).add("results", array(result("CRP", "9", null))).build().toString())));
        assertEquals(200, changed.status(), changed.text());
        Api.Answer remeasured = COORDINATOR.putJson(visit + "/lesions", Json.createObjectBuilder()
                .add("version", changed.json().getJsonNumber("version").longValue())
                .add("lesions", array(lesion("T01", null, null, "52"))).add("reason", "re-measured on the CT").build().toString());
        assertEquals(200, remeasured.status(), remeasured.text());
        stored = Casebooks.visit(COORDINATOR, study, subject, "1");
        assertResult(stored, "CRP", "9", "mg/L", 9.0);
        assertResult(stored, "HGB", "12.1", "g/dL", 121.0);
        assertLesion(stored, "T01", "LDIAM", "52", "mm", 52.0);
        assertLesion(stored, "T02", "SAXIS", "2", "cm", 20.0);
        assertEquals(72.0, stored.getJsonObject("response").getJsonObject("computed").getJsonNumber("measure").doubleValue());
        assertEquals(1, Database.count("select count(*) from audit_revision where reason = 'lab report corrected'"));

        // a bad part is refused naming its field, and nothing of it is stored, not even its good values
        Map<String, Long> before = Database.rowCounts();
        version = stored.getJsonNumber("version").longValue();
        assertFieldError(COORDINATOR.putJson(visit + "/results", Json.createObjectBuilder().add("version", version)
                .add("results", array(result("CRP", "4", null), result("HGB", "900", "g/L"))).add("reason", "typo").build().toString()),
                "results[HGB].value", "outside the plausible range 20–250 g/L of HGB");
        assertFieldError(COORDINATOR.postJson(visit + "/results", Json.createObjectBuilder().add("version", version)
                .add("results", array(result("IL6", "3", "mmol/L"))).build().toString()),
                "results[IL6].unit", "unit 'mmol/L' is not accepted for IL6; accepted: pg/mL");
        assertFieldError(COORDINATOR.putJson(visit + "/lesions", Json.createObjectBuilder().add("version", version)
                .add("lesions", array(lesion("T01", null, null, "40"), lesion("T02", null, null, "-4"))).add("reason", "typo")
                .build().toString()), "lesions[T02].value", "is not a diameter");
        assertFieldError(COORDINATOR.postJson(visit + "/lesions", Json.createObjectBuilder().add("version", version)
                .add("lesions", array(lesion("T09", null, null, "12"))).build().toString()), "lesions[T09].id", "lesion T09 does not exist");
        assertEquals(before, Database.rowCounts());
        assertEquals(stored, Casebooks.visit(COORDINATOR, study, subject, "1"), "the visit reads as before");
    }

    private static void assertResult(JsonObject visit, String test, String value, String unit, double standardValue) {
        JsonObject result = byKey(visit, "results", "test", test);
        assertEquals(value, result.getString("value"), test);
        assertEquals(unit, result.getString("unit"), test);
        assertEquals(standardValue, result.getJsonNumber("standardValue").doubleValue(), 1e-9, test);
    }

    private static void assertLesion(JsonObject visit, String id, String testCode, String value, String unit, double mm) {
        JsonObject lesion = byKey(visit, "lesions", "id", id);
        assertEquals(testCode, lesion.getString("testCode"), id);
        assertEquals(value, lesion.getString("value"), id);
        assertEquals(unit, lesion.getString("unit"), id);
        assertEquals(mm, lesion.getJsonNumber("diameterMm").doubleValue(), 1e-9, id);
    }

    @Test
    void jsonThatCannotBeReadIsA400NamingTheProblemAndNothingIsStored() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "JSON");
        String subject = Casebooks.enrolDosed(study, "BERLIN", "CTRL");
        String path = subjectPath(study, subject);
        Map<String, Long> before = Database.rowCounts();

        Api.Answer cut = COORDINATOR.postJson(path + "/visits/1", "{\"date\":");
        assertBadRequest(cut, "body", "not valid JSON at line 1, column");
        assertBadRequest(COORDINATOR.putJson(path + "/visits/1", "{\"date\":\"" + BASELINE + "\",\"results\":[{\"test\":\"HGB\""),
                "body", "not valid JSON");
        assertBadRequest(COORDINATOR.postJson(path + "/visits/1", "{\"date\":\"" + BASELINE + "\",\"results\":{\"test\":\"HGB\"}}"),
                "results", "expected an array […], not an object {…}");
        assertBadRequest(COORDINATOR.postJson(path + "/visits/1", "{\"date\":\"" + BASELINE + "\",\"version\":\"first\"}"),
                "version", "'first' is not a whole number");
        assertBadRequest(COORDINATOR.postJson(path + "/visits/1", "[1, 2]"), "body", "must be a JSON object");

        String start = LocalDate.now().minusDays(70).toString();
        assertBadRequest(COORDINATOR.postJson(path + "/adverse-events", "{\"term\":\"Rash\",\"grade\":\"x\",\"serious\":false,"
                + "\"related\":false,\"start\":\"" + start + "\"}"), "grade", "'x' is not a whole number");
        assertBadRequest(COORDINATOR.postJson(path + "/adverse-events", "{\"term\":\"Rash\",\"grade\":2.5,\"serious\":false,"
                + "\"related\":false,\"start\":\"" + start + "\"}"), "grade", "2.5 is not a whole number");
        assertBadRequest(COORDINATOR.postJson(path + "/adverse-events", "{\"term\":\"Rash\",\"grade\":2,\"serious\":\"yes\","
                + "\"related\":false,\"start\":\"" + start + "\"}"), "serious", "'yes' is not true or false");
        assertBadRequest(COORDINATOR.postJson("/api/studies/" + study + "/subjects",
                Casebooks.enrolment("BERLIN", "CTRL").add("age", "sixty").build().toString()), "age", "'sixty' is not a whole number");
        assertBadRequest(COORDINATOR.postJson("/api/studies/" + study + "/subjects", Casebooks.enrolment("BERLIN", "CTRL")
                .add("eligibility", Json.createObjectBuilder().add("IN01", "maybe")).build().toString()),
                "eligibility", "'maybe' is not true or false");
        assertEquals(before, Database.rowCounts(), "nothing of an unreadable request is stored");
    }

    static void assertBadRequest(Api.Answer answer, String field, String expected) {
        assertEquals(400, answer.status(), answer.text());
        JsonObject body = answer.json();
        assertEquals(400, body.getInt("status"));
        assertTrue(body.getString("message").contains(field + ": "), body.toString());
        assertTrue(body.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .anyMatch(e -> e.getString("field").equals(field) && e.getString("message").contains(expected)),
                "expected " + field + ": '" + expected + "' in " + body);
    }

    @Test
    void aStaleSaveIsAConflictShowingWhatChangedAndChangesNeedAReason() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "CONF");
        String subject = Casebooks.enrolDosed(study, "MUNICH", "CTRL");
        assertEquals(200, put(COORDINATOR, study, subject, "1", baseline()).status());
        long read = Casebooks.visit(COORDINATOR, study, subject, "1").getJsonNumber("version").longValue();

        // without a reason a change of recorded data is refused
        assertFieldError(put(COORDINATOR, study, subject, "1", Json.createObjectBuilder().add("version", read)
                .add("results", array(result("HGB", "12.3", "g/dL")))), "reason", "a reason for change is required");
        // the first coordinator corrects HGB with a reason
        Api.Answer first = put(COORDINATOR, study, subject, "1", Json.createObjectBuilder().add("version", read)
                .add("results", array(result("HGB", "12.3", "g/dL"))).add("reason", "transcription error"));
        assertEquals(200, first.status(), first.text());
        assertTrue(first.json().getJsonNumber("version").longValue() > read);
        assertEquals(1, Database.count("select count(*) from lab_result_aud a join audit_revision r on r.id = a.rev"
                + " join subject s on s.id = a.subject_id where s.usubjid = ? and s.study_id = (select id from study where code = ?)"
                + " and a.test_code = 'HGB' and a.original_value = '12.3' and r.reason = 'transcription error'", subject, study));

        // a second coordinator who read the same version sends HGB 12.5 and CRP 9: refused, with what differs
        Map<String, Long> before = Database.rowCounts();
        Api.Answer second = put(Api.as("coordinator"), study, subject, "1", Json.createObjectBuilder().add("version", read)
                .add("results", array(result("HGB", "12.5", "g/dL"), result("CRP", "9", "mg/L"))).add("reason", "re-checked"));
        assertEquals(409, second.status(), second.text());
        JsonObject conflict = second.json();
        assertEquals("coordinator", conflict.getString("savedBy"));
        assertEquals(first.json().getJsonNumber("version").longValue(), conflict.getJsonNumber("currentVersion").longValue());
        JsonObject hgb = conflict.getJsonArray("changes").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("field").equals("results[HGB]")).findFirst().orElseThrow();
        assertEquals("12.3 g/dL", hgb.getString("stored"));
        assertEquals("12.5 g/dL", hgb.getString("proposed"));
        assertTrue(conflict.getString("message").contains("nothing of yours was saved"), conflict.toString());
        // what the first coordinator changed since the version read, from the audit trail: HGB, with
        // who, when and why; not CRP, which only the second one changed
        List<JsonObject> since = conflict.getJsonArray("changedSince").getValuesAs(JsonObject.class);
        JsonObject hgbSince = since.stream().filter(c -> c.getString("record").equals("Lab result HGB")
                && c.getString("field").equals("original value")).findFirst().orElseThrow(() -> new AssertionError(since.toString()));
        assertEquals("12.1", hgbSince.getString("oldValue"));
        assertEquals("12.3", hgbSince.getString("newValue"));
        assertEquals("coordinator", hgbSince.getString("changedBy"));
        assertEquals("transcription error", hgbSince.getString("reason"));
        assertEquals("CHANGED", hgbSince.getString("action"));
        long apart = java.time.Duration.between(java.time.Instant.parse(first.json().getString("recordedAt")),
                java.time.Instant.parse(hgbSince.getString("changedAt"))).abs().toMillis();
        assertTrue(apart < 5_000, "the revision's time is the first save's: " + hgbSince + " vs " + first.json().getString("recordedAt"));
        assertTrue(since.stream().anyMatch(c -> c.getString("record").equals("Lab result HGB")
                && c.getString("field").equals("standard value") && c.getString("newValue").equals("123")), since.toString());
        assertTrue(since.stream().noneMatch(c -> c.getString("record").contains("CRP")), "CRP changed only in the refused save: " + since);
        assertTrue(since.stream().noneMatch(c -> c.getString("field").startsWith("recorded")), since.toString());
        assertEquals(before, Database.rowCounts());

        // a client keeping its own copy of the form asks for the new version only
        long current = first.json().getJsonNumber("version").longValue();
        Api.Answer brief = COORDINATOR.send(COORDINATOR.request(subjectPath(study, subject) + "/visits/1")
                .header("Content-Type", "application/json").header("Prefer", "return=minimal")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("version", current)
                        .add("results", array(result("EOS", "0.3", null))).build().toString())));
        assertEquals(200, brief.status(), brief.text());
        assertEquals("return=minimal", brief.header("Preference-Applied"));
        assertEquals(current + 1, brief.json().getJsonNumber("version").longValue());
        assertFalse(brief.json().containsKey("results"));

        // a save with no version on a visit someone already recorded is a conflict too
        assertEquals(409, put(COORDINATOR, study, subject, "1", Json.createObjectBuilder()
                .add("results", array(result("IL6", "4", null)))).status());
    }

    @Test
    void aMyelomaVisitGivesTheImwgResponseFromItsMProtein() {
        String study = Casebooks.studyCopy("IL2-MM", "IMWG");
        String subject = Casebooks.enrolDosed(study, "HAMBURG", null);
        List<String> visits = COORDINATOR.get(subjectPath(study, subject)).json().getJsonArray("schedule")
                .getValuesAs(JsonObject.class).stream().map(l -> l.getJsonObject("visit").getJsonNumber("number").toString())
                .limit(3).toList();
        assertEquals(3, visits.size(), "the schedule has at least three visits");

        // baseline 3.0 g/dL = 30 g/L
        Api.Answer baseline = put(COORDINATOR, study, subject, visits.get(0), Json.createObjectBuilder().add("date", BASELINE.toString())
                .add("results", array(result("MPROT", "3.0", "g/dL"))));
        assertEquals(200, baseline.status(), baseline.text());
        JsonObject atBaseline = baseline.json().getJsonObject("response").getJsonObject("computed");
        assertEquals("IMWG", atBaseline.getString("criteria"));
        assertTrue(atBaseline.getBoolean("baseline"));
        assertEquals(30.0, atBaseline.getJsonNumber("measure").doubleValue(), 1e-9);
        assertEquals("g/L", atBaseline.getString("unit"));

        // 12 g/L: 60 % below the baseline, which is the nadir so far: PR
        Api.Answer second = put(COORDINATOR, study, subject, visits.get(1), Json.createObjectBuilder().add("date", WEEK6.toString())
                .add("results", array(result("MPROT", "12", null))).add("response", "PR"));
        assertEquals(200, second.status(), second.text());
        JsonObject pr = second.json().getJsonObject("response").getJsonObject("computed");
        assertEquals("PR", pr.getString("category"));
        assertEquals(12.0, pr.getJsonNumber("measure").doubleValue(), 1e-9);
        assertEquals(-60.0, pr.getJsonNumber("changeFromBaselinePercent").doubleValue(), 1e-9);
        assertEquals(-60.0, pr.getJsonNumber("changeFromNadirPercent").doubleValue(), 1e-9);
        assertFalse(second.json().getJsonObject("response").getBoolean("disagrees"));

        // 18 g/L: still 40 % below the baseline, but 50 % and 6 g/L above the nadir of 12: PD,
        // shown while typing (preview) and when saved, against the investigator's SD
        JsonObjectBuilder third = Json.createObjectBuilder().add("date", LocalDate.now().minusDays(3).toString())
                .add("results", array(result("MPROT", "18", "g/L"))).add("response", "SD");
        Api.Answer preview = COORDINATOR.postJson(subjectPath(study, subject) + "/visits/" + visits.get(2) + "/preview",
                third.build().toString());
        assertEquals(200, preview.status(), preview.text());
        assertEquals("PD", preview.json().getJsonObject("computed").getString("category"));
        Api.Answer saved = put(COORDINATOR, study, subject, visits.get(2), Json.createObjectBuilder()
                .add("date", LocalDate.now().minusDays(3).toString())
                .add("results", array(result("MPROT", "18", "g/L"))).add("response", "SD"));
        assertEquals(200, saved.status(), saved.text());
        JsonObject pd = saved.json().getJsonObject("response").getJsonObject("computed");
        assertEquals("PD", pd.getString("category"));
        assertEquals(-40.0, pd.getJsonNumber("changeFromBaselinePercent").doubleValue(), 1e-9);
        assertEquals(50.0, pd.getJsonNumber("changeFromNadirPercent").doubleValue(), 1e-9);
        assertTrue(saved.json().getJsonObject("response").getBoolean("disagrees"), "the investigator's SD is flagged");
        // the casebook's schedule carries the same computed response
        JsonObject line = COORDINATOR.get(subjectPath(study, subject)).json().getJsonArray("schedule")
                .getValuesAs(JsonObject.class).stream()
                .filter(l -> l.getJsonObject("visit").getJsonNumber("number").toString().equals(visits.get(2))).findFirst().orElseThrow();
        assertEquals("PD", line.getJsonObject("computed").getString("category"));
        assertEquals("SD", line.getString("investigator"));
    }

    @Test
    void theCd4Cd8RatioFollowsItsInputs() {
        String study = Casebooks.studyCopy("IL2-MM", "RATIO");
        String subject = "IL2-MM-001";
        JsonObject visit = Casebooks.visit(COORDINATOR, study, subject, "1");
        assertEquals("0.8480", byKey(visit, "results", "test", "CD4/CD8").getString("value"), "31.8 / 37.5 as imported");
        Api.Answer changed = put(COORDINATOR, study, subject, "1", Json.createObjectBuilder()
                .add("version", visit.getJsonNumber("version").longValue())
                .add("results", array(result("CD8", "40", "%"))).add("reason", "re-read the flow cytometry report"));
        assertEquals(200, changed.status(), changed.text());
        JsonObject ratio = byKey(changed.json(), "results", "test", "CD4/CD8");
        assertEquals("0.7950", ratio.getString("value"));
        assertEquals(31.8 / 40, ratio.getJsonNumber("standardValue").doubleValue(), 1e-12);
        assertTrue(ratio.getBoolean("derived"));

        // saving what is stored changes nothing: no revision, and the version stays
        long revisions = Database.count("select count(*) from audit_revision");
        Api.Answer same = put(COORDINATOR, study, subject, "1", Json.createObjectBuilder()
                .add("version", changed.json().getJsonNumber("version").longValue())
                .add("results", array(result("CD8", "40", "%"))));
        assertEquals(200, same.status(), same.text());
        assertEquals(changed.json().getJsonNumber("version").longValue(), same.json().getJsonNumber("version").longValue());
        assertEquals(revisions, Database.count("select count(*) from audit_revision"));

        Api.Answer removed = put(COORDINATOR, study, subject, "1", Json.createObjectBuilder()
                .add("version", changed.json().getJsonNumber("version").longValue())
                .add("results", array(result("CD8", "", null))).add("reason", "CD8 sample haemolysed"));
        assertEquals(200, removed.status(), removed.text());
        assertTrue(removed.json().getJsonArray("results").getValuesAs(JsonObject.class).stream()
                .noneMatch(r -> r.getString("test").startsWith("CD8") || r.getString("test").equals("CD4/CD8")),
                "no CD8, no ratio");
        // the removal is in the audit trail with the data removed
        assertEquals(1, Database.count("select count(*) from lab_result_aud a join audit_revision r on r.id = a.rev"
                + " where a.revtype = 2 and a.test_code = 'CD8' and r.reason = 'CD8 sample haemolysed'"));
    }

    @Test
    void investigatorsRecordOnlyResponsesAndOthersNothing() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "ROLE");
        String subject = Casebooks.enrolDosed(study, "BERLIN", "IL6R");
        assertEquals(200, put(COORDINATOR, study, subject, "1", baseline()).status());
        assertEquals(200, put(COORDINATOR, study, subject, "2", Json.createObjectBuilder().add("date", WEEK6.toString())
                .add("lesions", array(lesion("T01", null, null, "48"), lesion("T02", null, null, "18"),
                        state("NT01", null, null, "PRESENT")))).status());
        long version = Casebooks.visit(COORDINATOR, study, subject, "2").getJsonNumber("version").longValue();
        String responsePath = subjectPath(study, subject) + "/visits/2/response";

        Api investigator = Api.as("investigator");
        assertEquals(403, put(investigator, study, subject, "2", Json.createObjectBuilder().add("version", version)
                .add("results", array(result("CRP", "5", null)))).status());
        for (String user : new String[] {"monitor", "sponsor", "admin"}) {
            assertEquals(403, Api.as(user).postJson(responsePath, "{\"version\":" + version + ",\"response\":\"SD\"}").status(), user);
        }
        Api.Answer response = investigator.postJson(responsePath, "{\"version\":" + version + ",\"response\":\"SD\"}");
        assertEquals(200, response.status(), response.text());
        assertEquals("SD", response.json().getJsonObject("response").getString("investigator"));
        assertEquals("SD", response.json().getJsonObject("response").getJsonObject("computed").getString("category"));

        // a subject of a site the coordinator does not work at does not exist for them
        String kiel = subjectPath(study, "RD-003");
        assertEquals(404, COORDINATOR.get(kiel).status());
        assertEquals(404, COORDINATOR.postJson(kiel + "/visits/2/response", "{\"version\":0,\"response\":\"PD\"}").status());
        assertEquals(404, COORDINATOR.putJson(kiel + "/visits/2/response", "{\"version\":0,\"response\":\"PD\",\"reason\":\"x\"}")
                .status());
        assertEquals(200, ADMIN.get(kiel).status(), "administrators see every site");

        // a locked study refuses every write
        Database.execute("update study set status = 'LOCKED' where code = ?", study);
        assertEquals(409, put(COORDINATOR, study, subject, "3", Json.createObjectBuilder().add("date", WEEK6.plusDays(7).toString()))
                .status());
    }

    @Test
    void adverseEventsAndDispositionAreRecordedAndCorrectedWithReasons() {
        String study = Casebooks.studyCopy("IL2-MM", "SAFE");
        String subject = Casebooks.enrolDosed(study, "HAMBURG", null);
        String path = subjectPath(study, subject);
        String start = LocalDate.now().minusDays(70).toString();
        Api.Answer ae = COORDINATOR.postJson(path + "/adverse-events", "{\"term\":\"Fever and chills\",\"decodedTerm\":\"Pyrexia\","
                + "\"grade\":3,\"serious\":false,\"related\":true,\"start\":\"" + start + "\"}");
        assertEquals(201, ae.status(), ae.text());
        assertEquals(1, ae.json().getInt("seq"));
        assertFieldError(COORDINATOR.postJson(path + "/adverse-events", "{\"term\":\"Rash\",\"grade\":7,\"serious\":false,"
                + "\"related\":false,\"start\":\"" + start + "\"}"), "grade", "grades are 1 (mild) to 5 (death)");
        String correction = "{\"term\":\"Fever and chills\",\"decodedTerm\":\"Pyrexia\",\"grade\":2,\"serious\":false,"
                + "\"related\":true,\"start\":\"" + start + "\",\"version\":" + ae.json().getInt("version");
        assertFieldError(COORDINATOR.putJson(path + "/adverse-events/1", correction + "}"), "reason", "reason");
        Api.Answer corrected = COORDINATOR.putJson(path + "/adverse-events/1", correction + ",\"reason\":\"graded by the PI\"}");
        assertEquals(200, corrected.status(), corrected.text());
        assertEquals(2, corrected.json().getInt("grade"));
        assertEquals(409, COORDINATOR.putJson(path + "/adverse-events/1", correction + ",\"reason\":\"again\"}").status(),
                "the version read is stale now");

        // sponsors read pseudonymised data: the coded term instead of the verbatim one
        JsonObject forSponsor = Api.as("sponsor").get(path + "/adverse-events").jsonArray().getJsonObject(0);
        assertEquals("Pyrexia", forSponsor.getString("term"));
        assertEquals("Fever and chills", COORDINATOR.get(path + "/adverse-events").jsonArray().getJsonObject(0).getString("term"));

        // enrolDosed: consent 90 days ago, first dose 80 days ago
        assertFieldError(COORDINATOR.postJson(path + "/disposition", "{\"event\":\"DEATH\",\"date\":\""
                + LocalDate.now().minusDays(85) + "\"}"), "date", "before the first dose");
        String died = LocalDate.now().minusDays(10).toString();
        Api.Answer death = COORDINATOR.postJson(path + "/disposition", "{\"event\":\"DEATH\",\"date\":\"" + died + "\"}");
        assertEquals(201, death.status(), death.text());
        JsonObject casebook = COORDINATOR.get(path).json().getJsonObject("subject");
        assertEquals(died, casebook.getString("deathDate"), "death is also the subject's death date");
        assertEquals(died, casebook.getString("offStudyDate"));
        assertFieldError(COORDINATOR.postJson(path + "/disposition", "{\"event\":\"DEATH\",\"date\":\"" + died + "\"}"),
                "event", "already recorded");
        assertFieldError(COORDINATOR.postJson(path + "/disposition", "{\"event\":\"ESCAPED\",\"date\":\"" + died + "\"}"),
                "event", "PROGRESSIVE DISEASE");
    }

    static JsonObject byKey(JsonObject object, String array, String key, String value) {
        return object.getJsonArray(array).getValuesAs(JsonObject.class).stream()
                .filter(o -> value.equals(o.getString(key))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " " + value + " in " + object));
    }
}
