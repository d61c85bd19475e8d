package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cytotrial.it.support.Browser;
import org.cytotrial.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** The UI stack end to end: form login, the studies list, logout, in headless Chromium. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoginPageIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void anAdministratorLogsInAndSeesEveryStudy() {
        try (Browser browser = new Browser()) {
            browser.open("/index.xhtml");
            assertTrue(browser.driver().getCurrentUrl().contains("/login.xhtml"), "pages need a login");
            browser.screenshot("login");
            browser.loginAs("admin");
            browser.find(By.id("studiesForm:studies"));
            String page = browser.text();
            assertTrue(page.contains("IL2-MM") && page.contains("RECIST-DEMO"), page);
            assertTrue(page.contains("Import a study"), "administrators see the import link");
            browser.screenshot("studies-admin");

            browser.open("/admin/markers.xhtml");
            browser.find(By.id("markerForm:catalogue"));
            assertTrue(browser.text().contains("g/dL (×10.0)"), "the catalogue shows accepted units with factors");
            browser.screenshot("markers-admin");

            browser.byId("logoutForm:logout").click();
            browser.waitFor(d -> d.getCurrentUrl().contains("/login.xhtml"));
            browser.open("/index.xhtml");
            assertTrue(browser.driver().getCurrentUrl().contains("/login.xhtml"), "logged out means logged out");
        }
    }

    @Test
    void aCoordinatorSeesOwnSitesOnlyAndNoAdministration() {
        try (Browser browser = new Browser()) {
            browser.loginAs("coordinator");
            browser.find(By.id("studiesForm:studies"));
            String page = browser.text();
            assertTrue(page.contains("HAMBURG") && !page.contains("KIEL"), page);
            assertFalse(page.contains("Import a study"), "no import link for a coordinator");
            browser.open("/admin/import.xhtml");
            assertTrue(browser.text().contains("Not allowed"), browser.text());
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessage() {
        try (Browser browser = new Browser()) {
            browser.login("admin", "wrong-password");
            assertTrue(browser.driver().getCurrentUrl().contains("/login.xhtml"));
            assertTrue(browser.text().contains("Wrong user name or password"), browser.text());
        }
    }
}
