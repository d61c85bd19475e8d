package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Browser;
import org.cytotrial.it.support.Database;
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

/**
 * Hostile input end to end: script and markup in free text are data, shown as text on every
 * page and in every export, never run; SQL in free text is stored as written; uploads built to
 * exhaust the server are refused with a reason and store nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileInputIT {

    static final String TITLE = "<script>alert('title')</script><b id=\"injected-title\">bold</b>";
    static final String AE_TERM = "<img id=\"injected-img\" src=x onerror=alert(1)>'); DROP TABLE subject; --";
    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static String importHostile() {
        String code = It.uniqueCode("XSS");
        Map<String, String> files = StudyZips.demoFiles("IL2-MM");
        files.put("TS.csv", files.get("TS.csv").replace(
                "\"Low-dose recombinant interleukin-2 in advanced multiple myeloma, phase I/II\"", csv(TITLE)));
        files.put("AE.csv", files.get("AE.csv").replaceFirst("Fever and chills", java.util.regex.Matcher.quoteReplacement(csv(AE_TERM)))
                .replaceFirst("Injection site erythema,Injection", java.util.regex.Matcher.quoteReplacement(csv(FORMULA)) + ",Injection"));
        Api.Answer answer = Api.as("admin").post("/api/studies?code=" + code, "application/zip", StudyZips.zip(files));
        assertEquals(201, answer.status(), answer.text());
        return code;
    }

    @Test
    void scriptAndSqlInFreeTextAreStoredAsWrittenAndShownAsText() {
        String code = importHostile();
        assertEquals(1, Database.count("select count(*) from adverse_event a join subject s on s.id = a.subject_id"
                + " join study st on st.id = s.study_id where st.code = ? and a.term = ?", code, AE_TERM));
        assertEquals(1, Database.count("select count(*) from study where code = ? and title = ?", code, TITLE));
        assertTrue(Database.count("select count(*) from subject") > 0, "the table is still there");

        try (Browser browser = new Browser()) {
            browser.loginAs("admin");
            browser.find(By.id("studiesForm:studies"));
            assertTrue(browser.text().contains(TITLE), "the title is shown as text");
            assertNoInjection(browser);
            browser.screenshot("hostile-title");

            browser.open("/audit/trail.xhtml?study=" + code + "&subject=IL2-MM-001");
            browser.byId("trailForm:entries");
            assertTrue(browser.text().contains(AE_TERM), "the adverse event term is shown as text");
            assertNoInjection(browser);
        }

        // exports: the SDTM exchange file keeps the value as entered; the audit CSV defuses formulas
        String ae = StudyZips.unzip(Api.as("admin").get("/api/studies/" + code + "/sdtm.zip").bytes()).get("AE.csv");
        assertTrue(ae.contains(csv(AE_TERM)) || ae.contains(AE_TERM), ae);
        String audit = Api.as("admin").get("/api/studies/" + code + "/audit-trail/export.csv?subject=IL2-MM-001").text();
        assertTrue(audit.contains(csv("'" + FORMULA)), "a formula is written with a leading apostrophe");
        assertTrue(!audit.contains("," + csv(FORMULA)), "and never bare");
        assertTrue(audit.contains(AE_TERM.replace("\"", "\"\"")), "markup in the CSV is plain text");

        // the report's adverse event listing defuses it too; in the workbook's audit trail sheet it is a text cell
        String listing = Api.as("admin").get("/api/studies/" + code + "/listings/adverse-events.csv").text();
        assertTrue(listing.contains(csv("'" + FORMULA)), "a formula in a listing gets a leading apostrophe: " + listing);
        assertTrue(!listing.contains("," + csv(FORMULA)), "and never bare");
        assertTrue(listing.contains(AE_TERM.replace("\"", "\"\"")), "markup as written");
        Api.Answer report = Api.as("admin").get("/api/studies/" + code + "/report.xlsx?audit=true");
        assertEquals(200, report.status(), report.text());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(report.bytes()))) {
            int formulas = 0;
            boolean asText = false;
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        formulas += cell.getCellType() == CellType.FORMULA ? 1 : 0;
                        asText |= cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(FORMULA);
                    }
                }
            }
            assertEquals(0, formulas, "no cell of the workbook is a formula");
            assertTrue(asText, "the hostile term is in the audit trail sheet as the text it was");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertNoInjection(Browser browser) {
        assertThrows(NoAlertPresentException.class, () -> browser.driver().switchTo().alert(), "a script ran");
        assertEquals(0L, browser.script("return document.querySelectorAll('#injected-title, #injected-img').length;"));
    }

    @Test
    void uploadsBuiltToExhaustTheServerAreRefusedAndStoreNothing() {
        Map<String, Long> before = Database.rowCounts();
        // an entry whose zip directory claims 100 bytes but that expands to 64 MB
        byte[] lying = lyingZip();
        Api.Answer bomb = Api.as("admin").post("/api/studies?code=" + It.uniqueCode("BOMB"), "application/zip", lying);
        assertEquals(422, bomb.status(), bomb.text());
        assertTrue(bomb.text().contains("possible zip bomb"), bomb.text());

        Map<String, String> files = StudyZips.demoFiles("IL2-MM");
        byte[] latin1 = files.get("AE.csv").replaceFirst("Fever and chills", "Fieber über 39 °C").getBytes(StandardCharsets.ISO_8859_1);
        Api.Answer encoding = Api.as("admin").post("/api/studies?code=" + It.uniqueCode("ENC"), "application/zip",
                zipWith(files, "AE.csv", latin1));
        assertEquals(422, encoding.status());
        assertTrue(encoding.text().contains("not UTF-8"), encoding.text());

        byte[] endless = ("STUDYID,DOMAIN,USUBJID,AESEQ,AETERM,AEDECOD,AETOXGR,AESER,AEREL,AESTDTC,AEENDTC\nIL2-MM,AE,IL2-MM-001,1,"
                + "x".repeat(2 << 20)).getBytes(StandardCharsets.UTF_8);
        Api.Answer row = Api.as("admin").post("/api/studies?code=" + It.uniqueCode("ROW"), "application/zip",
                zipWith(files, "AE.csv", endless));
        assertEquals(422, row.status());
        assertTrue(row.text().contains("longer than"), row.text());
        assertEquals(before, Database.rowCounts(), "nothing stored");
    }

    private static byte[] zipWith(Map<String, String> files, String name, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getKey().equals(name) ? content : file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] lyingZip() {
        byte[] zip = zipWith(StudyZips.demoFiles("IL2-MM"), "AE.csv", new byte[64 * 1024 * 1024]);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 0x01 && zip[i + 3] == 0x02) {
                int nameLength = (zip[i + 28] & 0xff) | (zip[i + 29] & 0xff) << 8;
                if (new String(zip, i + 46, nameLength, StandardCharsets.UTF_8).equals("AE.csv")) {
                    zip[i + 24] = 100;
                    zip[i + 25] = 0;
                    zip[i + 26] = 0;
                    zip[i + 27] = 0;
                }
            }
        }
        return zip;
    }
}
