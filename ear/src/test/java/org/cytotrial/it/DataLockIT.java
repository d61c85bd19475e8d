package org.cytotrial.it;

import static org.cytotrial.it.support.Casebooks.COORDINATOR;
import static org.cytotrial.it.support.Casebooks.array;
import static org.cytotrial.it.support.Casebooks.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Browser;
import org.cytotrial.it.support.Casebooks;
import org.cytotrial.it.support.ClinicalWrites;
import org.cytotrial.it.support.ClinicalWrites.Entered;
import org.cytotrial.it.support.ClinicalWrites.Write;
import org.cytotrial.it.support.Database;
import org.cytotrial.it.support.Deployments;
import org.cytotrial.it.support.Fixtures;
import org.cytotrial.it.support.Forms;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Data locks at a cut-off: a locked study, site or subject refuses every write with 409 and a
 * message saying what is locked since when; unlocking needs a reason and is in the audit trail.
 * Every clinical write over REST (visits, results, lesions, responses, adverse events,
 * disposition, the subject, enrolment, the review, the signature) is tried under a subject lock
 * and a site lock; the casebook page shows the lock before anyone types and offers no entry.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DataLockIT {

    private static final Api ADMIN = Api.as("admin");
    private static final Api INVESTIGATOR = Api.as("investigator");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    private static Api.Answer lock(String code, String json) {
        return ADMIN.postJson("/api/studies/" + code + "/locks", json);
    }

    private static Api.Answer sign(String code, String subject) {
        return INVESTIGATOR.postJson("/api/studies/" + code + "/subjects/" + subject + "/signatures",
                "{\"scope\":\"CASEBOOK\",\"password\":\"cytotrial-demo\"}");
    }

    private static Api.Answer unlock(String code, long id, String reason) {
        var request = ADMIN.request("/api/studies/" + code + "/locks/" + id).DELETE();
        if (reason != null) {
            request.header("X-Change-Reason", reason);
        }
        return ADMIN.send(request);
    }

    @Test
    void aLockedSubjectRefusesWritesUntilAnAuditedUnlock() {
        String code = Fixtures.importDemo("IL2-MM", "LCK");
        Api.Answer locked = lock(code, "{\"level\":\"SUBJECT\",\"subject\":\"IL2-MM-001\",\"cutOff\":\"2020-06-30\","
                + "\"reason\":\"interim analysis data cut-off\"}");
        assertEquals(201, locked.status(), locked.text());
        JsonObject lock = locked.json();
        assertEquals("SUBJECT", lock.getString("level"));
        assertEquals("IL2-MM-001", lock.getString("subject"));
        assertTrue(lock.getBoolean("active"));
        assertTrue(locked.header("Location").endsWith("/locks/" + lock.getJsonNumber("id").longValue()));

        Api.Answer refused = sign(code, "IL2-MM-001");
        assertEquals(409, refused.status(), refused.text());
        assertTrue(refused.text().contains("locked") && refused.text().contains("cut-off 2020-06-30"), refused.text());
        assertEquals(0, Database.count("select count(*) from e_signature e join subject s on s.id = e.subject_id"
                + " join study st on st.id = s.study_id where st.code = ?", code));
        assertEquals(201, sign(code, "IL2-MM-005").status(), "another subject of the same site is not locked");

        long id = lock.getJsonNumber("id").longValue();
        Api.Answer noReason = unlock(code, id, null);
        assertEquals(422, noReason.status(), noReason.text());
        assertTrue(noReason.text().contains("\"reason\""), noReason.text());
        Api.Answer unlocked = unlock(code, id, "query answered, correction needed");
        assertEquals(200, unlocked.status(), unlocked.text());
        assertFalse(unlocked.json().getBoolean("active"));
        assertEquals("admin", unlocked.json().getString("unlockedBy"));
        assertEquals(409, unlock(code, id, "again").status(), "a lifted lock cannot be lifted twice");
        assertEquals(201, sign(code, "IL2-MM-001").status());

        // lock and unlock are in the subject's audit trail, with who and why
        String trail = ADMIN.get("/api/studies/" + code + "/audit-trail?subject=IL2-MM-001&changesOnly=true").text();
        assertTrue(trail.contains("\"entity\":\"Data lock\"") && trail.contains("query answered, correction needed")
                && trail.contains("{\"field\":\"unlocked by\",\"newValue\":\"admin\",\"oldValue\":null}"), trail);
        assertEquals(1, Database.count("select count(*) from data_lock_aud a join audit_revision r on r.id = a.rev"
                + " where a.id = ? and a.revtype = 0 and r.reason = 'interim analysis data cut-off'", id));
    }

    @Test
    void aSiteLockCoversThatSitesSubjectsOnly() {
        String code = Fixtures.importDemo("IL2-MM", "LCK");
        assertEquals(201, lock(code, "{\"level\":\"SITE\",\"site\":\"HAMBURG\",\"cutOff\":\"2020-06-30\",\"reason\":\"site closed\"}")
                .status());
        Api.Answer refused = sign(code, "IL2-MM-002");
        assertEquals(409, refused.status(), refused.text());
        assertTrue(refused.text().contains("site HAMBURG"), refused.text());
        assertEquals(201, sign(code, "IL2-MM-001").status(), "HANNOVER is open");
    }

    @Test
    void aStudyLockCoversEverySubjectAndShowsInTheStudy() {
        String code = Fixtures.importDemo("IL2-MM", "LCK");
        Api.Answer locked = lock(code, "{\"level\":\"STUDY\",\"cutOff\":\"2020-06-30\",\"reason\":\"final analysis\"}");
        assertEquals(201, locked.status(), locked.text());
        assertEquals("LOCKED", ADMIN.get("/api/studies/" + code).json().getString("status"));
        assertEquals(409, sign(code, "IL2-MM-001").status());
        assertEquals(409, sign(code, "IL2-MM-002").status());
        assertEquals(409, lock(code, "{\"level\":\"STUDY\",\"cutOff\":\"2020-06-30\",\"reason\":\"twice\"}").status());
        assertEquals(200, unlock(code, locked.json().getJsonNumber("id").longValue(), "reopened for queries").status());
        assertEquals("ACTIVE", ADMIN.get("/api/studies/" + code).json().getString("status"));
        // the study's status change: ACTIVE → LOCKED → ACTIVE, each with its reason
        String trail = ADMIN.get("/api/studies/" + code + "/audit-trail?changesOnly=true").text();
        assertTrue(trail.contains("{\"field\":\"status\",\"newValue\":\"LOCKED\",\"oldValue\":\"ACTIVE\"}")
                && trail.contains("{\"field\":\"status\",\"newValue\":\"ACTIVE\",\"oldValue\":\"LOCKED\"}")
                && trail.contains("final analysis") && trail.contains("reopened for queries"), trail);
    }

    @Test
    void badLockRequestsAreRefusedNamingTheField() {
        String code = Fixtures.importDemo("IL2-MM", "LCK");
        assertField(lock(code, "{\"level\":\"STUDY\",\"cutOff\":\"2999-01-01\",\"reason\":\"x\"}"), "cutOff");
        assertField(lock(code, "{\"level\":\"STUDY\",\"cutOff\":\"30.06.2020\",\"reason\":\"x\"}"), "cutOff");
        assertField(lock(code, "{\"level\":\"STUDY\",\"reason\":\"x\"}"), "cutOff");
        assertField(lock(code, "{\"level\":\"EVERYTHING\",\"cutOff\":\"2020-06-30\",\"reason\":\"x\"}"), "level");
        assertField(lock(code, "{\"level\":\"SITE\",\"site\":\"NOWHERE\",\"cutOff\":\"2020-06-30\",\"reason\":\"x\"}"), "site");
        assertField(lock(code, "{\"level\":\"SUBJECT\",\"subject\":\"IL2-MM-999\",\"cutOff\":\"2020-06-30\",\"reason\":\"x\"}"),
                "subject");
        assertField(lock(code, "{\"level\":\"STUDY\",\"cutOff\":\"2020-06-30\"}"), "reason");
        Api.Answer broken = lock(code, "not json");
        assertEquals(400, broken.status(), "unreadable JSON: " + broken.text());
        assertEquals("body", broken.json().getJsonArray("errors").getJsonObject(0).getString("field"), broken.text());
        assertField(lock(code, ""), "body");
        assertEquals(403, Api.as("coordinator").postJson("/api/studies/" + code + "/locks",
                "{\"level\":\"STUDY\",\"cutOff\":\"2020-06-30\",\"reason\":\"x\"}").status());
        assertEquals(0, Database.count("select count(*) from data_lock l join study s on s.id = l.study_id where s.code = ?", code));
    }

    private static void assertField(Api.Answer answer, String field) {
        assertEquals(422, answer.status(), answer.text());
        assertEquals(field, answer.json().getJsonArray("errors").getJsonObject(0).getString("field"), answer.text());
    }

    @Test
    void anAdministratorLocksAndUnlocksOnThePageAndTheInvestigatorSeesIt() {
        String code = Fixtures.importDemo("IL2-MM", "LCK");
        try (Browser browser = new Browser()) {
            browser.loginAs("admin");
            browser.open("/admin/locks.xhtml?study=" + code);
            new Select(browser.byId("locksForm:level")).selectByValue("SUBJECT");
            browser.byId("locksForm:subject").sendKeys("IL2-MM-001");
            browser.byId("locksForm:reason").sendKeys("source data verification finished");
            browser.byId("locksForm:lock").click();
            browser.waitForAjax();
            browser.waitFor(d -> d.findElement(By.id("locksForm:messages")).getText().contains("Locked subject IL2-MM-001"));
            assertTrue(browser.byId("locksForm:locks").getText().contains("source data verification finished"));
            browser.screenshot("locks-admin");

            browser.byId("locksForm:lock").click();
            browser.waitForAjax();
            browser.waitFor(d -> d.findElement(By.id("locksForm:messages")).getText().contains("reason"));
        }
        try (Browser browser = new Browser()) {
            browser.loginAs("investigator");
            browser.open("/signature/subject.xhtml?study=" + code + "&subject=IL2-MM-001");
            String page = browser.text();
            assertTrue(page.contains("are locked (subject IL2-MM-001, data cut-off"), page);
            assertTrue(browser.driver().findElements(By.id("signatureForm:sign")).isEmpty(), "no signing while locked");
            browser.screenshot("signature-locked");
        }
        try (Browser browser = new Browser()) {
            browser.loginAs("admin");
            browser.open("/admin/locks.xhtml?study=" + code);
            new Select(browser.byId("locksForm:unlockId")).selectByIndex(1);
            browser.byId("locksForm:unlockReason").sendKeys("lab value to be corrected");
            browser.byId("locksForm:unlock").click();
            browser.waitForAjax();
            browser.waitFor(d -> d.findElement(By.id("locksForm:messages")).getText().contains("Unlocked subject IL2-MM-001"));
        }
        assertEquals(201, sign(code, "IL2-MM-001").status());
    }

    // ---- every clinical write under a real lock

    private static final String CUT_OFF = "2020-06-30";
    private static final LocalDate TODAY = LocalDate.now();

    /** Every write is a 409 naming the lock, and stores nothing: no row, no history row, no revision anywhere. */
    private static void assertRefused(List<Write> writes, String lockDescription) {
        for (Write write : writes) {
            Map<String, Long> before = Database.rowCounts();
            Api.Answer answer = write.send();
            assertEquals(409, answer.status(), write.name() + ": " + answer.text());
            assertTrue(answer.text().contains(lockDescription), write.name() + ": " + answer.text());
            assertEquals(before, Database.rowCounts(), write.name() + " stored nothing");
        }
    }

    private static long lockId(Api.Answer locked) {
        assertEquals(201, locked.status(), locked.text());
        return locked.json().getJsonNumber("id").longValue();
    }

    private static void replay(List<Write> writes) {
        for (Write write : writes) {
            if (write.replayable()) {
                Api.Answer answer = write.send();
                assertTrue(answer.status() == 200 || answer.status() == 201, write.name() + " once unlocked: " + answer.text());
            }
        }
    }

    @Test
    void underASubjectLockEveryClinicalWriteIsRefusedAndStoresNothing() {
        String code = Casebooks.studyCopy("RECIST-DEMO", "LCKW");
        Entered e = ClinicalWrites.entered(code, "BERLIN");
        long id = lockId(lock(code, "{\"level\":\"SUBJECT\",\"subject\":\"" + e.usubjid() + "\",\"cutOff\":\"" + CUT_OFF
                + "\",\"reason\":\"interim analysis data cut-off\"}"));

        JsonObject casebook = COORDINATOR.get(Casebooks.subjectPath(code, e.usubjid())).json();
        assertEquals("SUBJECT", casebook.getJsonObject("lock").getString("level"), casebook.toString());
        assertEquals(CUT_OFF, casebook.getJsonObject("lock").getString("cutOff"));
        assertEquals("admin", casebook.getJsonObject("lock").getString("lockedBy"));
        assertTrue(casebook.getString("lockedBecause").contains("are locked (subject " + e.usubjid()), casebook.toString());

        List<Write> writes = ClinicalWrites.writesTo(e);
        assertRefused(writes, "are locked (subject " + e.usubjid() + ", data cut-off " + CUT_OFF);

        // the lock is the subject's only: the site takes a new subject, and another subject's writes
        String neighbour = Casebooks.enrolDosed(code, "BERLIN", "CTRL");
        assertEquals(201, COORDINATOR.postJson(Casebooks.subjectPath(code, neighbour) + "/adverse-events", "{\"term\":\"Fever\","
                + "\"grade\":1,\"serious\":false,\"related\":false,\"start\":\"" + TODAY.minusDays(5) + "\"}").status());
        assertTrue(COORDINATOR.get(Casebooks.subjectPath(code, neighbour)).json().isNull("lockedBecause"));

        assertEquals(200, unlock(code, id, "query answered, correction needed").status());
        replay(writes);
    }

    @Test
    void underASiteLockEveryClinicalWriteAndEnrolmentThereIsRefusedAndStoresNothing() {
        String code = Casebooks.studyCopy("RECIST-DEMO", "LCKS");
        Entered e = ClinicalWrites.entered(code, "BERLIN");
        long id = lockId(lock(code, "{\"level\":\"SITE\",\"site\":\"BERLIN\",\"cutOff\":\"" + CUT_OFF
                + "\",\"reason\":\"site closed\"}"));
        String lockDescription = "are locked (site BERLIN in study " + code + ", data cut-off " + CUT_OFF;

        List<Write> writes = new ArrayList<>(ClinicalWrites.writesTo(e));
        writes.add(new Write("enrolment at the locked site", "POST /api/studies/{code}/subjects", Set.of("COORDINATOR"),
                "COORDINATOR", true, w -> w.api().postJson("/api/studies/" + code + "/subjects",
                        Casebooks.enrolment("BERLIN", "IL6R").build().toString())));
        assertRefused(writes, lockDescription);
        JsonObject lock = COORDINATOR.get(Casebooks.subjectPath(code, e.usubjid())).json().getJsonObject("lock");
        assertEquals("SITE", lock.getString("level"));
        assertEquals("BERLIN", lock.getString("site"));

        // MUNICH is open
        String munich = Casebooks.enrolDosed(code, "MUNICH", "CTRL");
        assertEquals(200, COORDINATOR.postJson(Casebooks.subjectPath(code, munich) + "/visits/1", Json.createObjectBuilder()
                .add("date", TODAY.minusDays(82).toString()).add("results", array(result("CRP", "3", null))).build().toString())
                .status());

        assertEquals(200, unlock(code, id, "site reopened for queries").status());
        replay(writes);
    }

    @Test
    void theCasebookShowsTheLockBeforeAnyoneTypesAndOffersNoEntry() {
        String code = Fixtures.importDemo("IL2-MM", "LCKP");
        lockId(lock(code, "{\"level\":\"SUBJECT\",\"subject\":\"IL2-MM-002\",\"cutOff\":\"" + CUT_OFF
                + "\",\"reason\":\"source data verification finished\"}"));
        try (Browser browser = new Browser()) {
            browser.loginAs("coordinator");
            browser.open("/coordinator/casebook.xhtml?study=" + code + "&subject=IL2-MM-002&visit=1");
            String banner = browser.byId("lockBanner").getText();
            assertTrue(banner.contains("subject IL2-MM-002") && banner.contains("data cut-off " + CUT_OFF)
                    && banner.contains("locked by admin") && banner.contains("source data verification finished")
                    && banner.contains("until an administrator unlocks it"), banner);
            assertTrue(browser.driver().findElements(By.id("sections:entryForm:save")).isEmpty(), "no Save while locked");
            assertTrue(browser.driver().findElements(By.id("firstDoseForm")).isEmpty(), "no first-dose form while locked");
            assertTrue(browser.driver().findElements(By.id("sections:aeForm:saveAe")).isEmpty(), "no adverse event form");
            assertTrue(browser.driver().findElements(By.id("sections:dsForm:saveDs")).isEmpty(), "no disposition form");
            assertFalse(browser.byId("sections:entryForm:date").isEnabled(), "the visit date cannot be typed");
            List<WebElement> values = browser.driver().findElements(By.cssSelector("input[id$=':value']"));
            assertFalse(values.isEmpty(), "the results are shown");
            assertTrue(values.stream().noneMatch(WebElement::isEnabled), "no result can be typed");
            browser.screenshot("casebook-locked");

            // an open subject of the same site: no banner, the form is there
            browser.open("/coordinator/casebook.xhtml?study=" + code + "&subject=IL2-MM-006&visit=1");
            assertTrue(browser.driver().findElements(By.id("lockBanner")).isEmpty());
            assertTrue(browser.byId("sections:entryForm:date").isEnabled());
            for (String form : List.of("firstDoseForm", "sections:aeForm:saveAe", "sections:dsForm:saveDs")) {
                assertFalse(browser.driver().findElements(By.id(form)).isEmpty(), form + " is there while open");
            }

            // the site is locked while the form is open: the save is refused, and the page turns locked
            lockId(lock(code, "{\"level\":\"SITE\",\"site\":\"HAMBURG\",\"cutOff\":\"" + CUT_OFF
                    + "\",\"reason\":\"site closed\"}"));
            browser.byId("sections:entryForm:reason").sendKeys("re-checked");
            browser.byId("sections:entryForm:save").click();
            browser.waitForAjax();
            browser.waitFor(d -> d.findElement(By.id("messages")).getText().contains("are locked (site HAMBURG"));
            assertEveryFormClosedByLock(browser, "site HAMBURG");
        }
    }

    /** A lock placed while an adverse event is typed: its save is refused, the banner shows and every form closes. */
    @Test
    void aLockPlacedWhileAnAdverseEventIsTypedShowsAtItsRefusedSaveAndClosesEveryForm() {
        String code = Fixtures.importDemo("IL2-MM", "LCKA");
        try (Browser browser = new Browser()) {
            browser.loginAs("coordinator");
            browser.open("/coordinator/casebook.xhtml?study=" + code + "&subject=IL2-MM-001&visit=1");
            Forms.openTab(browser, "Adverse events");
            Forms.type(browser, "sections:aeForm:aeTerm", "Fever");
            Forms.choose(browser, "sections:aeForm:aeGrade", "2");
            Forms.type(browser, "sections:aeForm:aeStart", "1991-03-20");
            long id = lockId(lock(code, "{\"level\":\"SUBJECT\",\"subject\":\"IL2-MM-001\",\"cutOff\":\"" + CUT_OFF
                    + "\",\"reason\":\"database lock for the interim analysis\"}"));
            Map<String, Long> before = Database.rowCounts();
            browser.byId("sections:aeForm:saveAe").click();
            browser.waitForAjax();
            browser.waitFor(d -> d.findElement(By.id("messages")).getText().contains("Not saved"));
            assertEveryFormClosedByLock(browser, "database lock for the interim analysis");
            assertEquals(before, Database.rowCounts(), "the refused adverse event stored nothing");
            browser.screenshot("casebook-locked-at-adverse-event");
            assertEquals(200, unlock(code, id, "interim analysis done").status());
        }
    }

    /** The casebook after a save the lock refused: the banner names the lock, and no form is left to fill. */
    private static void assertEveryFormClosedByLock(Browser browser, String lockText) {
        browser.waitFor(d -> !d.findElements(By.id("lockBanner")).isEmpty()
                && d.findElement(By.id("lockBanner")).getText().contains(lockText));
        for (String form : List.of("sections:entryForm:save", "firstDoseForm", "sections:aeForm:saveAe", "sections:dsForm:saveDs")) {
            assertTrue(browser.driver().findElements(By.id(form)).isEmpty(), form + " is gone");
        }
    }
}
