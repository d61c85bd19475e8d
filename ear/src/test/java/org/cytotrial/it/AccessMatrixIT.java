package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Casebooks;
import org.cytotrial.it.support.ClinicalWrites;
import org.cytotrial.it.support.ClinicalWrites.Entered;
import org.cytotrial.it.support.ClinicalWrites.Write;
import org.cytotrial.it.support.ClinicalWrites.Writer;
import org.cytotrial.it.support.Database;
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
 * <p>Then the policy, held here as data rather than read from the declarations: which
 * writes are the administrator's set-up, which POST only reads, and that sponsors and monitors
 * change nothing and administrators make no clinical write.
 *
 * <p>Then the cross-site rules, by guessing identifiers: a user bound to sites sees the
 * subjects of other sites nowhere (404, exactly as a typo, as if they did not exist) and cannot
 * act on them — every clinical write of {@link ClinicalWrites}, with a body the subject's own
 * site has taken, stores nothing.
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

    // ---- the policy, as data: independent of what each endpoint declares

    /**
     * The writes an administrator makes: setting studies up, never their clinical data (DOMAIN.md:
     * "admin: setup, no clinical edits"). Every other write answers an administrator 403.
     */
    static final Map<String, String> SETUP_WRITES = new TreeMap<>(Map.of(
            "POST /api/studies", "imports a study (SDTM zip)",
            "POST /api/markers", "adds to the marker catalogue",
            "POST /api/studies/{code}/locks", "locks data at a cut-off",
            "DELETE /api/studies/{code}/locks/{id}", "lifts a data lock",
            "PUT /api/studies/{code}/principal-investigators/{username}", "names a principal investigator",
            "DELETE /api/studies/{code}/principal-investigators/{username}", "removes a principal investigator",
            "PUT /api/studies/{code}/eligibility-criteria", "defines the eligibility checklist",
            "PUT /api/studies/{code}/randomisation", "sets up randomisation"));

    /**
     * POSTs that change nothing, and why they are POSTs: every role that reads the subject may send
     * them. Every other POST, PUT, PATCH and DELETE answers sponsors and monitors 403.
     */
    static final Map<String, String> READ_ONLY_POSTS = Map.of(
            "POST /api/studies/{code}/subjects/{usubjid}/visits/{visitnum}/preview",
            "the casebook's live preview: what a draft of the visit would compute to (response, standard units,"
                    + " problems); the draft is a body, so a POST, and nothing is stored (row counts checked below)");

    /** The one clinical write that is not about an existing subject: it makes one. */
    static final String ENROLMENT = "POST /api/studies/{code}/subjects";

    private static String key(Endpoint endpoint) {
        return endpoint.method() + " " + endpoint.template();
    }

    @Test
    void sponsorsAndMonitorsChangeNothingAndAdministratorsOnlySetUp() {
        List<Endpoint> endpoints = DeployedApplication.read().endpoints();
        Set<String> offered = new TreeSet<>();
        endpoints.forEach(e -> offered.add(key(e)));
        // who makes each clinical write: coordinators enter, investigators review and sign (ClinicalWrites says which)
        Map<String, Set<String>> clinical = new TreeMap<>();
        ClinicalWrites.writesTo(new Entered("IL2-MM", "IL2-MM-001", 0, 0, 0, 0, 0, 0, 0, 0))
                .forEach(w -> clinical.put(w.endpoint(), w.roles()));
        clinical.put(ENROLMENT, Set.of("COORDINATOR"));
        Set<String> listed = new TreeSet<>(SETUP_WRITES.keySet());
        listed.addAll(READ_ONLY_POSTS.keySet());
        listed.addAll(clinical.keySet());
        listed.removeAll(offered);
        assertTrue(listed.isEmpty(), "the policy names endpoints the application does not offer: " + listed);

        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            if (!endpoint.changesData() || READ_ONLY_POSTS.containsKey(key(endpoint))) {
                continue;
            }
            boolean setup = SETUP_WRITES.containsKey(key(endpoint));
            Set<String> writers = setup ? Set.of("ADMIN") : clinical.get(key(endpoint));
            if (writers == null) {
                wrong.add(endpoint + ": a write that is neither set-up nor in ClinicalWrites; list it where it belongs");
                continue;
            }
            for (String role : ROLES) {
                int status = call(endpoint, role, true).status();
                if (writers.contains(role) && (status == 401 || status == 403)) {
                    wrong.add(endpoint + " as " + role + ": the policy lets " + role + " make it, but got " + status);
                } else if (!writers.contains(role) && status != 403) {
                    wrong.add(endpoint + " as " + role + ": " + (setup ? "set-up is the administrator's" : "a clinical write of "
                            + writers) + ", expected 403, got " + status);
                }
            }
        }
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " answers break the policy:\n  " + String.join("\n  ", wrong));
        }

        // the read-only POST, with a draft that would change the visit, as roles that change nothing: answered, nothing stored
        String code = Casebooks.studyCopy("RECIST-DEMO", "ACP");
        Entered e = ClinicalWrites.entered(code, "BERLIN");
        String draft = "{\"date\":\"" + LocalDate.now().minusDays(38) + "\",\"results\":[{\"test\":\"CRP\",\"value\":\"9\"}],"
                + "\"lesions\":[{\"id\":\"T01\",\"value\":\"60\"},{\"id\":\"T02\",\"value\":\"30\"},{\"id\":\"NT01\",\"state\":\"ABSENT\"}],"
                + "\"response\":\"PD\"}";
        for (String role : List.of("SPONSOR", "MONITOR", "ADMIN")) {
            Map<String, Long> before = Database.rowCounts();
            Api.Answer preview = as(role).postJson(Casebooks.subjectPath(code, e.usubjid()) + "/visits/2/preview", draft);
            assertEquals(200, preview.status(), role + ": " + preview.text());
            assertEquals("PD", preview.json().getJsonObject("computed").getString("category"), preview.text());
            assertEquals(before, Database.rowCounts(), "the preview as " + role + " stored nothing");
        }
    }

    @Test
    void rolesWithoutClinicalWritesAreRefusedEveryClinicalWriteEvenWithAWellFormedBody() {
        String code = Casebooks.studyCopy("RECIST-DEMO", "ACN");
        Entered e = ClinicalWrites.entered(code, "BERLIN");
        // all three see the BERLIN subject: administrators and sponsors every site, the demo monitor BERLIN
        List<Writer> readers = List.of(Writer.demo("admin"), Writer.demo("sponsor"), Writer.demo("monitor"));
        for (Writer reader : readers) {
            assertEquals(200, reader.api().get(Casebooks.subjectPath(code, e.usubjid())).status(), reader + " reads the subject");
        }
        List<String> wrong = new ArrayList<>();
        for (Write write : ClinicalWrites.writesTo(e)) {
            for (Writer reader : readers) {
                Map<String, Long> before = Database.rowCounts();
                Api.Answer answer = write.sendAs(reader);
                if (answer.status() != 403) {
                    wrong.add(write + " as " + reader + ": expected 403, got " + answer.status() + " " + brief(answer));
                }
                if (!before.equals(Database.rowCounts())) {
                    wrong.add(write + " as " + reader + ": stored something");
                }
            }
        }
        if (!wrong.isEmpty()) {
            fail(String.join("\n  ", wrong));
        }
    }

    // ---- cross-site, every clinical write and every read of a subject

    /** A subject identifier no study has: what a typo gets is what a user of another site must get. */
    private static final String TYPO = "RD-999";
    private static final long NO_ASSESSMENT = 999_999_999L;

    /** An answer's status and body with the identifiers it was asked about made alike, to compare with a typo's. */
    private static String normalised(Api.Answer answer, String usubjid, long assessment) {
        String text = answer.text().replace(usubjid, "{usubjid}");
        return answer.status() + " " + (assessment > 0 ? text.replace(String.valueOf(assessment), "{id}") : text);
    }

    /** A coordinator and an investigator of VIENNA, a site of every RECIST-DEMO copy, so the study is theirs. */
    private static List<Writer> vienna(String code) {
        List<Writer> users = List.of(Writer.atSites("COORDINATOR", "VIENNA"), Writer.atSites("INVESTIGATOR", "VIENNA"));
        for (Writer user : users) {
            assertEquals(200, user.api().get("/api/studies/" + code).status(), user + " sees the study");
        }
        return users;
    }

    @Test
    void everyClinicalWriteFromAnotherSiteIsWhatATypoGetsAndStoresNothingWhileTheSubjectsSiteMakesIt() {
        String code = Casebooks.studyCopy("RECIST-DEMO", "ACW");
        List<Writer> others = vienna(code);
        int writes = ClinicalWrites.writesTo(new Entered(code, TYPO, 0, 0, 0, 0, 0, 0, NO_ASSESSMENT, 0)).size();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < writes; i++) {
            // each write on a subject of its own, entered at BERLIN, so that the site's own write below can succeed
            Entered e = ClinicalWrites.entered(code, "BERLIN");
            Write write = ClinicalWrites.writesTo(e).get(i);
            Entered typo = new Entered(code, TYPO, e.visit1(), e.visit2(), e.visit3(), e.subject(), e.adverseEvent(),
                    e.disposition(), NO_ASSESSMENT, e.assessmentVersion());
            for (Writer other : others) {
                Map<String, Long> before = Database.rowCounts();
                Api.Answer answer = write.sendAs(other);
                int expected = write.roles().contains(other.role()) ? 404 : 403;
                if (answer.status() != expected) {
                    wrong.add(write + " as " + other + ": expected " + expected + ", got " + answer.status() + " " + brief(answer));
                }
                if (!before.equals(Database.rowCounts())) {
                    wrong.add(write + " as " + other + ": stored something");
                }
                Api.Answer guessed = ClinicalWrites.writesTo(typo).get(i).sendAs(other);
                if (!normalised(answer, e.usubjid(), e.assessment()).equals(normalised(guessed, TYPO, NO_ASSESSMENT))) {
                    wrong.add(write + " as " + other + ": answers differently from a typo, so the subject shows: "
                            + brief(answer) + " | typo: " + brief(guessed));
                }
            }
            // the very same request from the subject's own site is taken: the refusals above were the site's, not the body's
            Api.Answer own = write.send();
            if (own.status() != 200 && own.status() != 201) {
                wrong.add(write + " by the subject's own " + write.by() + ": expected 200/201, got " + own.status() + " " + brief(own));
            }
        }
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " cross-site writes wrong:\n  " + String.join("\n  ", wrong));
        }
    }

    @Test
    void aUserOfAnotherSiteReadsNothingOfTheSubjectAnywhereByGuessingItsId() {
        String code = Casebooks.studyCopy("RECIST-DEMO", "ACR");
        Entered e = ClinicalWrites.entered(code, "BERLIN");
        String path = Casebooks.subjectPath(code, e.usubjid());
        // a verbatim term only this subject has, to look for wherever its data could show
        String term = "Probe rash " + code;
        assertEquals(201, ClinicalWrites.COORDINATOR.api().postJson(path + "/adverse-events", "{\"term\":\"" + term
                + "\",\"grade\":1,\"serious\":false,\"related\":false,\"start\":\"" + LocalDate.now().minusDays(9)
                + "\"}").status());
        List<Writer> others = vienna(code);
        Map<Writer, Writer> ownCounterpart = Map.of(others.get(0), ClinicalWrites.COORDINATOR, others.get(1),
                ClinicalWrites.INVESTIGATOR);

        // every subject-level read the application offers (found in the EAR), and the trail of the subject and a visit
        List<String> reads = new ArrayList<>();
        for (Endpoint endpoint : DeployedApplication.read().endpoints()) {
            if (endpoint.method().equals("GET") && endpoint.template().contains("{usubjid}")) {
                reads.add(endpoint.template());
            }
        }
        assertTrue(reads.size() >= 6, reads::toString);
        for (String trail : List.of("/api/studies/{code}/audit-trail", "/api/studies/{code}/audit-trail/export.csv")) {
            reads.add(trail + "?subject={usubjid}");
            reads.add(trail + "?subject={usubjid}&visit=1");
        }
        List<String> wrong = new ArrayList<>();
        for (Writer other : others) {
            Writer own = ownCounterpart.get(other);
            for (String read : reads) {
                String real = read.replace("{code}", code).replace("{visitnum}", "1").replace("{usubjid}", e.usubjid());
                Api.Answer answer = other.api().get(real);
                Api.Answer guessed = other.api().get(read.replace("{code}", code).replace("{visitnum}", "1")
                        .replace("{usubjid}", TYPO));
                Api.Answer ownAnswer = own.api().get(real);
                if (ownAnswer.status() == 403) {
                    continue; // not the role's to read at all (403 for the subject's own site too)
                }
                if (ownAnswer.status() != 200) {
                    wrong.add(real + " as the subject's own " + own + ": expected 200, got " + ownAnswer.status());
                }
                if (answer.status() != 404 || !normalised(answer, e.usubjid(), e.assessment())
                        .equals(normalised(guessed, TYPO, e.assessment())) || answer.text().contains(term)) {
                    wrong.add(real + " as " + other + ": expected the 404 of a typo, got " + answer.status() + " "
                            + brief(answer) + " | typo: " + guessed.status() + " " + brief(guessed));
                }
            }
            // the preview too, though it changes nothing
            String draft = "{\"date\":\"" + LocalDate.now().minusDays(38) + "\",\"results\":[{\"test\":\"CRP\",\"value\":\"9\"}]}";
            Api.Answer preview = other.api().postJson(path + "/visits/2/preview", draft);
            Api.Answer previewTypo = other.api().postJson(Casebooks.subjectPath(code, TYPO) + "/visits/2/preview", draft);
            assertEquals(200, own.api().postJson(path + "/visits/2/preview", draft).status());
            if (preview.status() != 404 || !normalised(preview, e.usubjid(), 0).equals(normalised(previewTypo, TYPO, 0))) {
                wrong.add("preview as " + other + ": expected the 404 of a typo, got " + preview.status() + " " + brief(preview));
            }
            // lists leave the subject out
            String list = other.api().get("/api/studies/" + code + "/subjects?usubjid=" + e.usubjid()).text();
            String trail = other.api().get("/api/studies/" + code + "/audit-trail/export.csv").text();
            String overview = other.api().get("/api/studies/" + code + "/signatures?max=500").text();
            for (String[] seen : new String[][] {{"subject list", list}, {"study audit trail", trail}, {"signatures", overview}}) {
                if (seen[1].contains(e.usubjid()) || seen[1].contains(term)) {
                    wrong.add("the " + seen[0] + " of " + other + " shows the subject");
                }
            }
            assertTrue(own.api().get("/api/studies/" + code + "/audit-trail/export.csv").text().contains(term),
                    "the study's trail of the subject's own site names it");
        }
        Writer investigator = others.get(1);
        String queue = investigator.api().get("/api/studies/" + code + "/review-queue").text();
        String listing = investigator.api().get("/api/studies/" + code + "/listings/adverse-events.csv").text();
        if (queue.contains(e.usubjid()) || listing.contains(e.usubjid()) || listing.contains(term)) {
            wrong.add("the review queue or the adverse event listing of " + investigator + " shows the subject");
        }
        assertTrue(ClinicalWrites.INVESTIGATOR.api().get("/api/studies/" + code + "/listings/adverse-events.csv").text()
                .contains(term), "the listing of the subject's own site has it");

        // every page, given the subject: none shows its data; the casebook says "not found"
        for (Page page : DeployedApplication.read().pages()) {
            String url = page.path() + "?study=" + code + "&subject=" + e.usubjid() + "&visit=1";
            for (Writer other : others) {
                if (!page.open() && !page.roles().isEmpty() && !page.roles().contains(other.role())) {
                    continue;
                }
                Api.Answer answer = other.api().get(url);
                if (answer.text().contains(term)) {
                    wrong.add(page.path() + " as " + other + ": shows the subject's data");
                }
            }
        }
        for (Writer other : others) {
            Api.Answer casebook = other.api().get("/coordinator/casebook.xhtml?study=" + code + "&subject=" + e.usubjid());
            if (casebook.status() != 404 || !casebook.text().contains("Not found") || casebook.text().contains(e.usubjid())) {
                wrong.add("the casebook page as " + other + ": expected 404 Not found without the subject, got "
                        + casebook.status() + " " + brief(casebook));
            }
        }
        Api.Answer ownCasebook = ClinicalWrites.COORDINATOR.api().get("/coordinator/casebook.xhtml?study=" + code + "&subject="
                + e.usubjid() + "&visit=1");
        assertEquals(200, ownCasebook.status());
        assertTrue(ownCasebook.text().contains(term) && ownCasebook.text().contains(e.usubjid()),
                "the casebook of the subject's own site shows what the others must not see");
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " reads show the subject:\n  " + String.join("\n  ", wrong));
        }
    }

    private static String brief(Api.Answer answer) {
        String text = answer.text().replaceAll("\\s+", " ");
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
