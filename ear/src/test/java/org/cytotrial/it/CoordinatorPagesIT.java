package org.cytotrial.it;

import static org.cytotrial.it.support.CasebookPage.addLesion;
import static org.cytotrial.it.support.CasebookPage.addTest;
import static org.cytotrial.it.support.CasebookPage.chooseUnit;
import static org.cytotrial.it.support.CasebookPage.lesionValue;
import static org.cytotrial.it.support.CasebookPage.openVisit;
import static org.cytotrial.it.support.CasebookPage.resultInput;
import static org.cytotrial.it.support.CasebookPage.resultRow;
import static org.cytotrial.it.support.CasebookPage.resultValue;
import static org.cytotrial.it.support.Casebooks.COORDINATOR;
import static org.cytotrial.it.support.Casebooks.array;
import static org.cytotrial.it.support.Casebooks.lesion;
import static org.cytotrial.it.support.Casebooks.result;
import static org.cytotrial.it.support.Casebooks.subjectPath;
import static org.cytotrial.it.support.Forms.assertFitsTheScreen;
import static org.cytotrial.it.support.Forms.choose;
import static org.cytotrial.it.support.Forms.radio;
import static org.cytotrial.it.support.Forms.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Browser;
import org.cytotrial.it.support.CasebookPage;
import org.cytotrial.it.support.Casebooks;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The coordinator's screens in headless Chromium at 1280x800: the dashboard (with the due, overdue
 * and missing-data lines of a coordinator's own site), subject list, enrolment (also of a
 * randomised study), the casebook with a baseline and a follow-up visit (markers in other units,
 * CD4 and CD8 with their ratio derived on the page, lesions, the computed response shown live, all
 * read back over REST), a bad value refused next to its field, and two coordinators saving the
 * same visit. Adverse events and disposition are in {@link CasebookFormsIT}. Screenshots of each
 * screen go to target/screenshots.
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
            fillEnrolment(browser, "BERLIN", consent, "IL6R – Anti-IL-6R (tocilizumab) 8 mg/kg q4w");
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
            // and its markers: HGB and CRP in their other units, CD4 and CD8 (not in this study's panel) added,
            // the CD4/CD8 ratio derived from them on the page as they are typed
            resultValue(browser, "HGB", "11.5");
            chooseUnit(browser, "HGB", "g/dL");
            browser.waitFor(d -> resultRow(browser, "HGB").getText().contains("= 115 g/L"));
            resultValue(browser, "CRP", "1.2");
            chooseUnit(browser, "CRP", "mg/dL");
            browser.waitFor(d -> resultRow(browser, "CRP").getText().contains("= 12 mg/L"));
            addTest(browser, "CD4", "CD4+ T Lymphocytes");
            addTest(browser, "CD8", "CD8+ T Lymphocytes");
            assertEquals("–", browser.byId("sections:entryForm:ratioValue").getText(), "no ratio before CD4 and CD8 are typed");
            resultValue(browser, "CD4", "42.5");
            resultValue(browser, "CD8", "17.3");
            String ratio = BigDecimal.valueOf(42.5 / 17.3).setScale(4, RoundingMode.HALF_UP).toPlainString();
            assertEquals("2.4566", ratio);
            browser.waitFor(d -> d.findElement(By.id("sections:entryForm:ratioValue")).getText().equals(ratio));
            assertTrue(browser.byId("sections:entryForm:ratio").getText().contains("CD4/CD8 ratio (derived from CD4 and CD8): " + ratio),
                    browser.byId("sections:entryForm:ratio").getText());
            assertEquals("PR", browser.byId("computedCategory").getText(), "the markers leave the response as it was");
            choose(browser, "sections:entryForm:investigator", "PR");
            browser.byId("sections:entryForm:save").click();
            browser.waitForAjax();
            browser.waitFor(d -> browser.text().contains("Visit WEEK 6 saved."));
            assertEquals(ratio, browser.byId("sections:entryForm:ratioValue").getText(), "the saved visit shows the stored ratio");
            // stored as typed, with the value in the standard unit beside it, and the ratio derived from the standard values
            JsonObject stored = Casebooks.visit(COORDINATOR, study, "RD-025", "2");
            assertResult(stored, "HGB", "11.5", "g/dL", 115.0, "g/L");
            assertResult(stored, "CRP", "1.2", "mg/dL", 12.0, "mg/L");
            assertResult(stored, "CD4", "42.5", "%", 42.5, "%");
            assertResult(stored, "CD8", "17.3", "%", 17.3, "%");
            assertResult(stored, "CD4/CD8", ratio, "ratio", 42.5 / 17.3, "ratio");
            assertTrue(VisitEntryIT.byKey(stored, "results", "test", "CD4/CD8").getBoolean("derived"));
            assertEquals(2, stored.getJsonArray("lesions").size(), stored.toString());
            // the schedule shows each visit's window as text, and nothing in it is cut off
            JsonObject week6 = COORDINATOR.get(subjectPath(study, "RD-025")).json().getJsonArray("schedule")
                    .getValuesAs(JsonObject.class).stream()
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
            assertEquals("900", resultInput(browser, "HGB").getAttribute("value"));
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
            second.waitFor(d -> resultInput(second, "CRP").getAttribute("value").equals("9"));
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
            assertEquals("9", browser.find(By.xpath(CasebookPage.resultXpath("CRP") + "//input[contains(@id,':value')]")).getAttribute("value"),
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

    @Test
    void theDashboardListsTheDueAndOverdueVisitsAndTheMissingDataOfTheCoordinatorsSubjects() {
        // a site no other study has, with a coordinator of that site alone: the lists hold this copy's subjects only
        String site = Casebooks.newSiteCode("DSH");
        String study = Casebooks.studyCopy("RECIST-DEMO", "UID", dm -> dm.replace(",VIENNA,", "," + site + ","));
        String user = Fixtures.createUser("dash", "COORDINATOR", false, site);
        Api coordinator = Api.as(user, Fixtures.PASSWORD);
        String dosedToday = Casebooks.enrol(coordinator, study, site, "CTRL", LocalDate.now());
        String dosedLongAgo = Casebooks.enrol(coordinator, study, site, "IL6R", LocalDate.now().minusDays(80));
        String undosed = Casebooks.enrol(coordinator, study, site, "CTRL", null);

        JsonObject dashboard = coordinator.get("/api/dashboard").json();
        LocalDate today = LocalDate.parse(dashboard.getString("today"));
        LocalDate weekEnd = LocalDate.parse(dashboard.getString("weekEnd"));
        // what the lists must hold, from each subject's schedule as its casebook plans it: due are the visits whose
        // window reaches into today .. Sunday, in planned order; overdue those whose window closed, latest first
        Map<String, List<JsonObject>> due = new LinkedHashMap<>();
        Map<String, List<JsonObject>> overdue = new LinkedHashMap<>();
        for (String subject : List.of(dosedToday, dosedLongAgo, undosed)) {
            List<JsonObject> visits = schedule(coordinator, study, subject);
            due.put(subject, visits.stream().filter(v -> !v.isNull("windowStart")
                    && !LocalDate.parse(v.getString("windowStart")).isAfter(weekEnd)
                    && !LocalDate.parse(v.getString("windowEnd")).isBefore(today)).toList());
            overdue.put(subject, visits.stream().filter(v -> !v.isNull("windowEnd")
                    && LocalDate.parse(v.getString("windowEnd")).isBefore(today))
                    .sorted(Comparator.comparing((JsonObject v) -> v.getString("plannedDate")).reversed()).toList());
        }
        assertFalse(due.get(dosedToday).isEmpty(), "dosed today, a visit is due this week");
        assertTrue(overdue.get(dosedLongAgo).size() >= 2, "dosed 80 days ago, baseline and week 6 are overdue: " + overdue);
        assertTrue(due.get(undosed).isEmpty() && overdue.get(undosed).isEmpty(), "no first dose, nothing planned");
        String noBaseline = "no baseline tumour assessment (no target or non-target lesion)";

        try (Browser browser = new Browser()) {
            browser.login(user, Fixtures.PASSWORD);
            browser.open("/coordinator/dashboard.xhtml");
            browser.find(By.id("missing"));
            assertEquals(List.of(study), browser.tableRows("studies").stream().map(r -> r.get(0)).toList(), "this site's study only");

            for (String subject : due.keySet()) {
                assertLines(due.get(subject), rowsOf(browser, "due", subject), study, subject, site);
                assertLines(overdue.get(subject), rowsOf(browser, "overdue", subject), study, subject, site);
            }
            assertEquals(List.of(List.of(study, undosed, site, "first dose not recorded")), rowsOf(browser, "missing", undosed));
            assertEquals(List.of(List.of(study, dosedToday, site, noBaseline)), rowsOf(browser, "missing", dosedToday));
            assertEquals(List.of(List.of(study, dosedLongAgo, site, noBaseline)), rowsOf(browser, "missing", dosedLongAgo));
            // each heading counts its whole list, as the API does
            for (String[] list : new String[][] {{"dueHeading", "dueThisWeek"}, {"overdueHeading", "overdue"}, {"missingHeading", "missing"}}) {
                assertEquals(dashboard.getJsonObject(list[1]).getInt("total") + "",
                        browser.find(By.cssSelector("[id='" + list[0] + "'] .ct-count")).getText(), list[1]);
            }
            assertTrue(browser.text().contains("Windows open between today (" + today + ") and Sunday " + weekEnd + "."), browser.text());
            assertFitsTheScreen(browser, "dashboard with its lists");
            browser.screenshot("coordinator-dashboard-lists");

            // a due line leads to the casebook, at that visit
            browser.find(By.xpath("//table[@id='due']/tbody/tr[td[2][normalize-space()='" + dosedToday + "']][1]//a")).click();
            browser.waitFor(d -> d.getCurrentUrl().contains("/coordinator/casebook.xhtml"));
            String firstDue = due.get(dosedToday).get(0).getString("name");
            browser.waitFor(d -> d.findElements(By.xpath("//form[@id='sections:entryForm']//h2[starts-with(normalize-space(),'"
                    + firstDue + "')]")).size() == 1);
            assertTrue(browser.text().contains(dosedToday), browser.text());
        }
    }

    @Test
    void aRandomisedStudysEnrolmentPageSaysTheArmIsAssignedAndShowsNothingOfTheSequence() {
        String study = Casebooks.studyCopy("RECIST-DEMO", "UIR");
        Api.Answer configured = Casebooks.ADMIN.putJson("/api/studies/" + study + "/randomisation",
                "{\"blockSize\":4,\"seed\":31415926,\"reason\":\"randomised study\"}");
        assertEquals(200, configured.status(), configured.text());
        LocalDate consent = LocalDate.now().minusDays(20);
        try (Browser browser = new Browser()) {
            browser.loginAs("coordinator").open("/coordinator/enrol.xhtml?study=" + study);
            browser.find(By.id("enrolForm:enrol"));
            browser.waitForAjax();
            assertTrue(browser.text().contains("Assigned by randomisation when you enrol (permuted blocks by site)."), browser.text());
            assertTrue(browser.driver().findElements(By.id("enrolForm:arm")).isEmpty(), "no arm to choose");
            String page = browser.driver().getPageSource();
            for (String secret : List.of("31415926", "block size", "blockSize", "seed")) {
                assertFalse(page.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT)), "the page shows " + secret);
            }
            fillEnrolment(browser, "MUNICH", consent, null);
            assertFitsTheScreen(browser, "randomised enrolment");
            browser.screenshot("coordinator-enrol-randomised");
            browser.byId("enrolForm:enrol").click();
            browser.waitFor(d -> d.getCurrentUrl().contains("/coordinator/casebook.xhtml"));
            browser.find(By.id("sections:visitsForm:schedule"));
            String arm = COORDINATOR.get(subjectPath(study, "RD-025")).json().getJsonObject("subject").getString("arm");
            assertTrue(List.of("CTRL", "IL6R").contains(arm), arm);
            assertTrue(browser.text().contains("RD-025 enrolled at MUNICH, arm " + arm + " (randomised)"), browser.text());
            assertFalse(browser.driver().getPageSource().contains("31415926"), "nor does the casebook show the seed");
        }
    }

    /** Fills the enrolment form: female, 64, the test checklist answered eligible, first dose 5 days after consent. */
    private static void fillEnrolment(Browser browser, String site, LocalDate consent, String arm) {
        choose(browser, "enrolForm:site", site);
        type(browser, "enrolForm:consent", consent.toString());
        radio(browser, "enrolForm:sex:0");
        type(browser, "enrolForm:age", "64");
        if (arm != null) {
            choose(browser, "enrolForm:arm", arm);
        }
        type(browser, "enrolForm:firstDose", consent.plusDays(5).toString());
        for (int i = 0; i < 3; i++) {
            // two inclusion criteria met (Yes), the exclusion criterion not (No)
            radio(browser, "enrolForm:eligibility:" + i + ":met:" + (i < 2 ? 0 : 1));
        }
    }

    private static List<JsonObject> schedule(Api api, String study, String usubjid) {
        return api.get(subjectPath(study, usubjid)).json().getJsonArray("schedule").getValuesAs(JsonObject.class).stream()
                .map(l -> l.getJsonObject("visit")).toList();
    }

    /** The rows of a dashboard table (study, subject, site, ...) of one subject. */
    private static List<List<String>> rowsOf(Browser browser, String tableId, String usubjid) {
        return browser.tableRows(tableId).stream().filter(r -> r.get(1).equals(usubjid)).toList();
    }

    /** Due or overdue lines of a subject, in order, as its schedule plans the visits: study, subject, site, visit, planned date, window. */
    private static void assertLines(List<JsonObject> visits, List<List<String>> rows, String study, String usubjid, String site) {
        assertEquals(visits.stream().map(v -> List.of(study, usubjid, site, v.getString("name"), v.getString("plannedDate"),
                v.getString("windowStart") + " – " + v.getString("windowEnd"))).toList(), rows, usubjid);
    }

    private static void assertResult(JsonObject visit, String test, String value, String unit, double standardValue,
            String standardUnit) {
        JsonObject result = VisitEntryIT.byKey(visit, "results", "test", test);
        assertEquals(value, result.getString("value"), test + " as typed");
        assertEquals(unit, result.getString("unit"), test);
        assertEquals(standardValue, result.getJsonNumber("standardValue").doubleValue(), 1e-9, test + " standardised");
        assertEquals(standardUnit, result.getString("standardUnit"), test);
    }
}
