package org.cytotrial.it;

import static org.cytotrial.it.support.Casebooks.COORDINATOR;
import static org.cytotrial.it.support.Casebooks.subjectPath;
import static org.cytotrial.it.support.Forms.assertFitsTheScreen;
import static org.cytotrial.it.support.Forms.choose;
import static org.cytotrial.it.support.Forms.openTab;
import static org.cytotrial.it.support.Forms.tick;
import static org.cytotrial.it.support.Forms.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cytotrial.it.support.Browser;
import org.cytotrial.it.support.CasebookPage;
import org.cytotrial.it.support.Casebooks;
import org.cytotrial.it.support.Database;
import org.cytotrial.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The casebook's subject-level forms in headless Chromium at 1280x800: an adverse event (term,
 * coded term, CTCAE grade, serious, related, start and end) and a disposition event, each shown
 * on the casebook and stored as the REST API reads it, and a bad adverse event refused next to
 * its field with nothing stored. Screenshots go to target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CasebookFormsIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void anAdverseEventAndAWithdrawalAreRecordedOnTheCasebookAndABadEventIsRefusedBesideItsField() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "UIAE");
        // consent 90 days ago, first dose 80 days ago
        String subject = Casebooks.enrolDosed(study, "BERLIN", "IL6R");
        String path = subjectPath(study, subject);
        String page = "/coordinator/casebook.xhtml?study=" + study + "&subject=" + subject;
        LocalDate start = LocalDate.now().minusDays(70);
        LocalDate end = LocalDate.now().minusDays(62);
        LocalDate withdrawn = LocalDate.now().minusDays(30);
        try (Browser browser = new Browser()) {
            browser.loginAs("coordinator").open(page);
            browser.find(By.id("sections:visitsForm:schedule"));
            openTab(browser, "Adverse events");
            assertTrue(browser.byId("sections:aeForm").getText().contains("No adverse event recorded."));

            // an end before the start and a coded term too long are refused, each beside its field; what was typed
            // stays, and nothing is stored
            Map<String, Long> before = Database.rowCounts();
            type(browser, "sections:aeForm:aeTerm", "Fever and chills");
            type(browser, "sections:aeForm:aeDecoded", "Pyrexia ".repeat(26));
            choose(browser, "sections:aeForm:aeGrade", "3");
            tick(browser, "sections:aeForm:aeSerious");
            tick(browser, "sections:aeForm:aeRelated");
            type(browser, "sections:aeForm:aeStart", start.toString());
            type(browser, "sections:aeForm:aeEnd", start.minusDays(2).toString());
            browser.byId("sections:aeForm:saveAe").click();
            browser.waitForAjax();
            WebElement endProblem = browser.byId("sections:aeForm:aeEndProblem");
            assertEquals("the end " + start.minusDays(2) + " is before the start " + start, endProblem.getText());
            assertEquals(1, browser.driver().findElements(By.xpath("//input[@id='sections:aeForm:aeEnd']/parent::div"
                    + "/*[@id='sections:aeForm:aeEndProblem']")).size(), "the message sits beside the end");
            assertEquals("the coded term has at most 200 characters", browser.byId("sections:aeForm:aeDecodedProblem").getText());
            assertEquals(1, browser.driver().findElements(By.xpath("//input[@id='sections:aeForm:aeDecoded']/parent::div"
                    + "/*[@id='sections:aeForm:aeDecodedProblem']")).size(), "the message sits beside the coded term");
            assertTrue(browser.driver().findElements(By.id("sections:aeForm:aeStartProblem")).isEmpty(), "the start is fine");
            assertTrue(browser.text().contains("Nothing was saved: 2 problems to correct, shown next to their fields."),
                    browser.text());
            assertEquals("Fever and chills", browser.byId("sections:aeForm:aeTerm").getAttribute("value"));
            assertEquals("3", browser.byId("sections:aeForm:aeGrade_label").getText());
            assertEquals(before, Database.rowCounts(), "nothing stored");
            assertEquals(0, COORDINATOR.get(path + "/adverse-events").jsonArray().size());
            browser.screenshot("coordinator-adverse-event-refused");

            // corrected, it is saved, listed on the casebook and stored as entered
            type(browser, "sections:aeForm:aeDecoded", "Pyrexia");
            type(browser, "sections:aeForm:aeEnd", end.toString());
            browser.byId("sections:aeForm:saveAe").click();
            browser.waitForAjax();
            browser.waitFor(d -> browser.text().contains("Adverse event 1 (Fever and chills, grade 3) saved."));
            List<String> aeLine = List.of("1", "Fever and chills", "Pyrexia", "3", "yes", "yes", start.toString(), end.toString(),
                    "correct");
            assertEquals(List.of(aeLine), browser.tableRows("sections:aeForm:aeTable"));
            assertTrue(browser.driver().findElements(By.id("sections:aeForm:aeEndProblem")).isEmpty());
            assertEquals("", browser.byId("sections:aeForm:aeTerm").getAttribute("value"), "the form is ready for the next event");
            JsonArray events = COORDINATOR.get(path + "/adverse-events").jsonArray();
            assertEquals(1, events.size(), events.toString());
            JsonObject event = events.getJsonObject(0);
            assertEquals(1, event.getInt("seq"));
            assertEquals("Fever and chills", event.getString("term"));
            assertEquals("Pyrexia", event.getString("decodedTerm"));
            assertEquals(3, event.getInt("grade"));
            assertTrue(event.getBoolean("serious"));
            assertTrue(event.getBoolean("related"));
            assertEquals(start.toString(), event.getString("start"));
            assertEquals(end.toString(), event.getString("end"));
            assertFitsTheScreen(browser, "adverse events");
            browser.screenshot("coordinator-adverse-events");

            // the subject withdraws: recorded, listed, stored, and at once off study on the casebook
            openTab(browser, "Disposition");
            assertTrue(browser.byId("sections:dsForm").getText().contains("On study: no disposition recorded."));
            assertTrue(browser.byId("subjectFacts").getText().contains("on study"), browser.byId("subjectFacts").getText());
            choose(browser, "sections:dsForm:dsEvent", "Withdrawal by subject");
            type(browser, "sections:dsForm:dsTerm", "Moved abroad");
            type(browser, "sections:dsForm:dsDate", withdrawn.toString());
            browser.byId("sections:dsForm:saveDs").click();
            browser.waitForAjax();
            browser.waitFor(d -> browser.text().contains("Disposition saved: WITHDRAWAL BY SUBJECT on " + withdrawn + "."));
            List<String> dsLine = List.of("1", "WITHDRAWAL BY SUBJECT", "Moved abroad", withdrawn.toString(), "correct");
            assertEquals(List.of(dsLine), browser.tableRows("sections:dsForm:dsTable"));
            JsonArray dispositions = COORDINATOR.get(path + "/disposition").jsonArray();
            assertEquals(1, dispositions.size(), dispositions.toString());
            JsonObject disposition = dispositions.getJsonObject(0);
            assertEquals("WITHDRAWAL BY SUBJECT", disposition.getString("event"));
            assertEquals("Moved abroad", disposition.getString("term"));
            assertEquals("DISPOSITION EVENT", disposition.getString("category"));
            assertEquals(withdrawn.toString(), disposition.getString("date"));
            JsonObject casebook = COORDINATOR.get(path).json();
            assertEquals(withdrawn.toString(), casebook.getJsonObject("subject").getString("offStudyDate"));
            browser.waitFor(d -> d.findElement(By.id("subjectFacts")).getText().contains("left the study on " + withdrawn));
            List<String> notExpected = casebook.getJsonArray("schedule").getValuesAs(JsonObject.class).stream()
                    .map(l -> l.getJsonObject("visit")).filter(v -> v.getString("state").equals("NOT_EXPECTED"))
                    .map(v -> v.getString("name")).toList();
            assertFalse(notExpected.isEmpty(), "visits whose window opens after the withdrawal are not expected: " + casebook);
            assertFitsTheScreen(browser, "disposition");
            browser.screenshot("coordinator-disposition");
            openTab(browser, "Visits");
            for (String visit : notExpected) {
                assertTrue(CasebookPage.scheduleLine(browser, visit).getText().contains("NOT EXPECTED"), visit);
            }

            // and all of it is on the casebook when it is opened again
            browser.open(page);
            browser.find(By.id("sections:visitsForm:schedule"));
            openTab(browser, "Adverse events");
            assertEquals(List.of(aeLine), browser.tableRows("sections:aeForm:aeTable"));
            openTab(browser, "Disposition");
            assertEquals(List.of(dsLine), browser.tableRows("sections:dsForm:dsTable"));
        }
    }
}
