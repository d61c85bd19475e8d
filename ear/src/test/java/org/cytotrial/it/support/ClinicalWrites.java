package org.cytotrial.it.support;

import static org.cytotrial.it.support.Casebooks.array;
import static org.cytotrial.it.support.Casebooks.lesion;
import static org.cytotrial.it.support.Casebooks.result;
import static org.cytotrial.it.support.Casebooks.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Every clinical write to one subject over REST — visit PUT/POST, results, lesions, response,
 * adverse event POST/PUT, disposition POST/PUT, subject PUT (first dose), review confirm and
 * correct, signature — each with a well-formed body (a reason where one is needed, the versions
 * as read) that a fresh {@link #entered} subject of the writer's own site takes. Shared by the
 * tests that must see each of them refused: under a data lock (409), to users of other sites
 * (404) and to roles that make no clinical write (403).
 */
public final class ClinicalWrites {

    private ClinicalWrites() {}

    /** Who sends a write: the API as that user, and the password (a signature asks for it again). */
    public record Writer(String username, String role, Api api, String password) {
        /** A demo user (coordinator, investigator, ...), whose role is its name. */
        public static Writer demo(String username) {
            return new Writer(username, username.toUpperCase(), Api.as(username), It.DEMO_PASSWORD);
        }

        /** A user of one role at the given sites, made for the test ({@link Fixtures#createUser}). */
        public static Writer atSites(String role, String... sites) {
            String username = Fixtures.createUser(role.toLowerCase() + "-" + String.join("-", sites).toLowerCase(), role,
                    false, sites);
            return new Writer(username, role, Api.as(username, Fixtures.PASSWORD), Fixtures.PASSWORD);
        }

        @Override
        public String toString() {
            return username + " (" + role + ")";
        }
    }

    /** The demo coordinator and investigator: both work at HANNOVER, HAMBURG, BERLIN and MUNICH. */
    public static final Writer COORDINATOR = Writer.demo("coordinator");
    public static final Writer INVESTIGATOR = Writer.demo("investigator");

    /**
     * One write: its name, the endpoint it goes to (method and template, as {@link DeployedApplication}
     * lists it), the roles that may make it, the role that makes it in {@link #send()}, whether it
     * can be sent again after the other writes of the list (its versions still hold), and how a
     * given user sends it.
     */
    public record Write(String name, String endpoint, Set<String> roles, String by, boolean replayable,
            Function<Writer, Api.Answer> as) {
        /** Sent by the demo user of {@link #by()}, who sees the subject. */
        public Api.Answer send() {
            return as.apply(by.equals("COORDINATOR") ? COORDINATOR : INVESTIGATOR);
        }

        public Api.Answer sendAs(Writer writer) {
            return as.apply(writer);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A subject of a RECIST study with everything a write can touch, and the versions read. */
    public record Entered(String code, String usubjid, long visit1, long visit2, long visit3, long subject,
            long adverseEvent, long disposition, long assessment, long assessmentVersion) {}

    private static final LocalDate TODAY = LocalDate.now();

    /**
     * Enrols a subject at the site (by the demo coordinator) and enters three visits, an adverse
     * event and a disposition; week 12 computes PD where the investigator says SD, so the subject
     * has an assessment in the review queue.
     */
    public static Entered entered(String code, String site) {
        Api coordinator = COORDINATOR.api();
        String subject = Casebooks.enrolDosed(code, site, "IL6R");
        String path = Casebooks.subjectPath(code, subject);
        assertEquals(200, coordinator.postJson(path + "/visits/1", Json.createObjectBuilder()
                .add("date", TODAY.minusDays(82).toString())
                .add("results", array(result("HGB", "12.1", "g/dL"), result("CRP", "8", null)))
                .add("lesions", array(lesion("T01", "TARGET", "liver", "50"), lesion("T02", "TARGET", "LYMPH NODE", "20"),
                        state("NT01", "NON_TARGET", "BONE", "PRESENT"))).build().toString()).status());
        assertEquals(200, coordinator.postJson(path + "/visits/2", Json.createObjectBuilder()
                .add("date", TODAY.minusDays(38).toString()).add("results", array(result("CRP", "5", null)))
                .add("lesions", array(lesion("T01", null, null, "30"), lesion("T02", null, null, "9"),
                        state("NT01", null, null, "ABSENT"))).add("response", "PR").build().toString()).status());
        // a new lesion at week 12 computes PD; the investigator says SD: a disagreement for the review queue
        assertEquals(200, coordinator.postJson(path + "/visits/3", Json.createObjectBuilder()
                .add("date", TODAY.minusDays(3).toString())
                .add("lesions", array(lesion("T01", null, null, "28"), lesion("T02", null, null, "8"),
                        state("NT01", null, null, "ABSENT"), lesion(null, "NEW", "Lung", "12")))
                .add("response", "SD").build().toString()).status());
        Api.Answer ae = coordinator.postJson(path + "/adverse-events", "{\"term\":\"Fever\",\"grade\":2,\"serious\":false,"
                + "\"related\":true,\"start\":\"" + TODAY.minusDays(70) + "\"}");
        assertEquals(201, ae.status(), ae.text());
        Api.Answer ds = coordinator.postJson(path + "/disposition", "{\"event\":\"PROGRESSIVE DISEASE\",\"date\":\""
                + TODAY.minusDays(3) + "\"}");
        assertEquals(201, ds.status(), ds.text());
        JsonObject item = INVESTIGATOR.api().get("/api/studies/" + code + "/review-queue").json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(i -> i.getString("usubjid").equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("the week 12 disagreement of " + subject + " is in the review queue"));
        return new Entered(code, subject, version(path + "/visits/1"), version(path + "/visits/2"), version(path + "/visits/3"),
                coordinator.get(path).json().getJsonObject("subject").getJsonNumber("version").longValue(),
                ae.json().getJsonNumber("version").longValue(), ds.json().getJsonNumber("version").longValue(),
                item.getJsonNumber("id").longValue(), item.getJsonNumber("version").longValue());
    }

    private static long version(String visitPath) {
        return COORDINATOR.api().get(visitPath).json().getJsonNumber("version").longValue();
    }

    private static final String SUBJECT = "/api/studies/{code}/subjects/{usubjid}";
    private static final Set<String> COORDINATORS = Set.of("COORDINATOR");
    private static final Set<String> INVESTIGATORS = Set.of("INVESTIGATOR");
    private static final Set<String> BOTH = Set.of("COORDINATOR", "INVESTIGATOR");

    /**
     * Every clinical write to the entered subject. Each one alone is taken by a freshly entered
     * subject; sent one after another, the replayable ones are.
     */
    public static List<Write> writesTo(Entered e) {
        String path = Casebooks.subjectPath(e.code(), e.usubjid());
        String visit4 = TODAY.minusDays(1).toString();
        return List.of(
                new Write("visit PUT (a correction)", "PUT " + SUBJECT + "/visits/{visitnum}", BOTH, "COORDINATOR", true,
                        w -> w.api().putJson(path + "/visits/1", Json.createObjectBuilder()
                                .add("version", e.visit1()).add("results", array(result("HGB", "12.4", "g/dL")))
                                .add("reason", "transcription error").build().toString())),
                new Write("visit POST (a first entry)", "POST " + SUBJECT + "/visits/{visitnum}", BOTH, "COORDINATOR", true,
                        w -> w.api().postJson(path + "/visits/4", Json.createObjectBuilder()
                                .add("date", visit4).add("results", array(result("CRP", "6", null)))
                                .add("lesions", array(lesion("T01", null, null, "27"), lesion("T02", null, null, "8"),
                                        state("NT01", null, null, "ABSENT"), lesion("NEW01", null, null, "14")))
                                .add("response", "PD").build().toString())),
                new Write("results PUT", "PUT " + SUBJECT + "/visits/{visitnum}/results", COORDINATORS, "COORDINATOR", true,
                        w -> w.api().putJson(path + "/visits/2/results", Json.createObjectBuilder()
                                .add("version", e.visit2()).add("results", array(result("CRP", "7", null)))
                                .add("reason", "re-read the lab report").build().toString())),
                new Write("results POST", "POST " + SUBJECT + "/visits/{visitnum}/results", COORDINATORS, "COORDINATOR", false,
                        w -> w.api().postJson(path + "/visits/3/results", Json.createObjectBuilder()
                                .add("version", e.visit3()).add("results", array(result("IL6", "4.1", "pg/mL"))).build().toString())),
                new Write("lesions PUT", "PUT " + SUBJECT + "/visits/{visitnum}/lesions", COORDINATORS, "COORDINATOR", false,
                        w -> w.api().putJson(path + "/visits/2/lesions", Json.createObjectBuilder()
                                .add("version", e.visit2()).add("lesions", array(lesion("T01", null, null, "31")))
                                .add("reason", "re-measured").build().toString())),
                new Write("lesions POST", "POST " + SUBJECT + "/visits/{visitnum}/lesions", COORDINATORS, "COORDINATOR", false,
                        w -> w.api().postJson(path + "/visits/4/lesions", Json.createObjectBuilder()
                                .add("date", visit4).add("lesions", array(lesion("T01", null, null, "27"),
                                        lesion("T02", null, null, "8"), state("NT01", null, null, "ABSENT"))).build().toString())),
                new Write("response PUT (coordinator)", "PUT " + SUBJECT + "/visits/{visitnum}/response", BOTH, "COORDINATOR", false,
                        w -> w.api().putJson(path + "/visits/2/response",
                                "{\"version\":" + e.visit2() + ",\"response\":\"SD\",\"reason\":\"investigator's correction\"}")),
                new Write("response POST (investigator)", "POST " + SUBJECT + "/visits/{visitnum}/response", BOTH, "INVESTIGATOR",
                        false, w -> w.api().postJson(path + "/visits/3/response",
                                "{\"version\":" + e.visit3() + ",\"response\":\"PD\",\"reason\":\"new lung lesion\"}")),
                new Write("adverse event POST", "POST " + SUBJECT + "/adverse-events", COORDINATORS, "COORDINATOR", true,
                        w -> w.api().postJson(path + "/adverse-events", "{\"term\":\"Nausea\",\"grade\":1,\"serious\":false,"
                                + "\"related\":false,\"start\":\"" + TODAY.minusDays(20) + "\"}")),
                new Write("adverse event PUT", "PUT " + SUBJECT + "/adverse-events/{seq}", COORDINATORS, "COORDINATOR", true,
                        w -> w.api().putJson(path + "/adverse-events/1", "{\"term\":\"Fever\",\"grade\":3,\"serious\":false,"
                                + "\"related\":true,\"start\":\"" + TODAY.minusDays(70) + "\",\"version\":" + e.adverseEvent()
                                + ",\"reason\":\"graded by the PI\"}")),
                new Write("disposition POST", "POST " + SUBJECT + "/disposition", COORDINATORS, "COORDINATOR", false,
                        w -> w.api().postJson(path + "/disposition", "{\"event\":\"DEATH\",\"date\":\"" + TODAY.minusDays(1)
                                + "\"}")),
                new Write("disposition PUT", "PUT " + SUBJECT + "/disposition/{seq}", COORDINATORS, "COORDINATOR", true,
                        w -> w.api().putJson(path + "/disposition/1", "{\"event\":\"PROGRESSIVE DISEASE\",\"date\":\""
                                + TODAY.minusDays(4) + "\",\"version\":" + e.disposition() + ",\"reason\":\"date of the scan\"}")),
                new Write("subject PUT (first dose)", "PUT " + SUBJECT, COORDINATORS, "COORDINATOR", true,
                        w -> w.api().putJson(path, "{\"version\":" + e.subject() + ",\"firstDoseDate\":\"" + TODAY.minusDays(81)
                                + "\",\"reason\":\"dosing log checked\"}")),
                new Write("review confirm", "POST /api/studies/{code}/responses/{id}/review", INVESTIGATORS, "INVESTIGATOR", false,
                        w -> review(w, e, "SD")),
                new Write("review correct", "POST /api/studies/{code}/responses/{id}/review", INVESTIGATORS, "INVESTIGATOR", true,
                        w -> review(w, e, "PD")),
                new Write("signature", "POST " + SUBJECT + "/signatures", INVESTIGATORS, "INVESTIGATOR", false,
                        w -> sign(w, e.code(), e.usubjid())));
    }

    /** The investigator's review of the week 12 assessment: SD confirms the investigator's response, PD corrects it. */
    private static Api.Answer review(Writer writer, Entered e, String response) {
        return writer.api().postJson("/api/studies/" + e.code() + "/responses/" + e.assessment() + "/review",
                "{\"response\":\"" + response + "\",\"reason\":\"new lesion confirmed on CT\",\"version\":"
                        + e.assessmentVersion() + "}");
    }

    /** Signs the subject's casebook, re-entering the writer's own password. */
    public static Api.Answer sign(Writer writer, String code, String usubjid) {
        return writer.api().postJson("/api/studies/" + code + "/subjects/" + usubjid + "/signatures",
                "{\"scope\":\"CASEBOOK\",\"password\":\"" + writer.password() + "\"}");
    }
}
