package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
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

/**
 * The review queue: RECIST-DEMO's investigator responses all agree with RECIST 1.1 computed
 * from its lesions, so one changed response must be the one disagreement; an investigator then
 * corrects it, with a reason that lands in the audit trail.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ResponseReviewIT {

    private static final Api ADMIN = Api.as("admin");
    private static final Api INVESTIGATOR = Api.as("investigator");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    /** RECIST-DEMO with RD-001's week-12 response (MR by its measurements) recorded as SD. */
    private static String studyWithOneDisagreement() {
        String code = It.uniqueCode("REV");
        String original = "RECIST-DEMO,RS,RD-001,2,OVRLRESP,Overall Response,MR,INVESTIGATOR,3,WEEK 12,2019-03-31";
        byte[] zip = StudyZips.demoWith("RECIST-DEMO", "RS.csv", rs -> {
            assertTrue(rs.contains(original), "the demo RS row this test changes");
            return rs.replace(original, original.replace(",MR,", ",SD,"));
        });
        assertEquals(201, ADMIN.post("/api/studies?code=" + code, "application/zip", zip).status());
        return code;
    }

    @Test
    void theUnchangedDemoHasNoDisagreement() {
        JsonObject queue = ADMIN.get("/api/studies/RECIST-DEMO/review-queue").json();
        assertEquals(0, queue.getInt("open"), queue.toString());
        assertEquals(List.of(), queue.getJsonArray("problems").stream().map(Object::toString).toList());
    }

    @Test
    void aChangedResponseIsQueuedAndAnInvestigatorCorrectsItWithAReason() {
        String code = studyWithOneDisagreement();
        JsonObject queue = INVESTIGATOR.get("/api/studies/" + code + "/review-queue").json();
        assertEquals(1, queue.getInt("open"), queue.toString());
        JsonObject item = queue.getJsonArray("items").getJsonObject(0);
        assertEquals("RD-001", item.getString("usubjid"));
        assertEquals("SD", item.getString("investigator"));
        assertEquals("MR", item.getString("computed"));
        assertEquals(3, item.getInt("visitnum"));
        assertTrue(item.getJsonNumber("changeFromBaseline").doubleValue() <= -10, item.toString());
        long id = item.getJsonNumber("id").longValue();
        long version = item.getJsonNumber("version").longValue();
        String path = "/api/studies/" + code + "/responses/" + id + "/review";

        assertEquals(403, Api.as("coordinator").postJson(path, body("MR", "transcription", version)).status());
        assertEquals(403, Api.as("monitor").postJson(path, body("MR", "transcription", version)).status());
        assertEquals(403, ADMIN.postJson(path, body("MR", "transcription", version)).status(), "no clinical edits");
        Api.Answer noReason = INVESTIGATOR.postJson(path, body("MR", " ", version));
        assertEquals(422, noReason.status(), noReason.text());
        assertTrue(noReason.text().contains("reason"));
        assertEquals(422, INVESTIGATOR.postJson(path, body("XX", "typo", version)).status());
        assertEquals(409, INVESTIGATOR.postJson(path, body("MR", "typo", version + 1)).status());
        assertEquals(404, INVESTIGATOR.postJson("/api/studies/RECIST-DEMO/responses/" + id + "/review",
                body("MR", "typo", version)).status(), "the assessment belongs to another study");

        Api.Answer corrected = INVESTIGATOR.postJson(path, body("MR", "Sum of diameters fell 10 % or more: minor response",
                version));
        assertEquals(200, corrected.status(), corrected.text());
        assertEquals("CORRECTED", corrected.json().getString("reviewStatus"));
        assertEquals("MR", corrected.json().getString("response"));
        assertEquals("investigator", corrected.json().getString("reviewedBy"));

        JsonObject after = INVESTIGATOR.get("/api/studies/" + code + "/review-queue?status=all").json();
        assertEquals(0, after.getInt("open"));
        assertEquals(1, after.getInt("reviewed"));
        assertEquals("CORRECTED", after.getJsonArray("items").getJsonObject(0).getString("reviewStatus"));
        assertEquals(0, INVESTIGATOR.get("/api/studies/" + code + "/review-queue").json().getJsonArray("items").size());
        // the second review of the same version is stale
        assertEquals(409, INVESTIGATOR.postJson(path, body("MR", "again", version)).status());

        assertEquals(1, Database.count("select count(*) from response_assessment_aud a join audit_revision r"
                + " on r.id = a.rev where a.id = ? and a.revtype = 1 and a.response = 'MR'"
                + " and a.review_status = 'CORRECTED' and r.username = 'investigator' and r.reason like ?",
                id, "%minor response%"));
    }

    @Test
    void confirmingKeepsTheResponseAndSponsorsDoNotReadTheQueue() {
        String code = studyWithOneDisagreement();
        JsonObject item = INVESTIGATOR.get("/api/studies/" + code + "/review-queue").json().getJsonArray("items")
                .getJsonObject(0);
        Api.Answer confirmed = INVESTIGATOR.postJson("/api/studies/" + code + "/responses/" + item.getJsonNumber("id")
                + "/review", body("SD", "Non-measurable growth seen: not a minor response",
                item.getJsonNumber("version").longValue()));
        assertEquals(200, confirmed.status(), confirmed.text());
        assertEquals("CONFIRMED", confirmed.json().getString("reviewStatus"));
        assertEquals("SD", confirmed.json().getString("response"));
        JsonObject reviewed = ADMIN.get("/api/studies/" + code + "/review-queue?status=reviewed").json();
        assertEquals(1, reviewed.getJsonArray("items").size());
        assertTrue(reviewed.getJsonArray("items").getJsonObject(0).getBoolean("disagrees"));
        assertEquals(200, Api.as("monitor").get("/api/studies/" + code + "/review-queue").status());
        assertEquals(403, Api.as("sponsor").get("/api/studies/" + code + "/review-queue").status());
        assertEquals(422, ADMIN.get("/api/studies/" + code + "/review-queue?status=maybe").status());
    }

    /**
     * IMWG with two M-protein results on one date: IL2-MM-002's day-29 sample (49.1 g/L, visit 3)
     * repeated the same day at visit 3.5 (62.0 g/L, investigator SD). Both are assessments, visit
     * 3 first, so the repeat is 26 % and 12.9 g/L above the nadir of 49.1: PD. The review queue
     * (analytics) and the visit entry screen compute the same, because they share the rule.
     */
    @Test
    void mProteinResultsOnOneDateAreTwoAssessmentsOnEveryPath() {
        String code = It.uniqueCode("IMWG");
        java.util.Map<String, String> files = StudyZips.demoFiles("IL2-MM");
        String sample = "IL2-MM,LB,IL2-MM-002,36,MPROT,Monoclonal Protein,CHEMISTRY,49.1,g/L,3,DAY 29,1991-05-19";
        String response = "IL2-MM,RS,IL2-MM-002,1,OVRLRESP,Overall Response,SD,INVESTIGATOR,3,DAY 29,1991-05-19";
        assertTrue(files.get("LB.csv").contains(sample) && files.get("RS.csv").contains(response), "the demo rows");
        files.put("LB.csv", files.get("LB.csv").replace(sample, sample
                + "\nIL2-MM,LB,IL2-MM-002,1000,MPROT,Monoclonal Protein,CHEMISTRY,62.0,g/L,3.5,DAY 29 REPEAT,1991-05-19"));
        files.put("RS.csv", files.get("RS.csv").replace(response, response
                + "\nIL2-MM,RS,IL2-MM-002,1000,OVRLRESP,Overall Response,SD,INVESTIGATOR,3.5,DAY 29 REPEAT,1991-05-19"));
        Api.Answer imported = ADMIN.post("/api/studies?code=" + code, "application/zip", StudyZips.zip(files));
        assertEquals(201, imported.status(), imported.text());

        List<JsonObject> items = ADMIN.get("/api/studies/" + code + "/review-queue?status=all").json()
                .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(i -> i.getString("usubjid").equals("IL2-MM-002") && i.getString("date").equals("1991-05-19"))
                .toList();
        assertEquals(1, items.size(), "visit 3 agrees (SD), the repeat does not: " + items);
        JsonObject repeat = items.get(0);
        assertEquals(3.5, repeat.getJsonNumber("visitnum").doubleValue());
        assertEquals("PD", repeat.getString("computed"));
        assertEquals(62.0, repeat.getJsonNumber("measure").doubleValue(), 1e-9);
        double fromNadir = (62.0 - 49.1) / 49.1 * 100;
        assertEquals(fromNadir, repeat.getJsonNumber("changeFromNadir").doubleValue(), 1e-3);

        String visits = "/api/studies/" + code + "/subjects/IL2-MM-002/visits/";
        JsonObject atRepeat = ADMIN.get(visits + "3.5").json().getJsonObject("response").getJsonObject("computed");
        assertEquals("PD", atRepeat.getString("category"), "the entry screen computes as the queue");
        assertEquals(62.0, atRepeat.getJsonNumber("measure").doubleValue(), 1e-9);
        assertEquals(fromNadir, atRepeat.getJsonNumber("changeFromNadirPercent").doubleValue(), 1e-3);
        JsonObject atVisit3 = ADMIN.get(visits + "3").json().getJsonObject("response").getJsonObject("computed");
        assertEquals("SD", atVisit3.getString("category"));
        assertEquals(49.1, atVisit3.getJsonNumber("measure").doubleValue(), 1e-9);
    }

    private static String body(String response, String reason, long version) {
        return "{\"response\":\"" + response + "\",\"reason\":\"" + reason + "\",\"version\":" + version + "}";
    }
}
