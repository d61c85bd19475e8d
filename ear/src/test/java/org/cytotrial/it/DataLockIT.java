package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Browser;
import org.cytotrial.it.support.Database;
import org.cytotrial.it.support.Deployments;
import org.cytotrial.it.support.Fixtures;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Data locks at a cut-off: a locked study, site or subject refuses every write with 409 and a
 * message saying what is locked since when; unlocking needs a reason and is in the audit trail.
 * Writes are exercised with the electronic signature, a clinical write of its own.
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
        assertField(lock(code, "not json"), "body");
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
}
