package org.cytotrial.it;

import static org.cytotrial.it.support.Casebooks.COORDINATOR;
import static org.cytotrial.it.support.Casebooks.array;
import static org.cytotrial.it.support.Casebooks.lesion;
import static org.cytotrial.it.support.Casebooks.result;
import static org.cytotrial.it.support.Casebooks.subjectPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cytotrial.it.support.Browser;
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
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The coordinator's screens in headless Chromium at 1280x800: dashboard, subject list, enrolment,
 * the casebook with a baseline and a follow-up visit (a marker in g/dL, lesions, the computed
 * response shown live), a bad value refused next to its field, and two coordinators saving the
 * same visit. Screenshots of each screen go to target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CoordinatorPagesIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void aCoordinatorEnrolsASubjectAndEntersBaselineAndFollowUp() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "UI");
        LocalDate consent = LocalDate.now().minusDays(100);
        try (Browser browser = new Browser()) {
            browser.loginAs("coordinator");
            browser.open("/coordinator/dashboard.xhtml");
            browser.find(By.id("studies"));
            assertTrue(browser.text().contains(study), browser.text());
            assertFitsTheScreen(browser, "dashboard");
            browser.screenshot("coordinator-dashboard");

            browser.open("/coordinator/subjects.xhtml?study=" + study);
            browser.find(By.id("subjectsForm:subjects"));
            assertTrue(browser.text().contains("1–16 of 16"), "own sites only: " + browser.text());
            WebElement filter = browser.find(By.cssSelector("[id='subjectsForm:subjects:usubjid:filter']"));
            filter.sendKeys("RD-01");
            browser.waitFor(d -> d.findElement(By.id("subjectsForm:subjects")).getText().contains("1–7 of 7"));
            assertFitsTheScreen(browser, "subjects");
            browser.screenshot("coordinator-subjects");

            browser.byId("enrol").click();
            browser.find(By.id("enrolForm:enrol"));
            browser.waitForAjax();
            choose(browser, "enrolForm:site", "BERLIN");
            type(browser, "enrolForm:consent", consent.toString());
            radio(browser, "enrolForm:sex:0");
            type(browser, "enrolForm:age", "64");
            choose(browser, "enrolForm:arm", "IL6R – Anti-IL-6R (tocilizumab) 8 mg/kg q4w");
            type(browser, "enrolForm:firstDose", consent.plusDays(5).toString());
            for (int i = 0; i < 3; i++) {
                // two inclusion criteria met (Yes), the exclusion criterion not (No)
                radio(browser, "enrolForm:eligibility:" + i + ":met:" + (i < 2 ? 0 : 1));
            }
            assertFitsTheScreen(browser, "enrol");
            browser.screenshot("coordinator-enrol");
            browser.byId("enrolForm:enrol").click();
            browser.waitFor(d -> d.getCurrentUrl().contains("/coordinator/casebook.xhtml"));
            browser.find(By.id("sections:visitsForm:schedule"));
            assertTrue(browser.text().contains("RD-025 enrolled at BERLIN, arm IL6R"), browser.text());

            // baseline: HGB in g/dL, CRP, two target lesions (one a lymph node)
            openVisit(browser, "BASELINE");
            type(browser, "sections:entryForm:date", consent.plusDays(3).toString());
            resultValue(browser, "HGB", "12.1");
            chooseUnit(browser, "HGB", "g/dL");
            browser.waitFor(d -> resultRow(browser, "HGB").getText().contains("= 121 g/L"));
            resultValue(browser, "CRP", "8");
            addLesion(browser, 0, "LIVER", "50");
            addLesion(browser, 1, "LYMPH NODE", "20");
            // Enter in any field saves the visit
            browser.byId("sections:entryForm:lesions:1:diameter").sendKeys(Keys.ENTER);
            browser.waitForAjax();
            browser.waitFor(d -> browser.text().contains("Visit BASELINE saved."));
            assertEquals("baseline", browser.byId("computedCategory").getText());
            assertEquals("70", browser.byId("computedMeasure").getText());

            // week 6: the response is computed as the diameters are typed, before saving
            openVisit(browser, "WEEK 6");
            // the keyboard goes from the visit date to the first marker value, and from the reason to Save
            WebElement date = browser.byId("sections:entryForm:date");
            date.click();
            date.sendKeys(consent.plusDays(47).toString());
            date.sendKeys(Keys.TAB);
            browser.waitForAjax();
            assertEquals(browser.script("return document.querySelector(\"[id^='sections:entryForm:results:'][id$=':value']:not([disabled])\").id"),
                    browser.focusedId(), "Tab from the visit date");
            browser.byId("sections:entryForm:reason").click();
            browser.byId("sections:entryForm:reason").sendKeys(Keys.TAB);
            assertEquals("sections:entryForm:save", browser.focusedId(), "Tab from the reason for change");
            lesionValue(browser, "T01", "30");
            lesionValue(browser, "T02", "9");
            browser.waitFor(d -> d.findElement(By.id("computedCategory")).getText().equals("PR"));
            assertEquals("-44.3 %", browser.byId("fromBaseline").getText());
            assertEquals("-44.3 %", browser.byId("fromNadir").getText(), "the nadir so far is the baseline");
            choose(browser, "sections:entryForm:investigator", "PR");
            browser.byId("sections:entryForm:save").click();
            browser.waitForAjax();
            browser.waitFor(d -> browser.text().contains("Visit WEEK 6 saved."));
            // the schedule shows each visit's window as text, and nothing in it is cut off
            jakarta.json.JsonObject week6 = COORDINATOR.get(subjectPath(study, "RD-025")).json().getJsonArray("schedule")
                    .getValuesAs(jakarta.json.JsonObject.class).stream()
                    .filter(l -> l.getJsonObject("visit").getString("name").equals("WEEK 6")).findFirst().orElseThrow()
                    .getJsonObject("visit");
            LocalDate windowStart = LocalDate.parse(week6.getString("windowStart"));
            LocalDate windowEnd = LocalDate.parse(week6.getString("windowEnd"));
            String window = windowStart + " – " + (windowEnd.getYear() == windowStart.getYear()
                    ? windowEnd.toString().substring(5) : windowEnd.toString());
            WebElement week6Line = browser.find(By.xpath("//*[@id='sections:visitsForm:schedule']//tr[.//a[normalize-space()='WEEK 6']]"));
            assertTrue(week6Line.getText().contains(window), "the window as text: " + window + " in " + week6Line.getText());
            assertFitsTheScreen(browser, "casebook");
            browser.script("arguments[0].scrollIntoView({block: 'start'})", browser.byId("sections:entryForm"));
            browser.screenshot("coordinator-casebook");
            String usubjid = "RD-025";
            assertEquals(1, Database.count("select count(*) from response_assessment r join subject s on s.id = r.subject_id"
                    + " join study st on st.id = s.study_id where st.code = ? and s.usubjid = ? and r.response = 'PR'", study, usubjid));

            // a bad value is refused next to its field, and what was typed stays
            resultValue(browser, "HGB", "900");
            WebElement reason = browser.byId("sections:entryForm:reason");
            reason.sendKeys("re-measured");
            reason.sendKeys(Keys.ENTER);
            browser.waitForAjax();
            browser.waitFor(d -> resultRow(browser, "HGB").getText().contains("outside the plausible range 20–250 g/L of HGB"));
            assertEquals("900", browser.find(By.xpath(resultXpath("HGB") + "//input[contains(@id,':value')]")).getAttribute("value"));
            assertTrue(browser.text().contains("Nothing was saved"), browser.text());
            browser.screenshot("coordinator-bad-value");

            // the casebook leads to the audit trail of a recorded visit and of the whole subject
            openVisit(browser, "WEEK 12");
            assertTrue(browser.driver().findElements(By.id("sections:entryForm:visitAudit")).isEmpty(),
                    "a visit not yet recorded has no trail");
            openVisit(browser, "BASELINE");
            browser.byId("sections:entryForm:visitAudit").click();
            browser.waitFor(d -> d.getCurrentUrl().contains("/audit/trail.xhtml"));
            assertTrue(browser.driver().getCurrentUrl().contains("visit=1"), browser.driver().getCurrentUrl());
            String visitTrail = browser.byId("trailForm:entries").getText();
            assertTrue(browser.text().contains("visit 1 of subject " + usubjid + " (study " + study + ")"), browser.text());
            assertTrue(visitTrail.contains("Lab result") && visitTrail.contains("HGB") && visitTrail.contains("LIVER")
                    && !visitTrail.contains("WEEK 6"), visitTrail);
            browser.open("/coordinator/casebook.xhtml?study=" + study + "&subject=" + usubjid);
            browser.byId("subjectAudit").click();
            browser.waitFor(d -> d.getCurrentUrl().contains("/audit/trail.xhtml"));
            String subjectTrail = browser.byId("trailForm:entries").getText();
            assertTrue(browser.text().contains("subject " + usubjid + " (study " + study + ")"), browser.text());
            assertTrue(subjectTrail.contains("Eligibility answer") && subjectTrail.contains("WEEK 6"), subjectTrail);
        }
    }

    @Test
    void whenTwoCoordinatorsSaveTheSameVisitTheSecondSeesWhatChanged() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "UIC");
        String subject = Casebooks.enrolDosed(study, "MUNICH", "CTRL");
        assertEquals(200, COORDINATOR.postJson(subjectPath(study, subject) + "/visits/1", Json.createObjectBuilder()
                .add("date", LocalDate.now().minusDays(82).toString())
                .add("results", array(result("CRP", "8", null), result("HGB", "110", null)))
                .add("lesions", array(lesion("T01", "TARGET", "LUNG", "40"))).build().toString()).status());
        String page = "/coordinator/casebook.xhtml?study=" + study + "&subject=" + subject + "&visit=1";
        try (Browser first = new Browser(); Browser second = new Browser()) {
            first.loginAs("coordinator").open(page);
            second.loginAs("coordinator").open(page);
            first.find(By.id("sections:entryForm:save"));
            second.find(By.id("sections:entryForm:save"));

            resultValue(first, "CRP", "9");
            first.byId("sections:entryForm:reason").sendKeys("transcription error");
            first.byId("sections:entryForm:save").click();
            first.waitForAjax();
            first.waitFor(d -> first.text().contains("Visit BASELINE saved."));

            resultValue(second, "CRP", "10");
            second.byId("sections:entryForm:reason").sendKeys("re-read the report");
            second.byId("sections:entryForm:save").click();
            second.waitForAjax();
            WebElement conflict = second.find(By.id("sections:entryForm:conflict"));
            assertTrue(conflict.getText().contains("nothing of yours was saved"), conflict.getText());
            assertTrue(conflict.getText().contains("CRP 9 mg/L 10 mg/L"), conflict.getText());
            // and what the first coordinator changed since the second opened the visit: who, what, before → after, why
            WebElement since = second.find(By.id("sections:entryForm:changedSince"));
            WebElement crpLine = since.findElement(By.xpath(".//tr[td[3][contains(normalize-space(),'Lab result CRP · original value')]]"));
            assertTrue(crpLine.getText().contains("coordinator"), crpLine.getText());
            assertTrue(crpLine.getText().contains("8 → 9"), crpLine.getText());
            assertTrue(crpLine.getText().contains("transcription error"), crpLine.getText());
            assertTrue(crpLine.getText().matches("(?s).*\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC.*"), crpLine.getText());
            assertFalse(since.getText().contains("HGB"), "HGB was not changed by anyone: " + since.getText());
            assertFitsTheScreen(second, "casebook with a conflict");
            second.script("arguments[0].scrollIntoView({block: 'start'})", conflict);
            second.screenshot("coordinator-conflict");
            assertEquals("9", Database.count("select cast(r.original_value as integer) from lab_result r join subject s"
                    + " on s.id = r.subject_id join study st on st.id = s.study_id where st.code = ? and s.usubjid = ?"
                    + " and r.test_code = 'CRP'", study, subject) + "", "the first save stands");

            second.byId("sections:entryForm:reload").click();
            second.waitForAjax();
            second.waitFor(d -> second.find(By.xpath(resultXpath("CRP") + "//input[contains(@id,':value')]"))
                    .getAttribute("value").equals("9"));
        }
    }

    @Test
    void changingRecordedDataWithoutAReasonIsRefusedNextToTheReasonAndStoresNothingThenSavesWithOne() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "UIR");
        String subject = Casebooks.enrolDosed(study, "MUNICH", "CTRL");
        assertEquals(200, COORDINATOR.postJson(subjectPath(study, subject) + "/visits/1", Json.createObjectBuilder()
                .add("date", LocalDate.now().minusDays(82).toString())
                .add("results", array(result("CRP", "8", null), result("HGB", "110", null)))
                .add("lesions", array(lesion("T01", "TARGET", "LUNG", "40"))).build().toString()).status());
        String crp = "select cast(r.original_value as integer) from lab_result r join subject s on s.id = r.subject_id"
                + " join study st on st.id = s.study_id where st.code = ? and s.usubjid = ? and r.test_code = 'CRP'";
        try (Browser browser = new Browser()) {
            browser.loginAs("coordinator").open("/coordinator/casebook.xhtml?study=" + study + "&subject=" + subject + "&visit=1");
            browser.find(By.id("sections:entryForm:save"));
            Map<String, Long> before = Database.rowCounts();

            // CRP was recorded as 8: changing it is a correction, which needs a reason
            resultValue(browser, "CRP", "9");
            browser.byId("sections:entryForm:save").click();
            browser.waitForAjax();
            WebElement problem = browser.find(By.xpath("//div[contains(@class,'ct-save-row')][.//input[@id='sections:entryForm:reason']]"
                    + "//*[@id='sections:entryForm:reasonProblem']"));
            assertTrue(problem.getText().contains("a reason for change is required when recorded data is changed"), problem.getText());
            assertTrue(browser.byId("sections:entryForm:reason").getAttribute("class").contains("ui-state-error"),
                    "the reason field is marked");
            assertTrue(browser.text().contains("Nothing was saved"), browser.text());
            assertEquals("9", browser.find(By.xpath(resultXpath("CRP") + "//input[contains(@id,':value')]")).getAttribute("value"),
                    "what was typed stays");
            assertEquals(before, Database.rowCounts(), "nothing was stored: no row, no history row, no revision");
            assertEquals(8, Database.count(crp, study, subject));
            browser.script("arguments[0].scrollIntoView({block: 'center'})", problem);
            browser.screenshot("coordinator-reason-required");

            browser.byId("sections:entryForm:reason").sendKeys("transcription error");
            browser.byId("sections:entryForm:save").click();
            browser.waitForAjax();
            browser.waitFor(d -> browser.text().contains("Visit BASELINE saved."));
            assertEquals(9, Database.count(crp, study, subject));

            // the visit's audit trail shows the correction: who, the field from old to new, and why
            browser.byId("sections:entryForm:visitAudit").click();
            browser.waitFor(d -> d.getCurrentUrl().contains("/audit/trail.xhtml"));
            WebElement change = browser.find(By.xpath("//*[@id='trailForm:entries']//tr[td[normalize-space()='transcription error']]"
                    + "[.//*[normalize-space()='Lab result']]"));
            assertTrue(change.getText().contains("coordinator") && change.getText().contains("CRP")
                    && change.getText().contains("CHANGED") && change.getText().contains("original value: 8 → 9"), change.getText());
        }
    }

    // ---- page helpers

    /** The screen fits the 1280x800 viewport: no horizontal scroll bar, no table cell whose content is cut off. */
    private static void assertFitsTheScreen(Browser browser, String screen) {
        assertEquals(List.of((long) Browser.WIDTH, (long) Browser.HEIGHT), browser.viewport(), "the viewport");
        long width = browser.pageWidth();
        assertTrue(width <= Browser.WIDTH, screen + " is laid out " + width + " px wide");
        assertTrue(width <= browser.clientWidth(), screen + " scrolls sideways: " + width + " px in " + browser.clientWidth());
        assertEquals(List.of(), browser.clippedCells(), screen + ": cells whose content does not fit");
    }

    private static void type(Browser browser, String id, String text) {
        WebElement input = browser.byId(id);
        input.clear();
        input.sendKeys(text);
        input.sendKeys(Keys.TAB);
        browser.waitForAjax();
    }

    /** Picks an option of a PrimeFaces select menu by its label, and checks it took. */
    private static void choose(Browser browser, String id, String label) {
        for (int attempt = 0; attempt < 3; attempt++) {
            List<WebElement> panel = browser.driver().findElements(By.id(id + "_panel"));
            if (panel.isEmpty() || !panel.get(0).isDisplayed()) {
                browser.byId(id).click();
            }
            try {
                browser.find(By.cssSelector("[id='" + id + "_panel'] li[data-label='" + label + "']")).click();
            } catch (ElementClickInterceptedException e) {
                // the panel was still moving into place on a busy machine (seen at the top of the page): try again
                continue;
            }
            browser.waitForAjax();
            if (label.equals(browser.driver().findElement(By.id(id + "_label")).getText())) {
                return;
            }
        }
        throw new AssertionError("could not choose " + label + " in " + id);
    }

    /** Checks a PrimeFaces radio button through its label, and that it took. */
    private static void radio(Browser browser, String inputId) {
        for (int attempt = 0; attempt < 3; attempt++) {
            browser.find(By.cssSelector("label[for='" + inputId + "']")).click();
            browser.waitForAjax();
            if (browser.driver().findElement(By.id(inputId)).isSelected()) {
                return;
            }
        }
        throw new AssertionError("could not check " + inputId);
    }

    private static String resultXpath(String test) {
        return "//table[contains(@id,'entryForm:results')]//tr[.//abbr[normalize-space()='" + test + "']]";
    }

    private static WebElement resultRow(Browser browser, String test) {
        return browser.find(By.xpath(resultXpath(test)));
    }

    private static void resultValue(Browser browser, String test, String value) {
        WebElement input = browser.find(By.xpath(resultXpath(test) + "//input[contains(@id,':value')]"));
        type(browser, input.getAttribute("id"), value);
    }

    private static void chooseUnit(Browser browser, String test, String unit) {
        String id = browser.find(By.xpath(resultXpath(test) + "//div[contains(@id,':unit') and contains(@class,'ui-selectonemenu')]"))
                .getAttribute("id");
        choose(browser, id, unit);
    }

    private static void openVisit(Browser browser, String name) {
        browser.find(By.xpath("//*[@id='sections:visitsForm:schedule']//a[normalize-space()='" + name + "']")).click();
        browser.waitForAjax();
        browser.waitFor(d -> d.findElements(By.xpath("//form[@id='sections:entryForm']//h2[starts-with(normalize-space(),'"
                + name + "')]")).size() == 1);
    }

    private static void addLesion(Browser browser, int row, String location, String diameter) {
        browser.byId("sections:entryForm:addLesion").click();
        browser.waitForAjax();
        type(browser, "sections:entryForm:lesions:" + row + ":location", location);
        type(browser, "sections:entryForm:lesions:" + row + ":diameter", diameter);
    }

    private static void lesionValue(Browser browser, String id, String value) {
        WebElement input = browser.find(By.xpath("//table[contains(@id,'entryForm:lesions')]//tr[td[1][normalize-space()='" + id
                + "']]//input[contains(@id,':diameter')]"));
        type(browser, input.getAttribute("id"), value);
    }
}
