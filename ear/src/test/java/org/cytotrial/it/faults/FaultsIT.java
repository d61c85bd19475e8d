package org.cytotrial.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
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
import org.cytotrial.it.support.It;
import org.cytotrial.it.support.ManagedServer;
import org.cytotrial.it.support.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost and nothing is half-saved, tested for real on a server of its own, outside
 * demo mode, with its database connection running through a proxy the test controls:
 * <ul>
 *   <li>kill -9 of the server while a large import writes: afterwards no trace of it, the audit
 *       trail consistent, and the same study imports after the restart;</li>
 *   <li>kill -9 while a write has stored its rows but not yet committed (held at the audit
 *       revision by a table lock the test takes): no part of the write survives;</li>
 *   <li>the database connection lost mid-request: a clear 503 saying nothing was saved, nothing
 *       saved, and the application working again once the database is back.</li>
 * </ul>
 * The write used is a study lock (study status change + lock row + audit revision); when visit
 * entry lands, a visit save is held and killed the same way.
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
        properties.setProperty("cytotrial.cookie.secure", "false");
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

        server.start();
        Path again = generate(code + "-S", 20);
        Api.Answer reimport = admin.send(admin.request("/api/studies?code=" + code).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofFile(again)));
        assertEquals(201, reimport.status(), "the study code is free again: " + reimport.text());
        assertEquals(20, count("select count(*) from subject s join study st on st.id = s.study_id where st.code = '" + code + "'"));
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
        assertTrue(problems.isEmpty(), String.join("; ", problems));
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
