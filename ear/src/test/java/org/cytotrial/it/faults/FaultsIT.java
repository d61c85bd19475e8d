package org.cytotrial.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.cytotrial.exchange.synthetic.SyntheticStudyGenerator;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Fixtures;
import org.cytotrial.it.support.It;
import org.cytotrial.it.support.ManagedServer;
import org.cytotrial.it.support.SessionCookie;
import org.cytotrial.it.support.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost and nothing is half-saved, tested for real on a server of its own, outside
 * demo mode, with its database connection running through a proxy the test controls:
 * <ul>
 *   <li>outside demo mode: no default password, no demo data, a Secure session cookie;</li>
 *   <li>kill -9 of the server while a large import writes: afterwards no trace of it, the audit
 *       trail consistent, and the identical zip imports after the restart;</li>
 *   <li>kill -9 while a write has stored its rows but not yet committed (held at the audit
 *       revision by a table lock the test takes): no part of the write survives — tested with a
 *       study lock (study status change + lock row + audit revision) and with a coordinator's
 *       visit save over REST (lab results, lesion readings and the investigator's response of one
 *       visit, the visit itself, then the audit revision);</li>
 *   <li>the database connection lost mid-request: a clear 503 saying nothing was saved, nothing
 *       saved, and the application working again once the database is back.</li>
 * </ul>
 * After each fault the audit trail must be consistent: every live row has history, every revision
 * holds a change, and the latest history row of each study, visit and lab result is the live row.
 */
class FaultsIT {

    private static final String ADMIN = "faultadmin";
    private static final String ADMIN_PASSWORD = "fault-admin-password-1";

    private static String schema;
    private static String application;
    private static TcpProxy proxy;
    private static ManagedServer server;
    private static Api admin;

