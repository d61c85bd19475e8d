package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Browser;
import org.cytotrial.it.support.Deployments;
import org.cytotrial.it.support.It;
import org.cytotrial.it.support.StudyZips;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * The analytics pages in headless Chromium: each plot is rendered in the page and has the marks
 * a reader looks for, its PNG and SVG downloads work, the marker explorer answers, and an
 * investigator resolves a disagreement from the review queue.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AnalyticsPagesIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    private static int count(Browser browser, String css) {
        return browser.driver().findElements(By.cssSelector(css)).size();
    }

    @Test
    void theSummaryShowsEachArmTheRulesAndThePfsCurves() {
        try (Browser browser = new Browser()) {
            browser.loginAs("admin");
            browser.open("/index.xhtml");
            browser.find(By.id("studiesForm:studies"));
            browser.driver().findElements(By.linkText("Summary")).stream()
                    .filter(a -> a.getAttribute("href").contains("study=RECIST-DEMO")).findFirst().orElseThrow().click();
            browser.find(By.cssSelector("#kmPlot svg"));
            assertEquals(2, count(browser, "[id$='arms_data'] tr"));
            String page = browser.text();
            assertTrue(page.contains("IL6R") && page.contains("CTRL"), page);
            assertTrue(page.contains("8/12 · 66.7 %"), "ORR of IL6R as count, rate: " + page);
            assertTrue(page.contains("Clopper–Pearson") && page.contains("log-log") && page.contains("at least 10 %"),
                    "the rules used, with the study's MR band");
            assertEquals(2, count(browser, "#kmPlot svg .ct-km-curve"));
            assertTrue(count(browser, "#kmPlot svg .ct-km-censor") > 0, "censor ticks");
            assertTrue(count(browser, "#kmPlot svg .ct-km-band") > 0, "confidence bands");
            assertTrue(count(browser, "#kmPlot svg .ct-km-risk") >= 2 * 3, "numbers at risk per arm");
            assertEquals("12", browser.driver().findElements(By.cssSelector("#kmPlot svg .ct-km-risk")).get(0).getText());
            browser.screenshot("analytics-summary");
        }
    }

    @Test
    void everyPlotRendersItsMarksAndDownloadsAsPngAndSvg() {
        String study = "RECIST-DEMO";
        List<String[]> plots = List.of(
                new String[] {"km", "ct-km-curve", "2"},
                new String[] {"waterfall", "ct-bar", "24"},
                new String[] {"spider", "ct-spider-line", "24"},
                new String[] {"swimmer", "ct-swim-bar", "24"},
                new String[] {"marker", "ct-median-line", "2"});
        try (Browser browser = new Browser()) {
            browser.loginAs("sponsor");
            for (String[] plot : plots) {
                browser.open("/analytics/plots.xhtml?study=" + study + "&plot=" + plot[0]);
                browser.find(By.cssSelector("#plot svg"));
                assertEquals(Integer.parseInt(plot[2]), count(browser, "#plot svg ." + plot[1]), plot[0]);
                browser.screenshot("analytics-plot-" + plot[0]);
                byte[] png = download(browser, "downloadPng");
                assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', plot[0] + " PNG");
                String svg = new String(download(browser, "downloadSvg"), StandardCharsets.UTF_8);
                assertTrue(svg.startsWith("<svg") && svg.contains("class=\"" + plot[1] + "\""), plot[0] + " SVG");
            }
            browser.open("/analytics/plots.xhtml?study=" + study + "&plot=waterfall");
            browser.find(By.cssSelector("#plot svg"));
            assertEquals(1, count(browser, "#plot svg .ct-ref-pr"), "the -30 % line");
            assertEquals(1, count(browser, "#plot svg .ct-ref-pd"), "the +20 % line");
            browser.open("/analytics/plots.xhtml?study=" + study + "&plot=marker");
            browser.find(By.cssSelector("#plot svg"));
            assertEquals(2 * 2, count(browser, "#plot svg .ct-iqr"), "an IQR bar per arm and visit (IL-6, 2 arms x 2 visits)");
            assertEquals(2 * 2 * 2, count(browser, "#plot svg .ct-iqr-cap"), "capped at Q1 and Q3");
            browser.open("/analytics/plots.xhtml?study=" + study + "&plot=swimmer");
            browser.find(By.cssSelector("#plot svg"));
            assertEquals(24, count(browser, "#plot svg .ct-mark-ongoing"), "no RECIST-DEMO subject has ended or died");
            browser.open("/analytics/plots.xhtml?study=IL2-MM&plot=swimmer");
            browser.find(By.cssSelector("#plot svg"));
            assertTrue(count(browser, "#plot svg .ct-mark-pd") > 0 && count(browser, "#plot svg .ct-mark-death") > 0
                    && count(browser, "#plot svg .ct-mark-response") > 0, "progression, death and response marks");
            assertEquals(0, count(browser, "#plot svg .ct-mark-ongoing"), "every IL2-MM subject has an end date");

            // Kaplan-Meier by the IL-6 cut-off of the papers
            browser.open("/analytics/plots.xhtml?study=" + study + "&plot=km&groupBy=marker&marker=IL6&cutoff=4&visitnum=1");
            browser.find(By.cssSelector("#plot svg"));
            assertEquals(2, count(browser, "#plot svg .ct-km-curve"));
            assertTrue(browser.text().contains("IL6 > 4"), browser.text());
            assertTrue(browser.byId("downloadPng").getAttribute("href").contains("cutoff=4"));
        }
    }

    /** Fetches a download link of the page with the browser's session. */
    private static byte[] download(Browser browser, String linkId) {
        String href = browser.byId(linkId).getAttribute("href");
        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        HttpRequest request = HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", session.getName() + "=" + session.getValue()).build();
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode(), href);
            assertTrue(response.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theMarkerExplorerCorrelatesComparesAndSplitsPfsByACutOff() {
        try (Browser browser = new Browser()) {
            browser.loginAs("investigator");
            browser.open("/analytics/explorer.xhtml?study=RECIST-DEMO");
            browser.find(By.cssSelector(".ct-marker-course svg"));
            assertTrue(count(browser, "[id$='summaries_data'] tr") >= 2, "IL6 per arm and visit");
            assertEquals(2, count(browser, ".ct-marker-course svg .ct-median-line"));

            browser.byId("spearmanForm:run").click();
            browser.waitForAjax();
            String spearman = browser.byId("spearmanForm:result").getText();
            assertTrue(spearman.contains("ρ =") && spearman.contains("pairs"), spearman);

            browser.byId("mannWhitneyForm:run").click();
            browser.waitForAjax();
            assertTrue(browser.byId("mannWhitneyForm:result").getText().startsWith("W ="));

            WebElement cutoff = browser.byId("pfsForm:cutoff");
            cutoff.clear();
            cutoff.sendKeys("20");
            browser.byId("pfsForm:run").click();
            browser.waitForAjax();
            browser.find(By.cssSelector("[id='pfsForm:result'] svg"));
            assertEquals(2, count(browser, "[id='pfsForm:result'] svg .ct-km-curve"));
            String result = browser.byId("pfsForm:result").getText();
            assertTrue(result.contains("IL6 > 20") && result.contains("IL6 <= 20") && result.contains("Log-rank"), result);
            browser.screenshot("analytics-markers");
        }
    }

    @Test
    void anInvestigatorCorrectsADisagreementFromTheQueue() {
        String code = It.uniqueCode("RVP");
        String original = "RECIST-DEMO,RS,RD-001,2,OVRLRESP,Overall Response,MR,INVESTIGATOR,3,WEEK 12,2019-03-31";
        byte[] zip = StudyZips.demoWith("RECIST-DEMO", "RS.csv", rs -> rs.replace(original, original.replace(",MR,", ",SD,")));
        assertEquals(201, Api.as("admin").post("/api/studies?code=" + code, "application/zip", zip).status());
        try (Browser browser = new Browser()) {
            browser.loginAs("investigator");
            browser.open("/analytics/review.xhtml?study=" + code);
            assertTrue(browser.byId("counts").getText().startsWith("1 open"), browser.byId("counts").getText());
            browser.byId("queueForm:queue:0:review").click();
            browser.waitForAjax();
            browser.byId("reviewForm:save").click();
            browser.waitForAjax();
            assertTrue(browser.byId("reviewForm:dialogMessages").getText().contains("a reason is required"),
                    "a review without a reason is refused");
            WebElement reason = browser.byId("reviewForm:reason");
            reason.sendKeys("Sum of diameters fell by 10 % or more: minor response");
            browser.screenshot("analytics-review-dialog");
            browser.byId("reviewForm:save").click();
            browser.waitForAjax();
            browser.waitFor(d -> browser.byId("counts").getText().startsWith("0 open"));
            assertTrue(browser.text().contains("MR corrected"), browser.text());
            browser.screenshot("analytics-review-done");
        }
        assertEquals("CORRECTED", Api.as("admin").get("/api/studies/" + code + "/review-queue?status=reviewed").json()
                .getJsonArray("items").getJsonObject(0).getString("reviewStatus"));
    }

    @Test
    void coordinatorsDoNotOpenAnalytics() {
        try (Browser browser = new Browser()) {
            browser.loginAs("coordinator");
            browser.open("/index.xhtml");
            browser.find(By.id("studiesForm:studies"));
            assertEquals(0, count(browser, "[id$='summaryLink'], [id$='markersLink']"), "no analytics links for a coordinator");
            browser.open("/analytics/summary.xhtml?study=IL2-MM");
            assertTrue(browser.text().contains("Not allowed"), browser.text());
        }
    }
}
