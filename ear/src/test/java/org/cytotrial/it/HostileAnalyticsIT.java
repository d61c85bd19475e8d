package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
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
import org.openqa.selenium.NoAlertPresentException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The analytics pages inline server-made SVG unescaped ({@code escape="false"}); that is safe only
 * because every text of a plot goes through {@code SvgRenderer.escape}. This imports a study whose
 * title, arm code and name, site, visit name and a subject id carry script and markup (and adds a
 * marker whose catalogue name does), opens every page that draws from them, and checks that no
 * injected element exists, no script ran, and the text is shown as written; then that the SVG
 * downloads are well-formed XML holding the same text.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileAnalyticsIT {

    static final String TITLE = "<script>alert('title')</script>\"><img id=\"inj-title\" src=x onerror=alert(1)> ]]> &amp;";
    /** ARMCD takes 20 characters. */
    static final String ARM_CODE = "\"><b id=inj-arm>]]>";
    static final String ARM_NAME = "Anti-IL-6R <script>alert('arm')</script><img id=\"inj-armname\" src=x onerror=alert(2)> ]]> &amp;";
    /** SITEID takes 40. */
    static final String SITE = "<img id=inj-site src=x onerror=alert(3)>";
    static final String VISIT = "WEEK 12 <img id=inj-visit src=x onerror=alert(4)> ]]> &amp;";
    static final String SUBJECT = "RD-001<img id=inj-subj src=x onerror=alert(5)>";
    static final String MARKER_NAME = "<img id=\"inj-marker\" src=x onerror=alert(6)> ]]> &amp; \"IL-6\"";

    private static final Api ADMIN = Api.as("admin");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String replaced(String text, String what, String by) {
        assertTrue(text.contains(what), "the demo text this test changes: " + what);
        return text.replace(what, by);
    }

    /** A marker of the catalogue with a hostile name; its code must be a catalogue code. */
    private static String hostileMarker() {
        String code = "XSS" + System.nanoTime() % 100_000;
        String definition = jakarta.json.Json.createObjectBuilder().add("code", code).add("name", MARKER_NAME)
                .add("category", "CYTOKINES").add("standardUnit", "pg/mL").add("plausibleLow", 0)
                .add("plausibleHigh", 100000).build().toString();
        Api.Answer created = ADMIN.postJson("/api/markers", definition);
        assertEquals(201, created.status(), created.text());
        return code;
    }

    /** RECIST-DEMO with every label the plots and pages show made hostile. */
    private static String importHostile(String marker) {
        Map<String, String> files = StudyZips.demoFiles("RECIST-DEMO");
        files.put("TS.csv", replaced(files.get("TS.csv"), "Synthetic two-arm solid tumour study (demonstration data)",
                csv(TITLE)));
        files.put("DM.csv", replaced(files.get("DM.csv"), ",IL6R,Anti-IL-6R (tocilizumab) 8 mg/kg q4w,",
                "," + csv(ARM_CODE) + "," + csv(ARM_NAME) + ","));
        files.put("DM.csv", replaced(files.get("DM.csv"), ",BERLIN,", "," + SITE + ","));
        // the subject id and the visit name in every file that has them
        for (Map.Entry<String, String> file : files.entrySet()) {
            String text = file.getValue().replace(",RD-001,", "," + SUBJECT + ",").replace(",WEEK 12,", "," + VISIT + ",");
            file.setValue(text);
        }
        // the hostile marker's results: a copy of every IL-6 result
        StringBuilder lb = new StringBuilder(files.get("LB.csv"));
        for (String line : files.get("LB.csv").split("\n")) {
            if (line.contains(",IL6,Interleukin 6,CYTOKINES,")) {
                String[] f = line.split(",", 5);
                lb.append(f[0]).append(',').append(f[1]).append(',').append(f[2]).append(',')
                        .append(Integer.parseInt(f[3]) + 1000).append(',')
                        .append(f[4].replace("IL6,Interleukin 6,", marker + ",Hostile marker,")).append('\n');
            }
        }
        files.put("LB.csv", lb.toString());
        String code = It.uniqueCode("XSA");
        Api.Answer imported = ADMIN.post("/api/studies?code=" + code, "application/zip", StudyZips.zip(files));
        assertEquals(201, imported.status(), imported.text());
        return code;
    }

    @Test
    void hostileLabelsAreTextOnEveryAnalyticsPageAndInEverySvg() throws Exception {
        String marker = hostileMarker();
        String code = importHostile(marker);
        assertEquals(ARM_CODE, ADMIN.get("/api/studies/" + code + "/summary").json().getJsonArray("arms").getJsonObject(0)
                .getString("arm"), "stored as written");

        try (Browser browser = new Browser()) {
            browser.loginAs("admin");

            browser.open("/analytics/summary.xhtml?study=" + code);
            browser.find(By.cssSelector("#kmPlot svg"));
            assertNoInjection(browser, "summary");
            String page = browser.text();
            for (String shown : List.of(TITLE, ARM_CODE, ARM_NAME)) {
                assertTrue(page.contains(shown), "summary shows as text: " + shown);
            }
            assertTrue(svgTexts(browser, "#kmPlot svg").contains(ARM_CODE), "the KM legend names the arm as written");
            browser.screenshot("hostile-analytics-summary");

            for (String plot : List.of("km", "waterfall", "spider", "swimmer", "marker&marker=" + marker)) {
                browser.open("/analytics/plots.xhtml?study=" + code + "&plot=" + plot);
                browser.find(By.cssSelector("#plot svg"));
                assertNoInjection(browser, plot);
                String texts = svgTexts(browser, "#plot svg");
                switch (plot.substring(0, Math.min(plot.length(), 6))) {
                    case "km" -> assertTrue(texts.contains(ARM_CODE), texts);
                    case "waterf", "spider", "swimme" -> assertTrue(texts.contains(SUBJECT), plot + ": " + texts);
                    default -> assertTrue(texts.contains(VISIT) && texts.contains(MARKER_NAME), plot + ": " + texts);
                }
            }
            browser.screenshot("hostile-analytics-marker");

            browser.open("/analytics/explorer.xhtml?study=" + code);
            browser.find(By.cssSelector(".ct-marker-course svg"));
            assertNoInjection(browser, "explorer");
            assertTrue(svgTexts(browser, ".ct-marker-course svg").contains(VISIT), "the visit as written");
            assertTrue(browser.text().contains(VISIT), "and in the table");
            browser.byId("pfsForm:run").click();
            browser.waitForAjax();
            browser.find(By.cssSelector("[id='pfsForm:result'] svg"));
            browser.byId("mannWhitneyForm:run").click();
            browser.waitForAjax();
            assertNoInjection(browser, "explorer after its analyses");
            String markers = (String) browser.script("return Array.from(document.querySelectorAll("
                    + "\"[id='summaryForm:tests'] option, [id='summaryForm:tests_panel'] label\"))"
                    + ".map(e => e.textContent).join('|');");
            assertTrue(markers.contains(MARKER_NAME) || markers.contains(marker), "the marker is offered: " + markers);
            browser.screenshot("hostile-analytics-explorer");

            browser.open("/analytics/review.xhtml?study=" + code + "&status=all");
            browser.byId("counts");
            assertNoInjection(browser, "review");
        }

        for (String plot : List.of("km", "waterfall", "spider", "swimmer", "marker")) {
            String query = plot.equals("marker") ? "?marker=" + marker : "";
            Api.Answer svg = ADMIN.get("/api/studies/" + code + "/plots/" + plot + ".svg" + query);
            assertEquals(200, svg.status(), svg.text());
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.bytes()));
            String texts = texts(doc.getElementsByTagName("text")) + texts(doc.getElementsByTagName("title"));
            assertTrue(texts.contains(plot.equals("km") ? ARM_CODE : plot.equals("marker") ? MARKER_NAME : SUBJECT),
                    plot + " SVG holds the text as written: " + texts);
            assertTrue(!svg.text().contains("<img") && !svg.text().contains("<script") && !svg.text().contains("<b "),
                    plot + " SVG has no markup from the data");
            Api.Answer png = ADMIN.get("/api/studies/" + code + "/plots/" + plot + ".png" + query);
            assertEquals(200, png.status());
            assertTrue(png.bytes()[1] == 'P' && png.bytes()[2] == 'N' && png.bytes()[3] == 'G', plot + " PNG");
        }
    }

    /** No element the data tried to inject, no element with an inline handler, no dialog opened by a script. */
    private static void assertNoInjection(Browser browser, String where) {
        try {
            Thread.sleep(300); // time for an injected img to fail and fire its onerror
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert(), where + ": a script ran");
        assertEquals(0L, browser.script("return document.querySelectorAll('[id^=inj-], img[onerror], b[id]').length;"),
                where + ": injected markup in the DOM");
    }

    /** The text of every text and title element of the page's SVG(s). */
    private static String svgTexts(Browser browser, String svg) {
        return (String) browser.script("return Array.from(document.querySelectorAll(arguments[0] + ' text, ' + arguments[0]"
                + " + ' title')).map(e => e.textContent).join('\\n');", svg);
    }

    private static String texts(NodeList nodes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return String.join("\n", out);
    }
}
