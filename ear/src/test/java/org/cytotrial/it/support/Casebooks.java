package org.cytotrial.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the coordinator tests set up through the API: a private copy of a demo study (so no test
 * changes what another reads), its eligibility checklist, enrolled subjects and visits.
 */
public final class Casebooks {

    public static final Api ADMIN = Api.as("admin");
    public static final Api COORDINATOR = Api.as("coordinator");

    /** The checklist the tests define: two inclusion criteria, one exclusion criterion. */
    public static final Map<String, Boolean> ELIGIBLE = Map.of("IN01", true, "IN02", true, "EX01", false);

    private Casebooks() {}

    /** Imports a demo study under a new code and gives it the test checklist. */
    public static String studyCopy(String demo, String prefix) {
        return studyCopy(demo, prefix, UnaryOperator.identity());
    }

    /** Imports a demo study, its DM.csv changed, under a new code and gives it the test checklist. */
    public static String studyCopy(String demo, String prefix, UnaryOperator<String> dm) {
        String code = It.uniqueCode(prefix);
        Api.Answer imported = ADMIN.post("/api/studies?code=" + code, "application/zip", StudyZips.demoWith(demo, "DM.csv", dm));
        assertEquals(201, imported.status(), imported.text());
        Api.Answer criteria = ADMIN.putJson("/api/studies/" + code + "/eligibility-criteria", Json.createObjectBuilder()
                .add("criteria", Json.createArrayBuilder()
                        .add(criterion("IN01", "INCLUSION", "Metastatic solid tumour or advanced myeloma"))
                        .add(criterion("IN02", "INCLUSION", "ECOG performance status 0 to 2"))
                        .add(criterion("EX01", "EXCLUSION", "Active infection")))
                .add("reason", "checklist of the test copy")
                .build().toString());
        assertEquals(200, criteria.status(), criteria.text());
        return code;
    }

    private static JsonObjectBuilder criterion(String code, String category, String text) {
        return Json.createObjectBuilder().add("code", code).add("category", category).add("text", text);
    }

    /** An enrolment body: consent 90 days ago, age 60, eligible. */
    public static JsonObjectBuilder enrolment(String site, String arm) {
        JsonObjectBuilder eligibility = Json.createObjectBuilder();
        ELIGIBLE.forEach(eligibility::add);
        JsonObjectBuilder body = Json.createObjectBuilder().add("site", site)
                .add("consentDate", LocalDate.now().minusDays(90).toString()).add("sex", "F").add("age", 60)
                .add("eligibility", eligibility);
        if (arm != null) {
            body.add("arm", arm);
        }
        return body;
    }

    /** Enrols a subject and records its first dose 80 days ago; returns the USUBJID. */
    public static String enrolDosed(String study, String site, String arm) {
        Api.Answer enrolled = COORDINATOR.postJson("/api/studies/" + study + "/subjects",
                enrolment(site, arm).add("firstDoseDate", LocalDate.now().minusDays(80).toString()).build().toString());
        assertEquals(201, enrolled.status(), enrolled.text());
        return enrolled.json().getString("usubjid");
    }

    /**
     * A site code no study of the database has yet. Sites are shared by every study, so a user
     * of a site of its own, which only one study copy uses (its DM.csv moving subjects there),
     * sees that copy and nothing any other test enrols.
     */
    public static String newSiteCode(String prefix) {
        return It.uniqueCode(prefix);
    }

    /** Enrols a subject (consent 90 days ago, age 60, eligible) as the given coordinator; returns the USUBJID. */
    public static String enrol(Api coordinator, String study, String site, String arm, LocalDate firstDose) {
        JsonObjectBuilder body = enrolment(site, arm);
        if (firstDose != null) {
            body.add("firstDoseDate", firstDose.toString());
        }
        Api.Answer enrolled = coordinator.postJson("/api/studies/" + study + "/subjects", body.build().toString());
        assertEquals(201, enrolled.status(), enrolled.text());
        return enrolled.json().getString("usubjid");
    }

    public static String subjectPath(String study, String usubjid) {
        return "/api/studies/" + study + "/subjects/" + usubjid;
    }

    public static JsonObject visit(Api api, String study, String usubjid, String visitnum) {
        Api.Answer answer = api.get(subjectPath(study, usubjid) + "/visits/" + visitnum);
        assertEquals(200, answer.status(), answer.text());
        return answer.json();
    }

    public static JsonObjectBuilder result(String test, String value, String unit) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("test", test).add("value", value);
        if (unit != null) {
            b.add("unit", unit);
        }
        return b;
    }

    public static JsonObjectBuilder lesion(String id, String kind, String location, String value) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (id != null) {
            b.add("id", id);
        }
        if (kind != null) {
            b.add("kind", kind);
        }
        if (location != null) {
            b.add("location", location);
        }
        if (value != null) {
            b.add("value", value);
        }
        return b;
    }

    public static JsonObjectBuilder state(String id, String kind, String location, String state) {
        return lesion(id, kind, location, null).add("state", state);
    }

    public static JsonArrayBuilder array(JsonObjectBuilder... items) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (JsonObjectBuilder i : items) {
            a.add(i);
        }
        return a;
    }
}
