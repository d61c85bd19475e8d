package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cytotrial.it.support.Browser;
import org.cytotrial.it.support.Deployments;
import org.cytotrial.it.support.It;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/** The reports page in a browser: filters, the background report with its progress, the download links. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReportsPageIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void aSponsorCreatesAFilteredReportAndDownloadsItAndAListing() throws Exception {
        try (Browser browser = new Browser()) {
            browser.loginAs("sponsor");
            browser.find(By.linkText("Reports")).click();
            browser.find(By.id("reportsForm:study"));
            browser.open("/reports.xhtml?study=RECIST-DEMO");
            browser.find(By.id("reportsForm:arms"));
            assertTrue(browser.driver().findElements(By.id("reportsForm:auditTrail")).isEmpty(),
                    "the audit trail option is for administrators");
            // tick the IL6R arm
            WebElement arms = browser.byId("reportsForm:arms");
            arms.findElement(By.xpath(".//label[text()='IL6R']/preceding-sibling::div[contains(@class,'ui-chkbox')]"))
                    .click();
            browser.waitForAjax();
            browser.screenshot("reports-filters");

            browser.byId("reportsForm:create").click();
            browser.waitForAjax();
            browser.waitFor(d -> !d.findElements(By.id("reportsForm:download")).isEmpty()
                    || browser.text().contains("could not be made"));
            String link = browser.byId("reportsForm:download").getAttribute("href");
            assertTrue(browser.text().contains("RECIST-DEMO-report.xlsx"), browser.text());
            browser.screenshot("reports-done");

            HttpResponse<byte[]> report = get(browser, link);
            assertEquals(200, report.statusCode());
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(report.body()))) {
                Row first = workbook.getSheet("Summary").getRow(1);
                assertEquals("IL6R", first.getCell(0).getStringCellValue());
                Row second = workbook.getSheet("Summary").getRow(2);
                assertTrue(second == null || second.getCell(0) == null, "only the chosen arm");
            }

            String subjects = browser.byId("reportsForm:subjectsCsv").getAttribute("href");
            assertTrue(subjects.contains("arm=IL6R"), subjects);
            HttpResponse<byte[]> csv = get(browser, subjects);
            assertEquals(200, csv.statusCode());
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8)))) {
                assertEquals("IL6R", r.get("Arm"));
            }
            String sdtm = browser.byId("reportsForm:sdtm").getAttribute("href");
            assertFalse(sdtm.contains("?"), "the SDTM zip is the whole study, it takes no filters: " + sdtm);
            HttpResponse<byte[]> odm = get(browser, browser.byId("reportsForm:odm").getAttribute("href"));
            assertEquals(200, odm.statusCode());
            assertTrue(new String(odm.body(), 0, 400, java.nio.charset.StandardCharsets.UTF_8).contains("ODMVersion=\"1.3.2\""));

            // someone else's report is not there for them
            try (Browser other = new Browser()) {
                other.loginAs("admin");
                assertEquals(404, get(other, link).statusCode());
            }
        }
    }

    /**
     * An administrator ticks the audit trail: the report, made in the background, holds the
     * Audit trail sheet (the background job acts for the administrator, as the request did).
     */
    @Test
    void anAdministratorAddsTheAuditTrailSheetOnThePage() throws Exception {
        try (Browser browser = new Browser()) {
            browser.loginAs("admin");
            browser.open("/reports.xhtml?study=IL2-MM");
            WebElement option = browser.find(By.id("reportsForm:auditTrail"));
            option.findElement(By.cssSelector(".ui-chkbox-box")).click();
            browser.waitForAjax();
            browser.screenshot("reports-audit-option");
            browser.byId("reportsForm:create").click();
            browser.waitForAjax();
            browser.waitFor(d -> !d.findElements(By.id("reportsForm:download")).isEmpty()
                    || browser.text().contains("could not be made"));
            assertFalse(browser.text().contains("could not be made"), browser.text());
            HttpResponse<byte[]> report = get(browser, browser.byId("reportsForm:download").getAttribute("href"));
            assertEquals(200, report.statusCode());
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(report.body()))) {
                var sheet = workbook.getSheet("Audit trail");
                assertTrue(sheet != null && sheet.getLastRowNum() > 100, "the demo import's trail is in the report");
                assertEquals("Revision", sheet.getRow(0).getCell(0).getStringCellValue());
            }
        }
    }

    /**
     * Create starts the report in the background and the page polls for it: every poll request
     * (counted in the browser as it is sent) refreshes the progress bar and the step text, which
     * only move forward, until the page offers the download by itself, with no click in between.
     * (The steps' percentages are ReportProgressTest's; a demo report may finish before the first
     * poll, so the test asserts what every run shows: polling, then the download.)
     */
    @Test
    void afterCreateThePagePollsTheProgressAndThenOffersTheDownload() throws Exception {
        try (Browser browser = new Browser()) {
            browser.loginAs("sponsor");
            browser.open("/reports.xhtml?study=IL2-MM");
            browser.find(By.id("reportsForm:create"));
            // record every poll request and what the progress panel shows at each change of the page
            browser.script("""
                    window.ctPolls = 0; window.ctSeen = [];
                    var send = XMLHttpRequest.prototype.send;
                    XMLHttpRequest.prototype.send = function (body) {
                      if (typeof body === 'string' && body.indexOf('reportsForm%3Apoll') >= 0) { window.ctPolls++; }
                      return send.apply(this, arguments);
                    };
                    new MutationObserver(function () {
                      var step = document.getElementById('reportsForm:step');
                      var bar = document.querySelector('[id="reportsForm:bar"] .ui-progressbar-label');
                      var download = document.getElementById('reportsForm:download');
                      window.ctSeen.push({step: step ? step.textContent : null, bar: bar ? bar.textContent : null,
                                         download: !!download});
                    }).observe(document.body, {childList: true, subtree: true, characterData: true});
                    """);
            browser.byId("reportsForm:create").click();
            browser.waitFor(d -> !d.findElements(By.id("reportsForm:download")).isEmpty()
                    || browser.text().contains("could not be made"));
            assertFalse(browser.text().contains("could not be made"), browser.text());
            // the poll started with the create response stops at the first answer that the report is done
            Thread.sleep(2_500);
            long polls = (Long) browser.script("return window.ctPolls");
            assertTrue(polls >= 1, "the page polled for the report's progress");
            Thread.sleep(2_500);
            assertEquals(polls, (Long) browser.script("return window.ctPolls"), "polling stops once the report is done");

            @SuppressWarnings("unchecked")
            java.util.List<java.util.Map<String, Object>> seen = (java.util.List<java.util.Map<String, Object>>) browser
                    .script("return window.ctSeen");
            int previous = -1;
            boolean downloadOffered = false;
            for (java.util.Map<String, Object> state : seen) {
                if (Boolean.TRUE.equals(state.get("download"))) {
                    downloadOffered = true;
                } else if (state.get("bar") != null && !downloadOffered) {
                    String bar = (String) state.get("bar");
                    assertTrue(bar.matches("\\d{1,3}%"), "bar label " + bar);
                    int percent = Integer.parseInt(bar.substring(0, bar.length() - 1));
                    assertTrue(percent >= previous && percent <= 100, "progress only moves forward: " + seen);
                    previous = percent;
                    assertFalse(((String) state.get("step")).isBlank(), "a step is named beside the bar: " + seen);
                }
            }
            assertTrue(downloadOffered, "the download was offered: " + seen);
            System.out.println("progress seen while polling (" + polls + " polls): " + seen);
            HttpResponse<byte[]> report = get(browser, browser.byId("reportsForm:download").getAttribute("href"));
            assertEquals(200, report.statusCode());
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(report.body()))) {
                assertTrue(workbook.getSheet("Visits").getLastRowNum() > 0);
            }
        }
    }

    @Test
    void aCoordinatorIsToldReportsAreNotTheirs() throws Exception {
        try (Browser browser = new Browser()) {
            browser.loginAs("coordinator");
            assertTrue(browser.driver().findElements(By.linkText("Reports")).isEmpty(), "no Reports link");
            browser.open("/reports.xhtml");
            assertTrue(browser.text().contains("Not allowed"), browser.text());
            assertNull(browser.driver().findElements(By.id("reportsForm:create")).stream().findFirst().orElse(null));
            assertEquals(403, get(browser, It.baseUrl() + "/reports/files/IL2-MM/subjects.csv").statusCode());
        }
    }

    /** GET in the browser's session (the download links are session-authenticated, like the page). */
    private static HttpResponse<byte[]> get(Browser browser, String url) throws IOException, InterruptedException {
        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Cookie", "JSESSIONID=" + session.getValue())
                .GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
