package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import org.openqa.selenium.WebElement;

/**
 * The audit trail per study, subject and visit over REST, as CSV and on its page: who, when,
 * from where, what changed from which value to which, and why; and nobody can change it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditTrailIT {

    private static final Api ADMIN = Api.as("admin");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    private static JsonObject trail(String code, String query) {
        Api.Answer answer = ADMIN.get("/api/studies/" + code + "/audit-trail" + query);
        assertEquals(200, answer.status(), answer.text());
        return answer.json();
    }

    @Test
    void theImportIsInEachSubjectsTrailWithWhoAndWhy() {
        String code = Fixtures.importDemo("IL2-MM", "AUD");
        JsonObject page = trail(code, "?subject=IL2-MM-001&max=500");
        JsonArray entries = page.getJsonArray("entries");
        assertEquals(page.getInt("total"), entries.size());
        long rows = Database.count("select (select count(*) from lab_result r where r.subject_id = s.id)"
                + " + (select count(*) from visit v where v.subject_id = s.id)"
                + " + (select count(*) from response_assessment r where r.subject_id = s.id)"
                + " + (select count(*) from adverse_event r where r.subject_id = s.id)"
                + " + (select count(*) from exposure r where r.subject_id = s.id)"
                + " + (select count(*) from disposition_event r where r.subject_id = s.id) + 1"
                + " from subject s join study st on st.id = s.study_id where st.code = ? and s.usubjid = 'IL2-MM-001'", code);
        assertEquals(rows, entries.size(), "one creation per stored record");
        Set<String> entities = new HashSet<>();
        for (JsonValue value : entries) {
            JsonObject entry = value.asJsonObject();
            assertEquals("admin", entry.getString("username"));
            assertEquals("CREATED", entry.getString("action"));
            assertTrue(entry.getString("reason").startsWith("Study " + code + " imported from SDTM zip"), entry.toString());
            assertNotNull(entry.getString("clientAddress"));
            assertTrue(entry.getString("recordedAt").endsWith("Z"));
            entities.add(entry.getString("entity"));
        }
        // IL2-MM-001 was never assessed for response (not evaluable): no response assessments
        assertEquals(Set.of("Subject", "Visit", "Lab result", "Adverse event", "Treatment", "Disposition"), entities);
        assertTrue(entries.stream().map(JsonValue::asJsonObject).filter(e -> "EOS".equals(e.getString("item", null)))
                .anyMatch(e -> e.toString().contains("{\"field\":\"original value\",\"newValue\":\"0.20\",\"oldValue\":null}")),
                "the first eosinophil count as entered");
    }

    @Test
    void aChangeShowsTheFieldWithItsOldAndNewValueAndTheReason() {
        String code = Fixtures.importDemo("IL2-MM", "AUD");
        assertEquals(201, ADMIN.postJson("/api/studies/" + code + "/locks",
                "{\"level\":\"STUDY\",\"cutOff\":\"2021-01-31\",\"reason\":\"database lock for the final analysis\"}").status());
        JsonObject page = trail(code, "?changesOnly=true");
        JsonObject change = page.getJsonArray("entries").stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getString("entity").equals("Study")).findFirst().orElseThrow();
        assertEquals("CHANGED", change.getString("action"));
        assertEquals("admin", change.getString("username"));
        assertEquals("database lock for the final analysis", change.getString("reason"));
        assertTrue(change.getJsonArray("changes").contains(jakarta.json.Json.createObjectBuilder().add("field", "status")
                .add("oldValue", "ACTIVE").add("newValue", "LOCKED").build()), change.toString());
    }

    @Test
    void aVisitsTrailHoldsWhatWasRecordedAtThatVisit() {
        String code = Fixtures.importDemo("IL2-MM", "AUD");
        JsonArray entries = trail(code, "?subject=IL2-MM-001&visit=1&max=500").getJsonArray("entries");
        assertTrue(entries.size() > 1);
        for (JsonValue value : entries) {
            JsonObject entry = value.asJsonObject();
            assertTrue(Set.of("Visit", "Lab result", "Response assessment").contains(entry.getString("entity")), entry.toString());
            assertEquals("IL2-MM-001", entry.getString("subject"));
        }
        assertEquals(404, ADMIN.get("/api/studies/" + code + "/audit-trail?subject=IL2-MM-001&visit=99").status());
    }

    @Test
    void pagesFiltersAndBadParameters() {
        String code = Fixtures.importDemo("IL2-MM", "AUD");
        JsonObject first = trail(code, "?subject=IL2-MM-001&max=5");
        JsonObject second = trail(code, "?subject=IL2-MM-001&first=5&max=5");
        assertEquals(first.getInt("total"), second.getInt("total"));
        List<String> a = keys(first.getJsonArray("entries"));
        List<String> b = keys(second.getJsonArray("entries"));
        assertEquals(5, a.size());
        assertTrue(a.stream().noneMatch(b::contains), "pages do not overlap");
        assertEquals(0, trail(code, "?subject=IL2-MM-001&from=2999-01-01").getInt("total"));
        assertEquals(0, trail(code, "?subject=IL2-MM-001&user=nobody").getInt("total"));
        assertEquals(0, trail(code, "?subject=IL2-MM-001&changesOnly=true").getInt("total"));
        assertEquals(422, ADMIN.get("/api/studies/" + code + "/audit-trail?from=yesterday").status());
        assertEquals(422, ADMIN.get("/api/studies/" + code + "/audit-trail?visit=1").status());
        assertEquals(422, ADMIN.get("/api/studies/" + code + "/audit-trail?max=100000").status());
        assertEquals(403, Api.as("sponsor").get("/api/studies/" + code + "/audit-trail").status());
    }

    private static List<String> keys(JsonArray entries) {
        List<String> keys = new ArrayList<>();
        entries.forEach(e -> keys.add(e.asJsonObject().getString("entity") + "/" + e.asJsonObject().getString("recordKey")));
        return keys;
    }

    @Test
    void theCsvExportHasOneLinePerFieldInTimeOrder() {
        String code = Fixtures.importDemo("IL2-MM", "AUD");
        Api.Answer csv = ADMIN.get("/api/studies/" + code + "/audit-trail/export.csv?subject=IL2-MM-001");
        assertEquals(200, csv.status());
        assertTrue(csv.header("Content-Type").startsWith("text/csv"));
        assertTrue(csv.header("Content-Disposition").contains("audit-trail-" + code + "-IL2-MM-001.csv"));
        List<String> lines = csv.text().lines().toList();
        assertEquals("revision,recorded_at_utc,user,client_address,reason,entity,subject,visit,item,record_key,action,field,"
                + "old_value,new_value", lines.get(0));
        assertTrue(lines.size() > trail(code, "?subject=IL2-MM-001&max=1").getInt("total"), "a line per field");
        assertTrue(lines.stream().skip(1).allMatch(l -> l.contains(",admin,") && l.contains(",CREATED,")), lines.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.contains(",Lab result,IL2-MM-001,") && l.contains(",EOS,")));
    }

    @Test
    void noAuditTableNorTheSignaturesCanBeChangedInTheDatabase() throws SQLException {
        Fixtures.importDemo("IL2-MM", "AUD");
        List<String> tables = new ArrayList<>();
        try (Connection c = Database.connect(); Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery("select table_name from information_schema.tables where table_schema = '"
                        + Database.schema() + "' and (table_name like '%\\_aud' or table_name in ('audit_revision', 'e_signature'))"
                        + " order by table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertTrue(tables.contains("e_signature_aud") && tables.contains("data_lock_aud") && tables.size() >= 22, tables::toString);
        List<String> unprotected = new ArrayList<>();
        for (String table : tables) {
            // pg_trigger rather than information_schema.triggers, which leaves out TRUNCATE triggers
            long triggers = Database.count("select count(*) from pg_trigger t join pg_class c on c.oid = t.tgrelid"
                    + " join pg_namespace n on n.oid = c.relnamespace join pg_proc p on p.oid = t.tgfoid"
                    + " where n.nspname = ? and c.relname = ? and p.proname = 'cytotrial_refuse_audit_change'",
                    Database.schema(), table);
            if (triggers < 2) {
                unprotected.add(table);
            }
        }
        assertTrue(unprotected.isEmpty(), "without update/delete and truncate triggers: " + unprotected);
        try (Connection c = Database.connect(); Statement statement = c.createStatement()) {
            for (String table : List.of("subject_aud", "lab_result_aud", "study_aud", "e_signature_aud", "data_lock_aud")) {
                String lastRow = " where rev = (select max(rev) from " + table + ")";
                if (Database.count("select count(*) from " + table) == 0) {
                    continue;
                }
                SQLException update = assertThrows(SQLException.class,
                        () -> statement.executeUpdate("update " + table + " set revtype = revtype" + lastRow), table);
                assertTrue(update.getMessage().contains("cannot be changed or deleted"), update.getMessage());
                assertThrows(SQLException.class, () -> statement.executeUpdate("delete from " + table + lastRow), table);
                assertThrows(SQLException.class, () -> statement.executeUpdate("truncate " + table), table);
            }
            SQLException reason = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "update audit_revision set reason = 'tampered' where id = (select max(id) from audit_revision)"));
            assertTrue(reason.getMessage().contains("cannot be changed or deleted"), reason.getMessage());
        }
    }

    @Test
    void theTrailPageListsChangesAndFilters() {
        String code = Fixtures.importDemo("IL2-MM", "AUD");
        try (Browser browser = new Browser()) {
            browser.loginAs("coordinator");
            browser.open("/audit/trail.xhtml?study=" + code + "&subject=IL2-MM-001");
            String table = browser.byId("trailForm:entries").getText();
            assertTrue(table.contains("IL2-MM-001") && table.contains("Study " + code + " imported") && table.contains("admin"),
                    table);
            assertTrue(browser.text().contains("of " + trail(code, "?subject=IL2-MM-001&max=1").getInt("total")), "paged count");
            browser.screenshot("audit-trail");
            browser.find(By.cssSelector("#trailForm\\:changesOnly .ui-chkbox-box")).click();
            browser.byId("trailForm:apply").click();
            browser.waitForAjax();
            browser.waitFor(d -> d.findElement(By.id("trailForm:entries")).getText().contains("No audit records match"));

            browser.open("/audit/trail.xhtml?study=" + code + "&subject=IL2-MM-003");
            assertTrue(browser.text().contains("Not found") || browser.text().contains("not found")
                    || browser.text().contains("404"), "another site's subject: " + browser.text());
        }
    }

    /** Corrects IL2-MM-001's baseline CRP (3.6 mg/L as imported) to the value, as the demo coordinator, with the reason. */
    private static void correctCrp(String code, String value, String reason) {
        Api coordinator = Api.as("coordinator");
        String visit = "/api/studies/" + code + "/subjects/IL2-MM-001/visits/1";
        long version = coordinator.get(visit).json().getJsonNumber("version").longValue();
        Api.Answer corrected = coordinator.putJson(visit + "/results", "{\"version\":" + version + ",\"results\":[{\"test\":\"CRP\","
                + "\"value\":\"" + value + "\",\"unit\":\"mg/L\"}],\"reason\":\"" + reason + "\"}");
        assertEquals(200, corrected.status(), corrected.text());
    }

    @Test
    void theTrailPageShowsAChangeAsFieldOldToNewWhoAndWhyAndAStudysTrailHoldsThatStudyOnly() {
        String code = Fixtures.importDemo("IL2-MM", "AUD");
        String other = Fixtures.importDemo("IL2-MM", "AUD");
        correctCrp(code, "4.1", "re-read the chemistry report");
        correctCrp(other, "5.2", "a correction in study " + other);
        try (Browser browser = new Browser()) {
            browser.loginAs("admin");
            browser.open("/audit/trail.xhtml?study=" + code + "&subject=IL2-MM-001");
            changesOnly(browser);
            WebElement row = browser.find(By.xpath("//*[@id='trailForm:entries']//tr[td[normalize-space()='re-read the chemistry report']]"
                    + "[.//*[normalize-space()='Lab result']]"));
            List<WebElement> cells = row.findElements(By.tagName("td"));
            assertTrue(cells.get(0).getText().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC"), "when: " + cells.get(0).getText());
            assertTrue(cells.get(1).getText().startsWith("coordinator"), "who: " + cells.get(1).getText());
            assertTrue(cells.get(2).getText().contains("Lab result") && cells.get(2).getText().contains("IL2-MM-001")
                    && cells.get(2).getText().contains("CRP"), "record: " + cells.get(2).getText());
            assertEquals("CHANGED", cells.get(3).getText());
            assertTrue(cells.get(4).getText().contains("original value: 3.6 → 4.1"), "field, old → new: " + cells.get(4).getText());
            assertEquals("re-read the chemistry report", cells.get(5).getText());
            browser.screenshot("audit-trail-change");

            // the study's trail: this study's change, not the other copy's
            browser.open("/audit/trail.xhtml?study=" + code);
            assertTrue(browser.byId("trailForm:entries").getText().contains("Study " + code + " imported"), "the study's records");
            changesOnly(browser);
            String table = browser.byId("trailForm:entries").getText();
            assertTrue(table.contains("re-read the chemistry report") && table.contains("original value: 3.6 → 4.1"), table);
            assertFalse(table.contains(other), "another study's change: " + table);
            assertTrue(browser.text().contains("of " + trail(code, "?changesOnly=true&max=1").getInt("total")), "paged count");

            browser.open("/audit/trail.xhtml?study=" + other);
            changesOnly(browser);
            String otherTable = browser.byId("trailForm:entries").getText();
            assertTrue(otherTable.contains("a correction in study " + other) && !otherTable.contains("re-read the chemistry report"),
                    otherTable);
        }
    }

    /** Ticks "changes after the first entry only" and applies the filter. */
    private static void changesOnly(Browser browser) {
        browser.find(By.cssSelector("#trailForm\\:changesOnly .ui-chkbox-box")).click();
        browser.byId("trailForm:apply").click();
        browser.waitForAjax();
        browser.waitFor(d -> !d.findElement(By.id("trailForm:entries")).getText().contains("CREATED"));
    }
}
