package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.DeployedApplication;
import org.cytotrial.it.support.DeployedApplication.Endpoint;
import org.cytotrial.it.support.DeployedApplication.Page;
import org.cytotrial.it.support.Deployments;
import org.cytotrial.it.support.Fixtures;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every REST endpoint and every page of the built application, as every role and anonymously,
 * against what it declares: endpoints their {@code @Allowed} roles, pages web.xml's security
 * constraints. Endpoints and pages are discovered from the EAR, so what other features add later
 * is covered without editing this test; an endpoint without a declaration fails it.
 *
 * <p>Then the cross-site rules, by guessing identifiers: a user bound to sites sees the
 * subjects of other sites nowhere (404, as if they did not exist) and cannot act on them.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccessMatrixIT {

    static final List<String> ROLES = List.of("ADMIN", "COORDINATOR", "INVESTIGATOR", "SPONSOR", "MONITOR");

    /** Values for path parameters: a study and a subject that every demo role can see. */
    private static final Map<String, String> SAMPLES = Map.of("code", "IL2-MM", "study", "IL2-MM", "usubjid", "IL2-MM-001",
            "subject", "IL2-MM-001", "id", "999999999", "visit", "1", "visitnum", "1", "seq", "1");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    private static Api as(String role) {
        return role == null ? Api.anonymous() : Api.as(role.toLowerCase());
    }

    static String concrete(String template) {
        return template.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*(:[^}]*)?}", "\u0000$1\u0000")
                .transform(t -> {
                    StringBuilder path = new StringBuilder();
                    String[] parts = t.split("\u0000", -1);
                    for (int i = 0; i < parts.length; i++) {
                        path.append(i % 2 == 0 ? parts[i] : SAMPLES.getOrDefault(parts[i], "x"));
                    }
                    return path.toString();
                });
    }

    private static Api.Answer call(Endpoint endpoint, String role, boolean withReason) {
        Api api = as(role);
        HttpRequest.Builder request = api.request(concrete(endpoint.template()));
        if (withReason) {
            request.header("X-Change-Reason", "access matrix");
        }
        HttpRequest.BodyPublisher empty = HttpRequest.BodyPublishers.noBody();
        switch (endpoint.method()) {
            case "GET" -> request.GET();
            case "DELETE" -> request.DELETE();
            default -> request.header("Content-Type", endpoint.consumes()).method(endpoint.method(), empty);
        }
        return api.send(request);
    }

    @Test
    void theApplicationWasReadFromTheEar() {
        DeployedApplication app = DeployedApplication.read();
        assertTrue(app.uninspectable().isEmpty(), "classes with JAX-RS annotations that could not be inspected: "
                + app.uninspectable());
        assertTrue(app.endpoints().stream().anyMatch(e -> e.template().equals("/api/health")), app.endpoints()::toString);
        assertTrue(app.endpoints().stream().anyMatch(e -> e.template().equals("/api/studies/{code}/locks/{id}")
                && e.method().equals("DELETE")), app.endpoints()::toString);
        assertTrue(app.pages().stream().anyMatch(p -> p.path().equals("/audit/trail.xhtml")
                && p.roles().equals(java.util.Set.of("ADMIN", "COORDINATOR", "INVESTIGATOR", "MONITOR"))), app.pages()::toString);
        assertTrue(app.pages().stream().anyMatch(p -> p.path().equals("/login.xhtml") && p.open()));
    }

    @Test
    void everyEndpointDeclaresWhoMayCallIt() {
        List<Endpoint> undeclared = DeployedApplication.read().endpoints().stream().filter(e -> !e.declared()).toList();
        assertTrue(undeclared.isEmpty(), "declare @Allowed (org.cytotrial.web.api.Allowed) with the roles, or"
                + " @Allowed(anonymous = true), on: " + undeclared);
    }

    @Test
    void everyEndpointAnswersEveryRoleAsDeclared() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : DeployedApplication.read().endpoints()) {
            if (!endpoint.declared()) {
                continue;
            }
            Api.Answer anonymous = call(endpoint, null, true);
            if (endpoint.anonymous() ? anonymous.status() >= 400 && anonymous.status() != 404 : anonymous.status() != 401) {
                wrong.add(endpoint + " anonymously: expected " + (endpoint.anonymous() ? "an answer" : "401") + ", got "
                        + anonymous.status());
            }
            for (String role : ROLES) {
                Api.Answer answer = call(endpoint, role, true);
                boolean allowed = endpoint.anonymous() || endpoint.roles().contains(role);
                if (allowed && (answer.status() == 401 || answer.status() == 403 || answer.status() >= 500)) {
                    wrong.add(endpoint + " as " + role + ": allowed, but got " + answer.status() + " " + brief(answer));
                } else if (!allowed && answer.status() != 403) {
                    wrong.add(endpoint + " as " + role + ": expected 403, got " + answer.status() + " " + brief(answer));
                }
            }
        }
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " answers differ from the declarations:\n  " + String.join("\n  ", wrong));
        }
    }

    @Test
    void everyChangeOfExistingDataOverRestNeedsAReason() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : DeployedApplication.read().endpoints()) {
            if (!endpoint.declared() || !List.of("PUT", "PATCH", "DELETE").contains(endpoint.method())) {
                continue;
            }
            String role = endpoint.roles().iterator().next();
            Api.Answer answer = call(endpoint, role, false);
            if (answer.status() != 422 || !answer.text().contains("\"reason\"")) {
                wrong.add(endpoint + " as " + role + " without a reason: expected 422 on field reason, got " + answer.status()
                        + " " + brief(answer));
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void everyEndpointReadingJsonAnswersBrokenJsonWith400() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : DeployedApplication.read().endpoints()) {
            if (!endpoint.declared() || endpoint.anonymous() || !endpoint.changesData() || endpoint.method().equals("DELETE")
                    || !endpoint.consumes().contains("json")) {
                continue;
            }
            String role = endpoint.roles().iterator().next();
            Api api = as(role);
            Api.Answer answer = api.send(api.request(concrete(endpoint.template())).header("X-Change-Reason", "access matrix")
                    .header("Content-Type", endpoint.consumes())
                    .method(endpoint.method(), HttpRequest.BodyPublishers.ofString("{\"date\":")));
            if (answer.status() != 400 || !answer.text().contains("\"field\":\"body\"")
                    || !answer.text().contains("not valid JSON")) {
                wrong.add(endpoint + " as " + role + ": expected 400 naming the body, got " + answer.status() + " " + brief(answer));
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void noEndpointChangesOrDeletesTheAuditTrail() {
        List<Endpoint> touching = DeployedApplication.read().endpoints().stream()
                .filter(e -> e.changesData() && e.template().contains("audit")).toList();
        assertTrue(touching.isEmpty(), "audit records are read-only: " + touching);
    }

    @Test
    void everyPageAnswersEveryRoleAsWebXmlSays() {
        List<String> wrong = new ArrayList<>();
        for (Page page : DeployedApplication.read().pages()) {
            String url = page.path() + "?study=IL2-MM&subject=IL2-MM-001";
            Api.Answer anonymous = Api.anonymous().get(url);
            if (page.open() ? anonymous.status() != 200
                    : anonymous.status() != 302 || !String.valueOf(anonymous.header("Location")).contains("/login.xhtml")) {
                wrong.add(page.path() + " anonymously: expected " + (page.open() ? "200" : "302 to the login page") + ", got "
                        + anonymous.status());
            }
            if (page.open()) {
                continue;
            }
            for (String role : ROLES) {
                Api.Answer answer = as(role).get(url);
                boolean allowed = page.roles().isEmpty() || page.roles().contains(role);
                if (allowed && answer.status() != 200 && answer.status() != 404) {
                    wrong.add(page.path() + " as " + role + ": allowed, expected 200 (or 404 for what it cannot find), got "
                            + answer.status());
                } else if (!allowed && answer.status() != 403) {
                    wrong.add(page.path() + " as " + role + ": expected 403, got " + answer.status());
                }
            }
        }
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " pages answer differently from web.xml:\n  " + String.join("\n  ", wrong));
        }
    }

    @Test
    void aUserOfOtherSitesFindsTheSubjectNowhereByGuessingItsId() {
        // IL2-MM-003 is at KIEL; the demo coordinator, investigator and monitor work at HANNOVER, HAMBURG, BERLIN, MUNICH
        for (String user : List.of("coordinator", "investigator", "monitor")) {
            Api api = Api.as(user);
            assertEquals(404, api.get("/api/studies/IL2-MM/subjects/IL2-MM-003/signatures").status(), user);
            assertEquals(404, api.get("/api/studies/IL2-MM/audit-trail?subject=IL2-MM-003").status(), user);
            assertEquals(404, api.get("/api/studies/IL2-MM/audit-trail/export.csv?subject=IL2-MM-003").status(), user);
            assertEquals(404, api.get("/signature/subject.xhtml?study=IL2-MM&subject=IL2-MM-003").status(), user);
            assertEquals(200, api.get("/signature/subject.xhtml?study=IL2-MM&subject=IL2-MM-001").status(), user);
            String overview = api.get("/api/studies/IL2-MM/signatures?max=500").text();
            assertTrue(overview.contains("IL2-MM-001") && !overview.contains("IL2-MM-003"), overview);
        }
        // the study's whole audit trail leaves out the other sites' subjects
        String trail = Api.as("coordinator").get("/api/studies/IL2-MM/audit-trail/export.csv").text();
        assertTrue(trail.contains(",IL2-MM-001,") && !trail.contains("IL2-MM-003"), "the coordinator's export names other sites");
        assertTrue(Api.as("admin").get("/api/studies/IL2-MM/audit-trail/export.csv").text().contains(",IL2-MM-003,"));
        // nor can an investigator act on it: the signature is refused as if the subject did not exist
        Api.Answer sign = Api.as("investigator").postJson("/api/studies/IL2-MM/subjects/IL2-MM-003/signatures",
                "{\"scope\":\"RESPONSES\",\"password\":\"cytotrial-demo\"}");
        assertEquals(404, sign.status(), sign.text());
        // a study none of whose sites is the user's is invisible as a whole
        Api vienna = Api.as(Fixtures.createUser("vienna", "INVESTIGATOR", false, "VIENNA"), Fixtures.PASSWORD);
        assertEquals(404, vienna.get("/api/studies/IL2-MM").status());
        assertEquals(404, vienna.get("/api/studies/IL2-MM/subjects/IL2-MM-001/signatures").status());
        assertEquals(404, vienna.get("/api/studies/IL2-MM/locks").status());
        assertEquals(200, vienna.get("/api/studies/RECIST-DEMO/subjects/RD-003/signatures").status());
    }

    @Test
    void aLockOfOneStudyCannotBeLiftedThroughAnother() {
        String first = Fixtures.importDemo("IL2-MM", "ACC");
        String second = Fixtures.importDemo("IL2-MM", "ACC");
        Api admin = Api.as("admin");
        Api.Answer lock = admin.postJson("/api/studies/" + first + "/locks",
                "{\"level\":\"SUBJECT\",\"subject\":\"IL2-MM-001\",\"cutOff\":\"2020-01-01\",\"reason\":\"matrix\"}");
        assertEquals(201, lock.status(), lock.text());
        long id = lock.json().getJsonNumber("id").longValue();
        Api.Answer guessed = admin.send(admin.request("/api/studies/" + second + "/locks/" + id)
                .header("X-Change-Reason", "guess").DELETE());
        assertEquals(404, guessed.status(), guessed.text());
        assertTrue(admin.get("/api/studies/" + first + "/locks").jsonArray().getJsonObject(0).getBoolean("active"));
    }

    private static String brief(Api.Answer answer) {
        String text = answer.text().replaceAll("\\s+", " ");
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
