package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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

/**
 * Electronic signatures: an investigator signs a subject's response assessments by re-entering
 * the password; the signature records signer, UTC time and meaning, holds while the signed data
 * are unchanged, and shows as invalid — through the API and on the page — as soon as they change.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignatureIT {

    private static final Api INVESTIGATOR = Api.as("investigator");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    private static String path(String code, String subject) {
        return "/api/studies/" + code + "/subjects/" + subject + "/signatures";
    }

    private static Api.Answer sign(Api api, String code, String subject, String scope, String password) {
        return api.postJson(path(code, subject), "{\"scope\":\"" + scope + "\",\"password\":\"" + password + "\"}");
    }

    private static long signatures(String code) {
        return Database.count("select count(*) from e_signature e join subject s on s.id = e.subject_id"
                + " join study st on st.id = s.study_id where st.code = ?", code);
    }

    private static void execute(String sql, Object... parameters) {
        try (Connection c = Database.connect(); var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSignatureHoldsUntilTheSignedDataChange() {
        String code = Fixtures.importDemo("IL2-MM", "SIG");
        Api.Answer signed = sign(INVESTIGATOR, code, "IL2-MM-005", "RESPONSES", "cytotrial-demo");
        assertEquals(201, signed.status(), signed.text());
        JsonObject signature = signed.json();
        assertEquals("investigator", signature.getString("signer"));
        assertEquals("Demo investigator", signature.getString("signerName"));
        assertTrue(signature.getString("meaning").startsWith("I confirm that these response assessments"));
        assertTrue(signature.getString("signedAt").endsWith("Z"), "UTC");
        assertEquals("VALID", signature.getString("status"));
        long responses = Database.count("select count(*) from response_assessment r join subject s on s.id = r.subject_id"
                + " join study st on st.id = s.study_id where st.code = ? and s.usubjid = 'IL2-MM-005'", code);
        assertEquals(responses, signature.getInt("records"));
        assertEquals(1, Database.count("select count(*) from audit_revision r join e_signature_aud a on a.rev = r.id"
                + " where a.id = ? and r.username = 'investigator' and r.reason like 'Electronic signature (RESPONSES)%'",
                signature.getJsonNumber("id").longValue()));

        JsonObject state = INVESTIGATOR.get(path(code, "IL2-MM-005")).json();
        assertEquals("VALID", state.getString("responses"));
        assertEquals("UNSIGNED", state.getString("casebook"));
        assertEquals("VALID", Api.as("sponsor").get(path(code, "IL2-MM-005")).json().getString("responses"),
                "everyone who sees the subject sees the signature");

        // a signed value changes behind the application's back: the signature no longer holds
        execute("update response_assessment set response = 'CR' where id = (select min(r.id) from response_assessment r"
                + " join subject s on s.id = r.subject_id join study st on st.id = s.study_id"
                + " where st.code = ? and s.usubjid = 'IL2-MM-005' and r.response <> 'CR')", code);
        state = INVESTIGATOR.get(path(code, "IL2-MM-005")).json();
        assertEquals("INVALID", state.getString("responses"));
        JsonObject invalid = state.getJsonArray("signatures").getJsonObject(0);
        assertEquals("INVALID", invalid.getString("status"));
        assertTrue(invalid.isNull("brokenBy"), "no audit record: changed outside the application");
        JsonObject row = INVESTIGATOR.get("/api/studies/" + code + "/signatures?max=500").json().getJsonArray("rows")
                .stream().map(jakarta.json.JsonValue::asJsonObject).filter(r -> r.getString("usubjid").equals("IL2-MM-005"))
                .findFirst().orElseThrow();
        assertEquals("INVALID", row.getString("responses"));
        assertEquals("HANNOVER", row.getString("site"));
        assertEquals("investigator", row.getString("lastSigner"));

        // signing again: the new signature holds, the old one is superseded
        assertEquals(201, sign(INVESTIGATOR, code, "IL2-MM-005", "RESPONSES", "cytotrial-demo").status());
        state = INVESTIGATOR.get(path(code, "IL2-MM-005")).json();
        assertEquals("VALID", state.getString("responses"));
        assertEquals("SUPERSEDED", state.getJsonArray("signatures").getJsonObject(1).getString("status"));
    }

    @Test
    void aResponseChangedThroughTheApiBreaksTheSignatureNamingWhoAndWhy() {
        String code = Fixtures.importDemo("IL2-MM", "SIG");
        String subject = "/api/studies/" + code + "/subjects/IL2-MM-005";
        JsonObject signature = sign(INVESTIGATOR, code, "IL2-MM-005", "RESPONSES", "cytotrial-demo").json();
        assertEquals("VALID", signature.getString("status"));

        // the coordinator corrects the investigator's response at the first assessed visit, with a reason
        JsonObject line = INVESTIGATOR.get(subject).json().getJsonArray("schedule").getValuesAs(JsonObject.class).stream()
                .filter(l -> !l.isNull("investigator")).findFirst().orElseThrow();
        String visitnum = line.getJsonObject("visit").get("number").toString();
        JsonObject visit = INVESTIGATOR.get(subject + "/visits/" + visitnum).json();
        String corrected = "PD".equals(line.getString("investigator")) ? "SD" : "PD";
        Api.Answer changed = Api.as("coordinator").putJson(subject + "/visits/" + visitnum + "/response", "{\"version\":"
                + visit.getJsonNumber("version").longValue() + ",\"response\":\"" + corrected + "\","
                + "\"reason\":\"response transcribed from the wrong scan\"}");
        assertEquals(200, changed.status(), changed.text());

        JsonObject state = INVESTIGATOR.get(path(code, "IL2-MM-005")).json();
        assertEquals("INVALID", state.getString("responses"));
        JsonObject broken = state.getJsonArray("signatures").getJsonObject(0);
        assertEquals(signature.getJsonNumber("id").longValue(), broken.getJsonNumber("id").longValue());
        assertEquals("INVALID", broken.getString("status"));
        JsonObject by = broken.getJsonObject("brokenBy");
        assertEquals("coordinator", by.getString("username"), by.toString());
        assertEquals("response transcribed from the wrong scan", by.getString("reason"));
        assertEquals("Response assessment", by.getString("entity"));
        assertTrue(java.time.Instant.parse(by.getString("at")).isAfter(java.time.Instant.parse(signature.getString("signedAt"))),
                by.toString());

        // the casebook shows it too, beside the subject
        try (Browser browser = new Browser()) {
            browser.loginAs("coordinator");
            browser.open("/coordinator/casebook.xhtml?study=" + code + "&subject=IL2-MM-005");
            assertEquals("INVALID", browser.byId("responsesSignature").getText());
            assertEquals("UNSIGNED", browser.byId("casebookSignature").getText());
        }
    }

    @Test
    void aWrongPasswordSignsNothing() {
        String code = Fixtures.importDemo("IL2-MM", "SIG");
        Api.Answer wrong = sign(INVESTIGATOR, code, "IL2-MM-005", "RESPONSES", "not-my-password");
        assertEquals(422, wrong.status(), wrong.text());
        assertEquals("password", wrong.json().getJsonArray("errors").getJsonObject(0).getString("field"));
        Api.Answer none = INVESTIGATOR.postJson(path(code, "IL2-MM-005"), "{\"scope\":\"RESPONSES\"}");
        assertEquals(422, none.status(), none.text());
        assertEquals(0, signatures(code));
    }

    @Test
    void onAPageFiveWrongSignaturePasswordsLockTheAccount() {
        String code = Fixtures.importDemo("IL2-MM", "SIG");
        String user = Fixtures.createUser("signer", "INVESTIGATOR", false, "HANNOVER");
        try (Browser browser = new Browser()) {
            browser.login(user, Fixtures.PASSWORD);
            browser.open("/signature/subject.xhtml?study=" + code + "&subject=IL2-MM-005");
            for (int i = 1; i <= 5; i++) {
                browser.byId("signatureForm:password").sendKeys("guess-" + i);
                browser.byId("signatureForm:sign").click();
                browser.waitForAjax();
                String expected = i < 5 ? "password is not correct" : "Too many wrong passwords";
                browser.waitFor(d -> d.findElement(By.id("signatureForm:messages")).getText().contains(expected));
            }
            browser.byId("signatureForm:password").sendKeys(Fixtures.PASSWORD);
            browser.byId("signatureForm:sign").click();
            browser.waitForAjax();
            browser.waitFor(d -> d.findElement(By.id("signatureForm:messages")).getText().contains("locked"));
        }
        assertEquals(0, signatures(code));
        assertEquals(401, Api.as(user, Fixtures.PASSWORD).get("/api/studies").status(), "locked for logins too");
    }

    @Test
    void onlyInvestigatorsSignAndOnlyWhatTheyMaySee() {
        String code = Fixtures.importDemo("IL2-MM", "SIG");
        assertEquals(403, sign(Api.as("coordinator"), code, "IL2-MM-005", "RESPONSES", "cytotrial-demo").status());
        assertEquals(403, sign(Api.as("admin"), code, "IL2-MM-005", "RESPONSES", "cytotrial-demo").status());
        assertEquals(404, sign(INVESTIGATOR, code, "IL2-MM-003", "RESPONSES", "cytotrial-demo").status(), "KIEL");
        Api.Answer scope = sign(INVESTIGATOR, code, "IL2-MM-005", "EVERYTHING", "cytotrial-demo");
        assertEquals(422, scope.status());
        assertEquals("scope", scope.json().getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(0, signatures(code));
    }

    private static Api.Answer deleteWithReason(Api api, String path, String reason) {
        return api.send(api.request(path).header("X-Change-Reason", reason).DELETE());
    }

    @Test
    void aPrincipalInvestigatorSeesAndSignsEverySiteOfThatStudyOnly() {
        String x = Fixtures.importDemo("IL2-MM", "PIX");
        String y = Fixtures.importDemo("IL2-MM", "PIY");
        String pi = Fixtures.createUser("pi", "INVESTIGATOR", false, "HANNOVER");
        String plain = Fixtures.createUser("plain", "INVESTIGATOR", false, "HANNOVER");
        Api principal = Api.as(pi, Fixtures.PASSWORD);
        Api investigator = Api.as(plain, Fixtures.PASSWORD);
        Api admin = Api.as("admin");
        String grant = "/api/studies/" + x + "/principal-investigators/" + pi;
        String kielSubject = "/api/studies/" + x + "/subjects/IL2-MM-003";
        assertEquals(404, principal.get(kielSubject).status(), "before the grant: own site only");

        Api.Answer noReason = admin.putJson(grant, "{}");
        assertEquals(422, noReason.status(), noReason.text());
        assertTrue(noReason.text().contains("\"reason\""), noReason.text());
        assertEquals(403, Api.as("coordinator").putJson(grant, "{\"reason\":\"x\"}").status());
        Api.Answer notAnInvestigator = admin.putJson("/api/studies/" + x + "/principal-investigators/coordinator",
                "{\"reason\":\"study lead\"}");
        assertEquals(422, notAnInvestigator.status(), notAnInvestigator.text());
        assertTrue(notAnInvestigator.text().contains("not an investigator"), notAnInvestigator.text());
        assertEquals(404, admin.putJson("/api/studies/" + x + "/principal-investigators/nobody-here",
                "{\"reason\":\"study lead\"}").status());
        Api.Answer named = admin.putJson(grant, "{\"reason\":\"principal investigator of the study\"}");
        assertEquals(200, named.status(), named.text());
        assertEquals(pi, named.jsonArray().getJsonObject(0).getString("username"));
        assertEquals(200, admin.putJson(grant, "{\"reason\":\"again\"}").status(), "naming twice changes nothing");
        assertTrue(principal.get("/api/studies/" + x + "/principal-investigators").text().contains(pi));

        // study X: every site, to read and to sign
        assertEquals(200, principal.get(kielSubject).status(), "KIEL, not the PI's own site");
        assertTrue(principal.get("/api/studies/" + x + "/subjects?site=KIEL").text().contains("IL2-MM-003"));
        Api.Answer signed = sign(principal, x, "IL2-MM-003", "RESPONSES", Fixtures.PASSWORD);
        assertEquals(201, signed.status(), signed.text());
        assertTrue(principal.get("/api/studies/" + x + "/audit-trail/export.csv").text().contains(",IL2-MM-003,"));
        // study Y: the grant gives nothing there
        assertEquals(404, principal.get("/api/studies/" + y + "/subjects/IL2-MM-003").status());
        assertEquals(404, sign(principal, y, "IL2-MM-003", "RESPONSES", Fixtures.PASSWORD).status());
        assertEquals(201, sign(principal, y, "IL2-MM-005", "RESPONSES", Fixtures.PASSWORD).status(), "own site HANNOVER");
        // a plain investigator of the same site sees neither
        assertEquals(404, investigator.get(kielSubject).status());
        assertEquals(404, sign(investigator, x, "IL2-MM-003", "RESPONSES", Fixtures.PASSWORD).status());
        assertEquals(1, signatures(x));

        // naming and removing are in the study's trail, with the reason
        Api.Answer removed = deleteWithReason(admin, grant, "the study lead changed");
        assertEquals(200, removed.status(), removed.text());
        assertEquals(0, removed.jsonArray().size());
        assertEquals(404, principal.get(kielSubject).status(), "the grant ends at once");
        assertEquals(404, deleteWithReason(admin, grant, "again").status());
        String trail = admin.get("/api/studies/" + x + "/audit-trail/export.csv").text();
        assertTrue(trail.contains("principal investigator of the study,Principal investigator,,,") && trail.contains(pi)
                && trail.contains("the study lead changed,Principal investigator,"), trail);
    }

    @Test
    void theDatabaseRefusesToChangeOrRemoveASignature() throws SQLException {
        String code = Fixtures.importDemo("IL2-MM", "SIG");
        assertEquals(201, sign(INVESTIGATOR, code, "IL2-MM-005", "CASEBOOK", "cytotrial-demo").status());
        try (Connection c = Database.connect(); Statement statement = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "update e_signature set signer_username = 'someone else'"));
            assertTrue(update.getMessage().contains("cannot be changed or deleted"), update.getMessage());
            assertThrows(SQLException.class, () -> statement.executeUpdate("delete from e_signature"));
        }
    }

    @Test
    void theInvestigatorSignsOnThePageAndSeesWhenASignatureBreaks() {
        String code = Fixtures.importDemo("IL2-MM", "SIG");
        try (Browser browser = new Browser()) {
            browser.loginAs("investigator");
            browser.open("/signature/subject.xhtml?study=" + code + "&subject=IL2-MM-005");
            assertEquals("UNSIGNED", browser.byId("signatureForm:responsesStatus").getText());
            browser.byId("signatureForm:password").sendKeys("wrong-password");
            browser.byId("signatureForm:sign").click();
            browser.waitForAjax();
            browser.waitFor(d -> d.findElement(By.id("signatureForm:messages")).getText().contains("password is not correct"));

            browser.byId("signatureForm:password").sendKeys("cytotrial-demo");
            browser.byId("signatureForm:sign").click();
            browser.waitForAjax();
            browser.waitFor(d -> d.findElement(By.id("signatureForm:responsesStatus")).getText().equals("VALID"));
            assertTrue(browser.byId("signatureForm:messages").getText().contains("Signed by Demo investigator"));
            assertTrue(browser.byId("signatureForm:signatures").getText().contains("I confirm that these response assessments"));
            browser.screenshot("signature-valid");

            execute("update response_assessment set evaluator = 'someone else' where id = (select min(r.id)"
                    + " from response_assessment r join subject s on s.id = r.subject_id join study st on st.id = s.study_id"
                    + " where st.code = ? and s.usubjid = 'IL2-MM-005')", code);
            browser.open("/signature/subject.xhtml?study=" + code + "&subject=IL2-MM-005");
            assertEquals("INVALID", browser.byId("signatureForm:responsesStatus").getText());
            String banner = browser.find(By.cssSelector(".ct-invalid-signature")).getText();
            assertTrue(banner.contains("no longer valid") && banner.contains("A new signature is needed"), banner);
            browser.screenshot("signature-invalid");

            browser.open("/signature/overview.xhtml?study=" + code);
            assertTrue(browser.byId("overviewForm:subjects").getText().contains("IL2-MM-005"));
        }
    }
}
