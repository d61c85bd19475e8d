package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Browser;
import org.cytotrial.it.support.Database;
import org.cytotrial.it.support.DeployedApplication;
import org.cytotrial.it.support.Deployments;
import org.cytotrial.it.support.Fixtures;
import org.cytotrial.it.support.It;
import org.cytotrial.it.support.SessionCookie;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Login and session security: hashed passwords, lock-out after repeated failures, a new session
 * id at login, cookie flags and timeout, security headers on every kind of answer, and CSRF: the
 * API ignores session cookies, and a page form post without the server's view state does nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityBaselineIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    private static String sessionCookie(Browser browser) {
        return browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
    }

    private static Api.Answer withCookie(String path, String session) {
        Api api = Api.anonymous();
        return api.send(api.request(path).header("Cookie", "JSESSIONID=" + session).GET());
    }

    @Test
    void passwordsAreStoredAsSaltedPbkdf2() {
        assertEquals(5, Database.count("select count(*) from app_user where username in"
                + " ('admin','coordinator','investigator','sponsor','monitor') and password_hash like 'pbkdf2-sha256$210000$%'"));
        assertEquals(5, Database.count("select count(distinct password_hash) from app_user where username in"
                + " ('admin','coordinator','investigator','sponsor','monitor')"), "same password, different salts");
        assertEquals(0, Database.count("select count(*) from app_user where password_hash like '%cytotrial-demo%'"));
    }

    @Test
    void fiveFailedLoginsLockTheAccountForAWhile() {
        String user = Fixtures.createUser("lockout", "MONITOR", false, "HAMBURG");
        assertEquals(200, Api.as(user, Fixtures.PASSWORD).get("/api/studies").status());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, Api.as(user, "wrong-" + i).get("/api/studies").status());
        }
        assertEquals(401, Api.as(user, Fixtures.PASSWORD).get("/api/studies").status(), "locked: even the right password fails");
        assertEquals(1, Database.count("select count(*) from app_user where username = ? and failed_logins = 5"
                + " and locked_until > current_timestamp + interval '20 seconds'", user));
        try (Browser browser = new Browser()) {
            browser.login(user, Fixtures.PASSWORD);
            assertTrue(browser.text().contains("Too many failed logins: this account is locked for"), browser.text());
        }
        // the lock ends by itself (here: moved into the past instead of waiting 30 seconds)
        try (var c = Database.connect(); var s = c.prepareStatement(
                "update app_user set locked_until = current_timestamp - interval '1 second' where username = ?")) {
            s.setString(1, user);
            s.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(200, Api.as(user, Fixtures.PASSWORD).get("/api/studies").status());
        assertEquals(0, Database.count("select failed_logins from app_user where username = ?", user));
    }

    @Test
    void theSessionIdChangesAtLoginAndTheOldOneIsWorthless() {
        try (Browser browser = new Browser()) {
            browser.open("/login.xhtml");
            String before = sessionCookie(browser);
            browser.loginAs("monitor");
            browser.find(By.id("studiesForm:studies"));
            String after = sessionCookie(browser);
            assertNotEquals(before, after);
            assertEquals(302, withCookie("/index.xhtml", before).status(), "the pre-login session id is not logged in");
            assertEquals(200, withCookie("/index.xhtml", after).status());
            browser.byId("logoutForm:logout").click();
            browser.waitFor(d -> d.getCurrentUrl().contains("/login.xhtml"));
            assertEquals(302, withCookie("/index.xhtml", after).status(), "logged out means the session is gone");
        }
    }

    @Test
    void theSessionCookieIsHttpOnlySameSiteAndTimesOut() {
        // attributes by name, whatever their case (Undertow may write "secure"); FaultsIT checks Secure outside demo mode
        SessionCookie.FormLogin form = SessionCookie.formLogin(It.baseUrl(), "monitor", It.DEMO_PASSWORD);
        assertEquals(302, form.login().status(), form.login().text());
        for (SessionCookie cookie : new SessionCookie[] {SessionCookie.of(form.page()), SessionCookie.of(form.login())}) {
            assertTrue(cookie.has("HttpOnly"), cookie.toString());
            assertEquals("lax", cookie.attribute("SameSite").toLowerCase(java.util.Locale.ROOT), cookie.toString());
            assertFalse(cookie.has("Secure"), "demo mode runs on plain HTTP; production sets Secure: " + cookie);
        }
        Matcher timeout = Pattern.compile("<session-timeout>(\\d+)</session-timeout>").matcher(DeployedApplication.read().webXml());
        assertTrue(timeout.find());
        int minutes = Integer.parseInt(timeout.group(1));
        assertTrue(minutes > 0 && minutes <= 30, "idle sessions end after at most 30 minutes: " + minutes);
        assertTrue(DeployedApplication.read().webXml().contains("<tracking-mode>COOKIE</tracking-mode>"), "no session ids in URLs");
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        Map<String, Api.Answer> answers = new LinkedHashMap<>();
        answers.put("login page", Api.anonymous().get("/login.xhtml"));
        answers.put("page", Api.as("admin").get("/index.xhtml"));
        answers.put("404 page", Api.as("admin").get("/no-such-page.xhtml"));
        answers.put("403 page", Api.as("sponsor").get("/admin/import.xhtml"));
        answers.put("API", Api.as("admin").get("/api/studies"));
        answers.put("API 401", Api.anonymous().get("/api/studies"));
        answers.put("API 404", Api.as("admin").get("/api/studies/NO-SUCH-STUDY"));
        answers.put("health", Api.anonymous().get("/api/health"));
        for (Map.Entry<String, Api.Answer> answer : answers.entrySet()) {
            Api.Answer a = answer.getValue();
            String what = answer.getKey() + " (" + a.status() + ")";
            assertEquals("nosniff", a.header("X-Content-Type-Options"), what);
            assertEquals("DENY", a.header("X-Frame-Options"), what);
            assertTrue(String.valueOf(a.header("Content-Security-Policy")).contains("frame-ancestors 'none'"), what);
            assertTrue(String.valueOf(a.header("Content-Security-Policy")).contains("default-src 'self'"), what);
            assertEquals("same-origin", a.header("Referrer-Policy"), what);
            assertEquals("no-store", a.header("Cache-Control"), what);
        }
    }

    @Test
    void aSessionCookieAloneCannotCallTheApi() {
        String code = Fixtures.importDemo("IL2-MM", "CSRF");
        try (Browser browser = new Browser()) {
            browser.loginAs("admin");
            String session = sessionCookie(browser);
            assertEquals(200, withCookie("/index.xhtml", session).status(), "the cookie is a live admin session");
            Api api = Api.anonymous();
            Api.Answer post = api.send(api.request("/api/studies/" + code + "/locks").header("Cookie", "JSESSIONID=" + session)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"level\":\"STUDY\",\"cutOff\":\"2020-01-01\",\"reason\":\"csrf\"}")));
            assertEquals(401, post.status(), post.text());
            assertEquals(401, withCookie("/api/studies", session).status());
        }
        assertEquals(0, Database.count("select count(*) from data_lock l join study s on s.id = l.study_id where s.code = ?", code));
    }

    @Test
    void aFormPostWithoutTheServersViewStateDoesNothing() {
        String code = Fixtures.importDemo("IL2-MM", "CSRF");
        try (Browser browser = new Browser()) {
            browser.loginAs("admin");
            browser.open("/admin/locks.xhtml?study=" + code);
            String viewState = browser.driver().findElement(By.cssSelector("#locksForm input[name='jakarta.faces.ViewState']")).getAttribute("value");
            String action = browser.byId("locksForm").getAttribute("action");
            String session = sessionCookie(browser);

            Api.Answer forged = postLockForm(action, session, "forged-" + viewState.hashCode());
            assertNotEquals(200, forged.status(), "a forged post is not processed: " + forged.status());
            assertEquals(0, Database.count("select count(*) from data_lock l join study s on s.id = l.study_id where s.code = ?", code));

            // the same post with the server's own view state works: the refusal above is the token's doing
            Api.Answer genuine = postLockForm(action, session, viewState);
            assertEquals(200, genuine.status(), genuine.text());
            assertEquals(1, Database.count("select count(*) from data_lock l join study s on s.id = l.study_id where s.code = ?", code));
        }
    }

    private static Api.Answer postLockForm(String action, String session, String viewState) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("locksForm", "locksForm");
        form.put("locksForm:level", "STUDY");
        form.put("locksForm:site", "");
        form.put("locksForm:subject", "");
        form.put("locksForm:cutOff_input", "2020-01-01");
        form.put("locksForm:reason", "posted form");
        form.put("locksForm:unlockId", "");
        form.put("locksForm:unlockReason", "");
        form.put("locksForm:lock", "locksForm:lock");
        form.put("jakarta.faces.ViewState", viewState);
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        String path = action.substring(action.indexOf("/cytotrial") + "/cytotrial".length());
        Api api = Api.anonymous();
        return api.send(api.request(path).header("Cookie", "JSESSIONID=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void aSiteBoundUserWithoutSitesSeesNoStudy() {
        String user = Fixtures.createUser("norole", "MONITOR", false);
        Api api = Api.as(user, Fixtures.PASSWORD);
        assertEquals(List.of(), api.get("/api/studies").jsonArray(), "a user without sites sees no study");
        assertEquals(404, api.get("/api/studies/IL2-MM").status());
    }
}
