package org.cytotrial.it;

import static org.cytotrial.it.support.Casebooks.ADMIN;
import static org.cytotrial.it.support.Casebooks.COORDINATOR;
import static org.cytotrial.it.support.Casebooks.enrolment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Casebooks;
import org.cytotrial.it.support.Database;
import org.cytotrial.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Enrolment over REST on PostgreSQL: eligibility, subject numbers, arms, stratified permuted-block randomisation. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EnrolmentIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void anEligibleSubjectIsEnrolledWithTheNextNumberAndTheOnlyArm() {
        String study = Casebooks.studyCopy("IL2-MM", "ENR");
        Api.Answer answer = COORDINATOR.postJson("/api/studies/" + study + "/subjects",
                enrolment("HANNOVER", null).build().toString());
        assertEquals(201, answer.status(), answer.text());
        JsonObject subject = answer.json();
        assertEquals("IL2-MM-019", subject.getString("usubjid"), "the study's USUBJID pattern, one above the highest number");
        assertEquals("019", subject.getString("subjid"));
        assertEquals("RIL2LD", subject.getString("arm"), "a single-arm study needs no choice");
        assertEquals("HANNOVER", subject.getString("site"));
        assertEquals(60, subject.getInt("age"));
        assertTrue(answer.header("Location").endsWith("/subjects/IL2-MM-019"));
        assertEquals(COORDINATOR.get("/api/studies/" + study + "/subjects/IL2-MM-019").json().getJsonObject("subject"), subject,
                "the answer is the subject as stored");
        assertEquals(3, Database.count("select count(*) from eligibility_answer a join subject s on s.id = a.subject_id"
                + " join study st on st.id = s.study_id where st.code = ? and s.usubjid = 'IL2-MM-019'", study));
        assertEquals(1, Database.count("select count(*) from subject_aud a join subject s on s.id = a.id join study st"
                + " on st.id = s.study_id join audit_revision r on r.id = a.rev where st.code = ? and s.usubjid = 'IL2-MM-019'"
                + " and r.username = 'coordinator' and r.reason like 'Enrolment of IL2-MM-019%'", study));

        // the age may come from the birth year instead
        Api.Answer byBirthYear = COORDINATOR.postJson("/api/studies/" + study + "/subjects", enrolment("HAMBURG", null)
                .remove("age").add("birthYear", LocalDate.now().minusDays(90).getYear() - 70).build().toString());
        assertEquals(201, byBirthYear.status(), byBirthYear.text());
        assertEquals(70, byBirthYear.json().getInt("age"));
        assertEquals("IL2-MM-020", byBirthYear.json().getString("usubjid"));
    }

    @Test
    void whatIsWrongIsSaidPerFieldAndNothingIsStored() {
        String study = Casebooks.studyCopy("IL2-MM", "ENRBAD");
        String path = "/api/studies/" + study + "/subjects";
        Map<String, Long> before = Database.rowCounts();

        assertFieldError(COORDINATOR.postJson(path, enrolment("HANNOVER", null)
                .add("eligibility", Json.createObjectBuilder().add("IN01", true).add("IN02", true).add("EX01", true))
                .build().toString()), "eligibility[EX01]", "exclusion criterion EX01 (Active infection) applies");
        assertFieldError(COORDINATOR.postJson(path, enrolment("HANNOVER", null)
                .add("eligibility", Json.createObjectBuilder().add("IN01", true).add("EX01", false)).build().toString()),
                "eligibility[IN02]", "yes or no");
        assertFieldError(COORDINATOR.postJson(path, enrolment("KIEL", null).build().toString()), "site",
                "'KIEL' is not one of your sites");
        assertFieldError(COORDINATOR.postJson(path, enrolment("HANNOVER", null)
                .add("consentDate", LocalDate.now().plusDays(3).toString()).build().toString()), "consentDate", "in the future");
        assertFieldError(COORDINATOR.postJson(path, enrolment("HANNOVER", null).add("consentDate", "03/04/2024").build().toString()),
                "consentDate", "use yyyy-MM-dd");
        assertFieldError(COORDINATOR.postJson(path, enrolment("HANNOVER", null).remove("age").build().toString()), "age",
                "or the birth year");
        assertFieldError(COORDINATOR.postJson(path, enrolment("HANNOVER", "NOPE").build().toString()), "arm",
                "'NOPE' is not an arm");
        assertFieldError(COORDINATOR.postJson(path, enrolment("HANNOVER", null).add("sex", "X").build().toString()), "sex",
                "use one of M, F, U");
        assertEquals(before, Database.rowCounts(), "a refused enrolment stores nothing");

        assertEquals(403, Api.as("investigator").postJson(path, enrolment("HANNOVER", null).build().toString()).status());
        assertEquals(403, ADMIN.postJson(path, enrolment("HANNOVER", null).build().toString()).status(),
                "administrators set studies up but make no clinical entries");
    }

    @Test
    void aRandomisedStudyAllocatesInBalancedBlocksPerSiteAndHidesTheSequence() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "RAND");
        String path = "/api/studies/" + study;
        assertEquals(403, COORDINATOR.get(path + "/randomisation").status(), "the sequence is hidden from coordinators");
        Api.Answer configured = ADMIN.putJson(path + "/randomisation", "{\"blockSize\":4,\"seed\":20261123,\"reason\":\"randomised study\"}");
        assertEquals(200, configured.status(), configured.text());
        assertFalse(COORDINATOR.get(path).text().contains("20261123"), "study details never show the seed");

        assertFieldError(COORDINATOR.postJson(path + "/subjects", enrolment("BERLIN", "IL6R").build().toString()), "arm",
                "is randomised");
        Map<String, List<String>> bySite = new HashMap<>();
        List<JsonObject> enrolledSubjects = new ArrayList<>();
        for (String site : List.of("BERLIN", "BERLIN", "MUNICH", "BERLIN", "BERLIN", "MUNICH", "BERLIN", "BERLIN", "BERLIN",
                "BERLIN", "MUNICH", "MUNICH")) {
            Api.Answer enrolled = COORDINATOR.postJson(path + "/subjects", enrolment(site, null).build().toString());
            assertEquals(201, enrolled.status(), enrolled.text());
            bySite.computeIfAbsent(site, s -> new ArrayList<>()).add(enrolled.json().getString("arm"));
            enrolledSubjects.add(enrolled.json());
        }
        for (List<String> arms : bySite.values()) {
            for (int block = 0; block + 4 <= arms.size(); block += 4) {
                List<String> inBlock = arms.subList(block, block + 4);
                assertEquals(2, inBlock.stream().filter("IL6R"::equals).count(), "each block of 4 holds 2 + 2: " + arms);
            }
        }
        assertEquals(8, bySite.get("BERLIN").size());
        assertEquals(12, Database.count("select count(*) from randomisation_assignment a join study st on st.id = a.study_id"
                + " where st.code = ?", study));
        assertEquals(12, Database.count("select count(*) from randomisation_assignment_aud a join audit_revision r on r.id = a.rev"
                + " where a.study_id = (select id from study where code = ?) and r.username = 'coordinator'", study));
        assertEquals(List.of(0L, 1L, 2L, 3L), List.of(
                position(study, "MUNICH", 0), position(study, "MUNICH", 1), position(study, "MUNICH", 2), position(study, "MUNICH", 3)));

        JsonObject admin = ADMIN.get(path + "/randomisation").json();
        assertEquals(12, admin.getInt("assignments"));
        assertEquals(409, ADMIN.putJson(path + "/randomisation", "{\"blockSize\":6,\"reason\":\"larger blocks\"}").status(),
                "the sequence cannot change once subjects are randomised");

        // nor does the audit trail show the sequence to anyone but administrators, as JSON or CSV
        List<String> revealing = List.of("20261123", "randomisation seed", "block size", "block number", "stratum position");
        for (String trail : List.of(path + "/audit-trail?max=500", path + "/audit-trail/export.csv")) {
            Api.Answer coordinators = COORDINATOR.get(trail);
            assertEquals(200, coordinators.status(), coordinators.text());
            assertTrue(coordinators.text().contains("randomised"), "the coordinator's trail shows the study became randomised");
            for (String secret : revealing) {
                assertFalse(coordinators.text().contains(secret), trail + " as coordinator shows " + secret);
            }
            String administrators = ADMIN.get(trail).text();
            assertTrue(administrators.contains("20261123") && administrators.contains("block size")
                    && administrators.contains("block number"), trail + " as administrator: " + administrators);
        }
    }

    @Test
    void anEnrolmentsEligibilityAnswersAndArmAssignmentAreInTheSubjectsAuditTrail() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "RANDAUD");
        String path = "/api/studies/" + study;
        assertEquals(200, ADMIN.putJson(path + "/randomisation", "{\"blockSize\":2,\"reason\":\"randomised study\"}").status());
        JsonObject enrolled = COORDINATOR.postJson(path + "/subjects", enrolment("BERLIN", null).build().toString()).json();
        String usubjid = enrolled.getString("usubjid");
        Api.Answer answer = COORDINATOR.get(path + "/audit-trail?subject=" + usubjid + "&max=500");
        assertEquals(200, answer.status(), answer.text());
        List<JsonObject> entries = answer.json().getJsonArray("entries").stream().map(JsonObject.class::cast).toList();
        long criteria = Database.count("select count(*) from eligibility_criterion c join study st on st.id = c.study_id"
                + " where st.code = ?", study);
        assertTrue(criteria > 0);
        List<JsonObject> answers = entries.stream().filter(e -> e.getString("entity").equals("Eligibility answer")).toList();
        assertEquals(criteria, answers.size(), "one answer per criterion: " + entries);
        assertTrue(answers.stream().allMatch(e -> e.getString("username").equals("coordinator")
                && e.getJsonArray("changes").getJsonObject(0).getString("field").equals("met")), answers::toString);
        JsonObject assignment = entries.stream().filter(e -> e.getString("entity").equals("Randomisation")).findFirst()
                .orElseThrow(() -> new AssertionError("no randomisation in " + entries));
        assertEquals(usubjid, assignment.getString("subject"));
        assertEquals("arm " + enrolled.getString("arm"), assignment.getString("item"));
        assertEquals(answers.get(0).getJsonNumber("revision").longValue(), assignment.getJsonNumber("revision").longValue(),
                "the enrolment is one revision");
        assertTrue(Api.as("coordinator").get(path + "/audit-trail?max=500").text().contains("Eligibility criterion"),
                "the checklist is in the study's trail");
    }

    private static long position(String study, String site, int position) {
        return Database.count("select a.stratum_position from randomisation_assignment a join study st on st.id = a.study_id"
                + " join site si on si.id = a.site_id where st.code = ? and si.code = ? order by a.id offset " + position
                + " limit 1", study, site);
    }

    @Test
    void aTwoArmStudyWithoutRandomisationAsksForTheArm() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "OPEN");
        assertFieldError(COORDINATOR.postJson("/api/studies/" + study + "/subjects", enrolment("MUNICH", null).build().toString()),
                "arm", "choose the arm: CTRL, IL6R");
        Api.Answer enrolled = COORDINATOR.postJson("/api/studies/" + study + "/subjects", enrolment("MUNICH", "CTRL").build().toString());
        assertEquals(201, enrolled.status(), enrolled.text());
        assertEquals("RD-025", enrolled.json().getString("usubjid"), "the study's own prefix RD-");
    }

    static void assertFieldError(Api.Answer answer, String field, String expected) {
        assertEquals(422, answer.status(), answer.text());
        JsonObject body = answer.json();
        boolean found = body.getJsonArray("errors").stream().map(JsonObject.class::cast)
                .anyMatch(e -> e.getString("field").equals(field) && e.getString("message").contains(expected));
        assertTrue(found, "expected " + field + ": '" + expected + "' in " + body);
    }
}
