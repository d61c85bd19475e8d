package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

/** An administrator imports a study from the browser; a bad zip is refused with its problems listed. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ImportPageIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    private static Path file(byte[] zip) throws IOException {
        Path file = Files.createTempFile("upload-", ".zip");
        Files.write(file, zip);
        file.toFile().deleteOnExit();
        return file;
    }

    private static void upload(Browser browser, Path zip, String code) {
        browser.open("/admin/import.xhtml");
        browser.driver().findElement(By.cssSelector("#importForm input[type=file]")).sendKeys(zip.toString());
        browser.byId("importForm:code").clear();
        browser.byId("importForm:code").sendKeys(code);
        browser.byId("importForm:submit").click();
        browser.waitFor(d -> !d.findElements(By.cssSelector("#importForm\\:messages .ui-messages-info, #importForm\\:messages .ui-messages-error")).isEmpty());
    }

    @Test
    void anAdministratorImportsAStudyFromTheBrowser() throws IOException {
        String code = It.uniqueCode("UI");
        try (Browser browser = new Browser()) {
            browser.loginAs("admin");
            upload(browser, file(StudyZips.demo("RECIST-DEMO")), code);
            assertTrue(browser.text().contains("Study " + code + " imported: 24 subjects"), browser.text());
            browser.screenshot("import-done");
            browser.open("/index.xhtml");
            assertTrue(browser.text().contains(code), "the new study is listed");
        }
        assertEquals(24, Database.count("select count(*) from subject s join study st on st.id = s.study_id where st.code = ?", code));
    }

    @Test
    void aBadUploadListsEveryProblemAndStoresNothing() throws IOException {
        byte[] bad = StudyZips.demoWith("IL2-MM", "LB.csv",
                t -> t.replaceFirst("0.20,10\\^9/L", "0.20,mmol/L").replaceFirst("31.8,%", "<script>alert(1)</script>,%"));
        Map<String, Long> before = Database.rowCounts();
        try (Browser browser = new Browser()) {
            browser.loginAs("admin");
            upload(browser, file(bad), It.uniqueCode("UIBAD"));
            String page = browser.text();
            assertTrue(page.contains("Nothing was imported: 2 problems found"), page);
            assertTrue(page.contains("unit 'mmol/L' is not accepted for EOS"), page);
            assertTrue(page.contains("'<script>alert(1)</script>' is not a number"), "shown as text, not run: " + page);
            assertTrue(browser.driver().findElements(By.cssSelector("#importForm\\:problems tbody tr")).size() == 2);
            browser.screenshot("import-refused");
        }
        assertEquals(before, Database.rowCounts());
    }
}
