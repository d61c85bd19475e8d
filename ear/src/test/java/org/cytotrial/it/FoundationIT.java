package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The security baseline and the health check, on the deployed application. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FoundationIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void healthAnswersWithoutLoginAndNamesVersionAndDatabase() {
        Api.Answer answer = Api.anonymous().get("/api/health");
        assertEquals(200, answer.status());
        JsonObject health = answer.json();
        assertEquals("UP", health.getString("status"));
        assertTrue(health.getString("version").matches("\\d+\\.\\d+\\.\\d+.*"), health.toString());
        assertTrue(health.getString("database").startsWith("PostgreSQL"), health.toString());
    }

    @Test
    void everyApiCallButHealthNeedsAuthentication() {
        Api.Answer answer = Api.anonymous().get("/api/studies");
        assertEquals(401, answer.status());
        assertNotNull(answer.header("WWW-Authenticate"));
        assertEquals(401, Api.anonymous().get("/api/studies/IL2-MM").status());
        assertEquals(401, Api.anonymous().get("/api/studies/IL2-MM/sdtm.zip").status());
        assertEquals(401, Api.anonymous().post("/api/studies", "application/zip", new byte[] {1}).status());
    }

    @Test
    void wrongPasswordIsRefused() {
        assertEquals(401, Api.as("admin", "not-the-password").get("/api/studies").status());
        assertEquals(401, Api.as("nobody", "cytotrial-demo").get("/api/studies").status());
    }

    @Test
    void pagesRedirectToTheLoginPageWhichItselfIsOpen() {
        Api.Answer index = Api.anonymous().get("/index.xhtml");
        assertEquals(302, index.status());
        assertTrue(index.header("Location").contains("/login.xhtml"), index.header("Location"));
        Api.Answer login = Api.anonymous().get("/login.xhtml");
        assertEquals(200, login.status());
        assertTrue(login.text().contains("loginForm"));
        assertEquals("DENY", login.header("X-Frame-Options"));
        assertEquals("nosniff", login.header("X-Content-Type-Options"));
        assertTrue(login.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
    }

    @Test
    void eachDemoRoleLogsInAndSeesStudiesAccordingToItsSites() {
        for (String user : new String[] {"admin", "coordinator", "investigator", "sponsor", "monitor"}) {
            assertEquals(200, Api.as(user).get("/api/studies").status(), user);
        }
        JsonObject adminView = Api.as("admin").get("/api/studies/IL2-MM").json();
        JsonObject coordinatorView = Api.as("coordinator").get("/api/studies/IL2-MM").json();
        assertEquals(18, adminView.getInt("subjects"));
        assertTrue(coordinatorView.getInt("subjects") < 18, "the coordinator sees only the subjects of own sites");
        assertTrue(coordinatorView.getJsonArray("sites").stream().map(Object::toString)
                .noneMatch(s -> s.contains("KIEL") || s.contains("BREMEN")), coordinatorView.toString());
    }
}