    @BeforeAll
    static void startServer() throws SQLException {
        schema = System.getProperty("it.db.schema", "cytotrial_it") + "_faults";
        application = "cytotrial-" + schema;
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
            s.execute("create schema " + schema);
        }
        URI db = URI.create(System.getProperty("it.db.url").substring("jdbc:".length()));
        proxy = new TcpProxy(db.getHost(), db.getPort());
        Properties properties = new Properties();
        properties.setProperty("cytotrial.demo", "false");
        // cytotrial.cookie.secure is left unset: the session cookie's default outside demo mode is tested
        properties.setProperty("cytotrial.db.driver", "postgresql");
        properties.setProperty("cytotrial.db.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + db.getPath()
                + "?currentSchema=" + schema + "&reWriteBatchedInserts=true&ApplicationName=" + application);
        // as in production: the schema's owner migrates, the application runs as a role that owns nothing
        properties.setProperty("cytotrial.db.user", System.getProperty("it.db.app.user"));
        properties.setProperty("cytotrial.db.password", System.getProperty("it.db.app.password"));
        properties.setProperty("cytotrial.db.migration.user", System.getProperty("it.db.user"));
        properties.setProperty("cytotrial.db.migration.password", System.getProperty("it.db.password"));
        properties.setProperty("cytotrial.import.max-bytes", String.valueOf(1L << 30));
        int offset = Integer.getInteger("it.faults.port.offset", Integer.getInteger("it.port.offset", 0) + 50);
        server = new ManagedServer(Path.of(System.getProperty("jboss.home")), It.outputDir().resolve("faults-server"), offset,
                properties, Map.of("CYTOTRIAL_ADMIN_USER", ADMIN, "CYTOTRIAL_ADMIN_PASSWORD", ADMIN_PASSWORD));
        server.start();
        admin = Api.as(ADMIN, ADMIN_PASSWORD).at(server.baseUrl());
    }

    /** A test that failed between a kill and its restart must not leave the next one without a server. */
    @BeforeEach
    void serverRunning() {
        if (!server.isRunning()) {
            server.start();
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void outsideDemoModeThereIsNoDefaultPasswordAndNoDemoData() {
        for (String demo : List.of("admin", "coordinator", "investigator", "sponsor", "monitor")) {
            assertEquals(401, Api.as(demo, "cytotrial-demo").at(server.baseUrl()).get("/api/studies").status(), demo);
        }
        assertEquals(0, count("select count(*) from app_user where username in ('admin','coordinator','investigator','sponsor','monitor')"));
        Api.Answer health = Api.anonymous().at(server.baseUrl()).get("/api/health");
        assertTrue(health.text().contains("\"demo\":false"), health.text());
        assertEquals(200, admin.get("/api/studies").status(), "the first administrator comes from the environment");
        assertEquals(1, count("select count(*) from app_user u join app_user_role r on r.user_id = u.id"
                + " where u.username = '" + ADMIN + "' and r.role = 'ADMIN' and u.password_hash like 'pbkdf2-sha256$%'"));
    }

    @Test
    void outsideDemoModeTheSessionCookieIsSecureHttpOnlyAndSameSite() {
        SessionCookie.FormLogin form = SessionCookie.formLogin(server.baseUrl(), ADMIN, ADMIN_PASSWORD);
        assertEquals(302, form.login().status(), "the login form logs in and redirects: " + form.login().text());
        SessionCookie session = SessionCookie.of(form.login());
        assertNotNull(session, "a new session id at login: " + form.login().response().headers().map());
        assertNotEquals(SessionCookie.of(form.page()).value(), session.value());
        assertTrue(session.has("Secure"), "outside demo mode the cookie travels over HTTPS only: " + session);
        assertTrue(session.has("HttpOnly"), session.toString());
        assertEquals("lax", session.attribute("SameSite").toLowerCase(java.util.Locale.ROOT), session.toString());
        assertTrue(SessionCookie.of(form.page()).has("Secure"), "the login page's cookie too");
        Api anonymous = Api.anonymous().at(server.baseUrl());
        Api.Answer index = anonymous.send(anonymous.request("/index.xhtml").header("Cookie", "JSESSIONID=" + session.value()).GET());
        assertEquals(200, index.status(), "the cookie is a live session of the administrator");
    }

    @Test
    void killedDuringALargeImportTheServerLeavesNoTraceAndImportsItAfterRestart() throws Exception {
        String code = "FAULT-" + Long.toString(System.nanoTime() % 1_000_000L, 36).toUpperCase();
        int subjects = Integer.getInteger("it.faults.subjects", 2000);
        Path zip = generate(code, subjects);
        Map<String, Long> before = rowCounts();

        CompletableFuture<Integer> upload = CompletableFuture.supplyAsync(() -> {
            try {
                return admin.send(admin.request("/api/studies").header("Content-Type", "application/zip")
                        .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.ofFile(zip))).status();
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        });
        awaitTrue("the import writes lab results", Duration.ofMinutes(15), () -> activeQueries().stream()
                .anyMatch(q -> q.startsWith("insert into lab_result")));
        Thread.sleep(500);
        server.kill();
        assertEquals(-1, upload.get(), "the upload got no answer: the server died under it");
        awaitTrue("the killed server's connections are gone", Duration.ofMinutes(2), () -> backends() == 0);

        assertEquals(before, rowCounts(), "not a single row of the killed import was kept");
        assertEquals(0, count("select count(*) from study where code = '" + code + "'"));
        assertAuditConsistent();

        // the very zip that was killed, imported again: nothing of the first attempt is in its way
        server.start();
        Api.Answer reimport = admin.send(admin.request("/api/studies").header("Content-Type", "application/zip")
                .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.ofFile(zip)));
        assertEquals(201, reimport.status(), "the same import after the restart: " + reimport.text());
        assertEquals(code, reimport.json().getString("study"));
        assertEquals(subjects, reimport.json().getInt("subjects"));
        assertEquals(subjects, count("select count(*) from subject s join study st on st.id = s.study_id where st.code = '" + code + "'"));
        assertEquals(reimport.json().getJsonObject("rows").getInt("LB"), count("select count(*) from lab_result r join subject s"
                + " on s.id = r.subject_id join study st on st.id = s.study_id where st.code = '" + code + "' and not r.derived"),
                "every lab row of the zip is stored");
        assertAuditConsistent();
    }

    @Test
    void killedWhileAWriteWaitsToCommitNoPartOfTheWriteSurvives() throws Exception {
        String code = importSmallStudy();
        Map<String, Long> before = rowCounts();
        try (Connection blocker = rawConnection()) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("lock table " + schema + ".audit_revision in exclusive mode");
            }
            CompletableFuture<Integer> write = lockStudyAsync(code);
            awaitTrue("the write waits at its audit revision", Duration.ofMinutes(1), () -> waitingQuery() != null);
            assertTrue(waitingQuery().startsWith("insert into audit_revision"),
                    "the study change and the lock row were flushed before: " + waitingQuery());
            server.kill();
            assertEquals(-1, write.get());
            blocker.rollback();
        }
        awaitTrue("the killed server's connections are gone", Duration.ofMinutes(2), () -> backends() == 0);
        assertEquals(before, rowCounts());
        assertEquals(0, count("select count(*) from data_lock l join study s on s.id = l.study_id where s.code = '" + code + "'"));
        assertEquals(1, count("select count(*) from study where code = '" + code + "' and status = 'ACTIVE'"));
        assertAuditConsistent();

        server.start();
        assertEquals(201, lockStudyAsync(code).get());
        assertEquals(1, count("select count(*) from study where code = '" + code + "' and status = 'LOCKED'"));
        assertAuditConsistent();
    }

    @Test
    void killedWhileAVisitSaveWaitsToCommitNothingOfTheSaveSurvivesAndItSavesAfterRestart() throws Exception {
        String code = importSmallStudy();
        EnteredVisit target = visitWithResultsLesionsAndResponse(code);
        Api coordinator = Api.as(createCoordinator(target.site()), COORDINATOR_PASSWORD).at(server.baseUrl());
        String path = "/api/studies/" + code + "/subjects/" + target.usubjid() + "/visits/" + target.visitnum();
        Api.Answer read = coordinator.get(path);
        assertEquals(200, read.status(), read.text());
        String save = correction(read.json());

        Map<String, Long> before = rowCounts();
        List<String> stored = visitRows(code, target.usubjid());
        try (Connection blocker = rawConnection()) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("lock table " + schema + ".audit_revision in exclusive mode");
            }
            CompletableFuture<Integer> write = CompletableFuture.supplyAsync(() -> {
                try {
                    return coordinator.putJson(path, save).status();
                } catch (RuntimeException e) {
                    return -1;
                }
            });
            awaitTrue("the visit save waits at its audit revision", Duration.ofMinutes(1), () -> waitingQuery() != null);
            assertTrue(waitingQuery().startsWith("insert into audit_revision"),
                    "results, readings, response and visit were flushed before: " + waitingQuery());
            server.kill();
            assertEquals(-1, write.get(), "the save got no answer: the server died under it");
            blocker.rollback();
        }
        awaitTrue("the killed server's connections are gone", Duration.ofMinutes(2), () -> backends() == 0);
        assertEquals(before, rowCounts(), "no row of the save, and no history row of it, was kept");
        assertEquals(stored, visitRows(code, target.usubjid()),
                "visit, lab results, lesion readings and responses are as before the save, versions included");
        assertAuditConsistent();

        server.start();
        Api.Answer again = coordinator.putJson(path, save);
        assertEquals(200, again.status(), "the same save, with the version read before the crash: " + again.text());
        assertTrue(again.json().getJsonNumber("version").longValue() > read.json().getJsonNumber("version").longValue());
        JsonObject proposed = jsonOf(save);
        for (JsonObject result : proposed.getJsonArray("results").getValuesAs(JsonObject.class)) {
            assertEquals(result.getString("value"), entry(again.json(), "results", "test", result.getString("test"))
                    .getString("value"), result.toString());
        }
        for (JsonObject lesion : proposed.getJsonArray("lesions").getValuesAs(JsonObject.class)) {
            assertEquals(lesion.getString("value"), entry(again.json(), "lesions", "id", lesion.getString("id"))
                    .getString("value"), lesion.toString());
        }
        assertEquals(proposed.getString("response"), again.json().getJsonObject("response").getString("investigator"));
        assertEquals(1, count("select count(*) from audit_revision where reason = '" + SAVE_REASON + "'"
                + " and username = '" + again.json().getString("recordedBy") + "'"), "one revision, the coordinator's");
        assertAuditConsistent();
    }

    @Test
    void theDatabaseLostMidRequestIsAClearErrorWithNothingSavedAndTheApplicationRecovers() throws Exception {
        String code = importSmallStudy();
        Map<String, Long> before = rowCounts();
        Api.Answer[] answer = new Api.Answer[1];
        try (Connection blocker = rawConnection()) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("lock table " + schema + ".audit_revision in exclusive mode");
            }
            CompletableFuture<Void> write = CompletableFuture.runAsync(() -> answer[0] = lockStudy(code));
            awaitTrue("the write waits at its audit revision", Duration.ofMinutes(1), () -> waitingQuery() != null);
            proxy.down();
            write.get();
            blocker.rollback();
        }
        try {
            assertEquals(503, answer[0].status(), answer[0].text());
            assertTrue(answer[0].text().contains("nothing was saved"), answer[0].text());
            awaitTrue("the cut connections are gone", Duration.ofMinutes(1), () -> backends() == 0);
            assertEquals(before, rowCounts());
            assertEquals(1, count("select count(*) from study where code = '" + code + "' and status = 'ACTIVE'"));

            // while the database is away: clear answers, no stack traces
            Api.Answer health = Api.anonymous().at(server.baseUrl()).get("/api/health");
            assertEquals(503, health.status());
            assertTrue(health.text().contains("\"status\":\"DOWN\""), health.text());
            Api.Answer studies = admin.get("/api/studies");
            assertEquals(503, studies.status(), studies.text());
            assertTrue(studies.text().contains("database is not reachable"), studies.text());
            Api.Answer page = admin.get("/index.xhtml");
            assertEquals(503, page.status());
            assertTrue(page.text().contains("nothing was saved"), page.text());
        } finally {
            proxy.up();
        }
        awaitTrue("the application is healthy again", Duration.ofMinutes(2),
                () -> Api.anonymous().at(server.baseUrl()).get("/api/health").status() == 200);
        assertEquals(201, lockStudy(code).status());
        assertEquals(1, count("select count(*) from study where code = '" + code + "' and status = 'LOCKED'"));
        assertAuditConsistent();
    }

    private static String importSmallStudy() throws IOException {
        String code = "SMALL-" + Long.toString(System.nanoTime() % 1_000_000L, 36).toUpperCase();
        Api.Answer answer = admin.send(admin.request("/api/studies").header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofFile(generate(code, 10))));
        assertEquals(201, answer.status(), answer.text());
        return code;
    }

    /** A subject's visit (after baseline) with lab results, lesion readings and a response, and the subject's site. */
    private record EnteredVisit(String usubjid, String site, String visitnum) {}

    private static EnteredVisit visitWithResultsLesionsAndResponse(String code) throws SQLException {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement("select s.usubjid, si.code, v.visit_number"
                + " from visit v join subject s on s.id = v.subject_id join study st on st.id = s.study_id"
                + " join site si on si.id = s.site_id where st.code = ? and v.visit_number > 1 and v.status = 'DONE'"
                + " and (select count(*) from lab_result r where r.visit_id = v.id and not r.derived) >= 3"
                + " and (select count(*) from lesion_measurement m where m.visit_id = v.id and m.diameter_mm is not null) >= 2"
                + " and exists (select 1 from response_assessment a where a.visit_id = v.id)"
                + " order by s.usubjid, v.visit_number limit 1")) {
            s.setString(1, code);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "the synthetic study has a visit with results, readings and a response");
                return new EnteredVisit(rs.getString(1), rs.getString(2), rs.getBigDecimal(3).stripTrailingZeros().toPlainString());
            }
        }
    }

    private static final String COORDINATOR_PASSWORD = "fault-coordinator-password-1";
    private static final String SAVE_REASON = "fault test: source data re-checked";

    /**
     * A coordinator of one site, written into the database (outside demo mode there is no other
     * user than the first administrator), with its history under a revision of its own so that
     * the audit trail stays consistent.
     */
    private static String createCoordinator(String site) throws SQLException {
        String username = "faultcoord-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        long id = -(System.nanoTime() % 1_000_000_000L) - 1;
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            long revision;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select nextval('audit_revision_seq')")) {
                rs.next();
                revision = rs.getLong(1);
            }
            execute(c, "insert into audit_revision (id, recorded_at, username, reason) values (?, ?, 'faults-it', ?)", revision,
                    System.currentTimeMillis(), "coordinator of " + site + " for the fault test");
            execute(c, "insert into app_user (id, username, full_name, password_hash, enabled, all_sites, failed_logins, version)"
                    + " values (?, ?, ?, ?, true, false, 0, 0)", id, username, "Fault coordinator", Fixtures.hash(COORDINATOR_PASSWORD));
            execute(c, "insert into app_user_role (user_id, role) values (?, 'COORDINATOR')", id);
            execute(c, "insert into app_user_site (user_id, site_id) select ?, id from site where code = ?", id, site);
            execute(c, "insert into app_user_aud (id, rev, revtype, username, full_name, enabled, all_sites, version)"
                    + " values (?, ?, 0, ?, 'Fault coordinator', true, false, 0)", id, revision, username);
            execute(c, "insert into app_user_role_aud (rev, revtype, user_id, role) values (?, 0, ?, 'COORDINATOR')", revision, id);
            execute(c, "insert into app_user_site_aud (rev, revtype, user_id, site_id) select ?, 0, ?, id from site where code = ?",
                    revision, id, site);
            c.commit();
        }
        return username;
    }

    private static void execute(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }

    /**
     * A correction of the visit as read: every measured lab result (up to six) one step up in
     * its last decimal, every lesion reading 1 up, another investigator's response, a reason.
     */
    private static String correction(JsonObject visit) {
        JsonArrayBuilder results = Json.createArrayBuilder();
        int changed = 0;
        for (JsonObject r : visit.getJsonArray("results").getValuesAs(JsonObject.class)) {
            if (!r.getBoolean("derived") && changed < 6 && r.get("value") instanceof JsonString value) {
                BigDecimal stored = new BigDecimal(value.getString());
                results.add(Json.createObjectBuilder().add("test", r.getString("test"))
                        .add("value", stored.add(BigDecimal.ONE.movePointLeft(Math.max(0, stored.scale()))).toPlainString())
                        .add("unit", r.getString("unit")));
                changed++;
            }
        }
        JsonArrayBuilder lesions = Json.createArrayBuilder();
        for (JsonObject l : visit.getJsonArray("lesions").getValuesAs(JsonObject.class)) {
            if (l.get("value") instanceof JsonString value && !value.getString().isBlank()) {
                lesions.add(Json.createObjectBuilder().add("id", l.getString("id"))
                        .add("value", new BigDecimal(value.getString()).add(BigDecimal.ONE).toPlainString())
                        .add("unit", l.getString("unit")));
            }
        }
        JsonObject response = visit.getJsonObject("response");
        String investigator = response.get("investigator") instanceof JsonString r ? r.getString() : null;
        return Json.createObjectBuilder().add("version", visit.getJsonNumber("version").longValue())
                .add("results", results).add("lesions", lesions).add("response", "SD".equals(investigator) ? "PR" : "SD")
                .add("reason", SAVE_REASON).build().toString();
    }

    private static JsonObject jsonOf(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static JsonObject entry(JsonObject visit, String array, String key, String value) {
        return visit.getJsonArray(array).getValuesAs(JsonObject.class).stream().filter(o -> value.equals(o.getString(key)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + key + " " + value + " in " + visit));
    }

    /** Every stored column of the subject's visits, lab results, lesion readings and responses, versions included. */
    private static List<String> visitRows(String code, String usubjid) throws SQLException {
        String subject = "(select s.id from subject s join study st on st.id = s.study_id where st.code = ? and s.usubjid = ?)";
        List<String> rows = new ArrayList<>();
        Map<String, String> queries = new java.util.LinkedHashMap<>();
        queries.put("visit", "select x.* from visit x where x.subject_id = " + subject + " order by x.id");
        queries.put("lab_result", "select x.* from lab_result x where x.subject_id = " + subject + " order by x.id");
        queries.put("lesion_measurement", "select x.* from lesion_measurement x join lesion l on l.id = x.lesion_id"
                + " where l.subject_id = " + subject + " order by x.id");
        queries.put("response_assessment", "select x.* from response_assessment x where x.subject_id = " + subject
                + " order by x.id");
        try (Connection c = connection()) {
            for (Map.Entry<String, String> query : queries.entrySet()) {
                try (PreparedStatement s = c.prepareStatement(query.getValue())) {
                    s.setString(1, code);
                    s.setString(2, usubjid);
                    try (ResultSet rs = s.executeQuery()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder(query.getKey()).append(':');
                            for (int i = 1; i <= columns; i++) {
                                row.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append(';');
                            }
                            rows.add(row.toString());
                        }
                    }
                }
            }
        }
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("lab_result:")) && rows.stream().anyMatch(r -> r.startsWith("visit:")),
                "the rows were read: " + rows);
        return rows;
    }

    private static Api.Answer lockStudy(String code) {
        return admin.postJson("/api/studies/" + code + "/locks",
                "{\"level\":\"STUDY\",\"cutOff\":\"2020-12-31\",\"reason\":\"fault test\"}");
    }

    private static CompletableFuture<Integer> lockStudyAsync(String code) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return lockStudy(code).status();
            } catch (RuntimeException e) {
                return -1;
            }
        });
    }

    private static Path generate(String code, int subjects) throws IOException {
        Path zip = It.outputDir().resolve("faults").resolve(code + ".zip");
        Files.createDirectories(zip.getParent());
        try (OutputStream out = Files.newOutputStream(zip)) {
            new SyntheticStudyGenerator(new SyntheticStudyGenerator.Options(code, subjects, Math.max(1, Math.min(40, subjects / 25)),
                    12, 6, 20, 7)).write(out);
        }
        return zip;
    }

    /** Every live record has its history, every revision holds changes, and the latest history row is the live row. */
    private static void assertAuditConsistent() throws SQLException {
        List<String> problems = new ArrayList<>();
        List<String> audited = tables("%\\_aud").stream().map(t -> t.substring(0, t.length() - 4))
                .filter(t -> !t.contains("_site") && !t.contains("_role") && !t.equals("marker_unit") && !t.equals("study_site")
                        && !t.equals("marker"))
                .toList();
        for (String table : audited) {
            long missing = count("select count(*) from " + table + " x where not exists (select 1 from " + table
                    + "_aud a where a.id = x.id)");
            if (missing > 0) {
                problems.add(missing + " rows of " + table + " without audit history");
            }
        }
        StringBuilder anyAudit = new StringBuilder();
        for (String table : tables("%\\_aud")) {
            anyAudit.append(" and not exists (select 1 from ").append(table).append(" a where a.rev = r.id)");
        }
        long empty = count("select count(*) from audit_revision r where 1 = 1" + anyAudit);
        if (empty > 0) {
            problems.add(empty + " audit revisions without any audited change");
        }
        long stale = count("select count(*) from study s where s.status <> (select a.status from study_aud a where a.id = s.id"
                + " and a.rev = (select max(rev) from study_aud b where b.id = s.id))");
        if (stale > 0) {
            problems.add(stale + " studies whose latest history row differs from the study");
        }
        latestHistoryIsTheLiveRow("visit", "visit_number, name, visit_date, status, recorded_by, recorded_at", problems);
        latestHistoryIsTheLiveRow("lab_result", "visit_id, test_code, original_value, original_unit, standard_value,"
                + " standard_unit, collected_on, derived", problems);
        assertTrue(problems.isEmpty(), String.join("; ", problems));
    }

    /**
     * The latest history row of each live row is not a deletion and holds the live values; the
     * latest history row of each id without a live row is its deletion.
     */
    private static void latestHistoryIsTheLiveRow(String table, String columns, List<String> problems) {
        String latest = "a.rev = (select max(b.rev) from " + table + "_aud b where b.id = a.id)";
        long differ = count("select count(*) from " + table + " x join " + table + "_aud a on a.id = x.id where " + latest
                + " and (a.revtype = 2 or (" + prefixed("a", columns) + ") is distinct from (" + prefixed("x", columns) + "))");
        if (differ > 0) {
            problems.add(differ + " rows of " + table + " whose latest history row differs from the row");
        }
        long vanished = count("select count(*) from " + table + "_aud a where " + latest + " and a.revtype <> 2"
                + " and not exists (select 1 from " + table + " x where x.id = a.id)");
        if (vanished > 0) {
            problems.add(vanished + " rows of " + table + " gone without a deletion in their history");
        }
    }

    private static String prefixed(String alias, String columns) {
        return String.join(", ", java.util.Arrays.stream(columns.split(",")).map(c -> alias + "." + c.strip()).toList());
    }

    private static Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : tables("%")) {
            if (!table.equals("flyway_schema_history") && !table.startsWith("app_user")) {
                counts.put(table, count("select count(*) from " + table));
            }
        }
        return counts;
    }

    private static List<String> tables(String like) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement("select table_name from information_schema.tables"
                + " where table_schema = ? and table_type = 'BASE TABLE' and table_name like ? order by table_name")) {
            s.setString(1, schema);
            s.setString(2, like);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    private static long backends() {
        return count("select count(*) from pg_stat_activity where application_name = '" + application + "'");
    }

    private static List<String> activeQueries() {
        List<String> queries = new ArrayList<>();
        try (Connection c = rawConnection(); PreparedStatement s = c.prepareStatement(
                "select query from pg_stat_activity where application_name = ? and state = 'active'")) {
            s.setString(1, application);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    queries.add(rs.getString(1).strip().toLowerCase());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return queries;
    }

    private static String waitingQuery() {
        try (Connection c = rawConnection(); PreparedStatement s = c.prepareStatement("select query from pg_stat_activity"
                + " where application_name = ? and wait_event_type = 'Lock'")) {
            s.setString(1, application);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1).strip().toLowerCase() : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql) {
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("it.db.user"),
                System.getProperty("it.db.password"));
    }

    private static Connection connection() throws SQLException {
        Connection c = rawConnection();
        try (Statement s = c.createStatement()) {
            s.execute("set search_path to " + schema);
        }
        return c;
    }

    private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
