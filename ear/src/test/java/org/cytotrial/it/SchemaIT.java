package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.cytotrial.it.support.Database;
import org.cytotrial.it.support.Deployments;
import org.cytotrial.it.support.Fixtures;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schema the deployment built from an empty PostgreSQL schema (the build drops it before the
 * run), and what the database itself enforces.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SchemaIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void everyMigrationRanOnTheEmptyDatabase() {
        long applied = Database.count("select count(*) from flyway_schema_history where success and version is not null");
        assertEquals(migrationFiles("common") + migrationFiles("postgresql"), applied,
                "every versioned migration of db/migration/common and db/migration/postgresql ran");
        assertEquals(0, Database.count("select count(*) from flyway_schema_history where not success"));
        assertEquals(1, Database.count("select count(*) from flyway_schema_history where script like '%audit_rows_are_immutable%'"));
    }

    /**
     * After an import the application refreshes the statistics of every table the import fills,
     * through a function that runs as the owner (the application's role may not ANALYZE): also
     * the marker slices the import builds, and the clinical tables with their history.
     */
    @Test
    void theApplicationsRoleRefreshesTheStatisticsOfEveryTableAnImportFills() throws SQLException {
        List<String> filled = List.of("subject", "visit", "lab_result", "lesion", "lesion_measurement", "response_assessment",
                "exposure", "disposition_event", "adverse_event", "audit_revision", "subject_aud", "lab_result_aud",
                "marker_slice", "marker_slice_study", "marker_slice_change");
        try (Connection connection = Database.connectAsApplication(); Statement statement = connection.createStatement()) {
            java.sql.Timestamp before;
            try (ResultSet rs = statement.executeQuery("select clock_timestamp()")) {
                rs.next();
                before = rs.getTimestamp(1);
            }
            statement.execute("select cytotrial_refresh_import_statistics()");
            List<String> stale = new ArrayList<>();
            try (Connection owner = Database.connect(); Statement check = owner.createStatement()) {
                check.execute("select pg_stat_clear_snapshot()");
                for (String table : filled) {
                    try (ResultSet rs = check.executeQuery("select last_analyze from pg_stat_user_tables where schemaname = '"
                            + Database.schema() + "' and relname = '" + table + "'")) {
                        if (!rs.next() || rs.getTimestamp(1) == null || rs.getTimestamp(1).before(before)) {
                            stale.add(table);
                        }
                    }
                }
            }
            assertEquals(List.of(), stale, "tables the import fills whose statistics were not refreshed");
        }
    }

    /** Every save's foreign-key checks of its audit rows depend on fresh statistics (SchemaMigrator). */
    @Test
    void theServerLogWarnsWhenPostgreSQLRunsWithoutAutovacuum() throws SQLException, IOException {
        String autovacuum;
        try (Connection connection = Database.connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select current_setting('autovacuum')")) {
            rs.next();
            autovacuum = rs.getString(1);
        }
        StringBuilder log = new StringBuilder();
        // server.log and, after a change of day, its dated predecessors
        try (DirectoryStream<Path> files = Files.newDirectoryStream(
                Path.of(System.getProperty("jboss.home"), "standalone", "log"), "server.log*")) {
            for (Path file : files) {
                log.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        assertEquals(!"on".equals(autovacuum), log.toString().contains("PostgreSQL runs with autovacuum off"),
                "the warning is in the server log exactly when autovacuum is off (it is " + autovacuum + ")");
    }

    @Test
    void auditRowsCannotBeChangedOrDeleted() throws SQLException {
        assertTrue(Database.count("select count(*) from audit_revision") > 0, "the demo import wrote audit rows");
        try (Connection connection = Database.connect(); Statement statement = connection.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> statement.executeUpdate("update audit_revision set reason = 'tampered'"));
            assertTrue(update.getMessage().contains("cannot be changed or deleted"), update.getMessage());
            assertThrows(SQLException.class, () -> statement.executeUpdate("delete from subject_aud"));
            assertThrows(SQLException.class, () -> statement.executeUpdate("truncate lab_result_aud"));
        }
    }

    /**
     * The application runs as a role of its own (it.db.app.user), the schema's owner only
     * migrates: that role can add audit rows but neither change nor remove them, nor take away
     * the triggers that guard them, nor touch a signature.
     */
    @Test
    void theApplicationsOwnRoleCanNeitherChangeNorUnprotectAuditRows() throws SQLException {
        String role = Database.applicationRole();
        Fixtures.importDemo("IL2-MM", "ROLE");
        assertTrue(Database.count("select count(*) from pg_stat_activity where usename = ? and datname = current_database()",
                role) > 0, "the application is connected as " + role);
        assertEquals(0, Database.count("select count(*) from pg_roles where rolname = ? and rolsuper", role));
        assertEquals(0, Database.count("select count(*) from pg_tables where schemaname = ? and tableowner = ?",
                Database.schema(), role), "the application's role owns no table");
        List<String> writable = new ArrayList<>();
        try (Connection c = Database.connect(); Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery("select table_name from information_schema.tables where table_schema = '"
                        + Database.schema() + "' and (table_name like '%\\_aud' or table_name in ('audit_revision', 'e_signature'))")) {
            while (rs.next()) {
                String table = rs.getString(1);
                for (String privilege : List.of("UPDATE", "DELETE", "TRUNCATE")) {
                    if (Database.count("select count(*) where has_table_privilege(?, ?, ?)", role,
                            Database.schema() + "." + table, privilege) > 0) {
                        writable.add(table + " " + privilege);
                    }
                }
            }
        }
        assertEquals(List.of(), writable);
        assertEquals(1, Database.count("select count(*) where has_table_privilege(?, ?, 'INSERT')", role,
                Database.schema() + ".subject_aud"), "audit rows can be added");
        assertEquals(1, Database.count("select count(*) where has_table_privilege(?, ?, 'UPDATE')", role,
                Database.schema() + ".subject"), "clinical data can be changed");

        try (Connection c = Database.connectAsApplication(); Statement statement = c.createStatement()) {
            for (String attempt : List.of(
                    "update subject_aud set usubjid = 'tampered' where rev = (select max(rev) from subject_aud)",
                    "delete from subject_aud where rev = (select max(rev) from subject_aud)",
                    "update audit_revision set reason = 'tampered' where id = (select max(id) from audit_revision)",
                    "delete from audit_revision where id = (select max(id) from audit_revision)",
                    "truncate lab_result_aud",
                    "update e_signature set signer_username = 'someone else'",
                    "delete from e_signature")) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.executeUpdate(attempt), attempt);
                assertTrue(refused.getMessage().contains("permission denied"), attempt + ": " + refused.getMessage());
            }
            for (String attempt : List.of(
                    "alter table subject_aud disable trigger subject_aud_immutable",
                    "alter table audit_revision disable trigger all",
                    "drop trigger e_signature_immutable on e_signature",
                    "alter table lab_result_aud owner to " + role)) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.executeUpdate(attempt), attempt);
                assertTrue(refused.getMessage().contains("must be owner"), attempt + ": " + refused.getMessage());
            }
            SQLException superuserOnly = assertThrows(SQLException.class,
                    () -> statement.execute("set session_replication_role = replica"));
            assertTrue(superuserOnly.getMessage().contains("permission denied"), superuserOnly.getMessage());
        }
        assertEquals(2, Database.count("select count(*) from pg_trigger t join pg_class c on c.oid = t.tgrelid"
                + " join pg_namespace n on n.oid = c.relnamespace join pg_proc p on p.oid = t.tgfoid where n.nspname = ?"
                + " and c.relname = 'subject_aud' and p.proname = 'cytotrial_refuse_audit_change' and t.tgenabled = 'O'",
                Database.schema()), "the triggers are still there and enabled");
        assertTrue(Database.count("select count(*) from pg_stat_user_tables where schemaname = ? and relname = 'lab_result'"
                + " and last_analyze is not null", Database.schema()) > 0,
                "the import refreshed the statistics, which needs the owner, through the owner's function");
    }

    @Test
    void theDatabaseRefusesWhatBreaksTheRules() throws SQLException {
        try (Connection connection = Database.connect(); Statement statement = connection.createStatement()) {
            long subject = Database.count("select min(id) from subject");
            SQLException grade = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "insert into adverse_event (id, subject_id, term, grade, serious, related, start_date)"
                            + " values (-1, " + subject + ", 'x', 6, false, false, date '2020-01-01')"));
            assertTrue(grade.getMessage().contains("adverse_event_grade_check"), grade.getMessage());
            SQLException response = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "update response_assessment set response = 'XX' where id = (select min(id) from response_assessment)"));
            assertTrue(response.getMessage().contains("response_code_check"), response.getMessage());
            SQLException duplicate = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "insert into subject (id, study_id, usubjid, site_id, sex)"
                            + " select -1, study_id, usubjid, site_id, sex from subject where id = " + subject));
            assertTrue(duplicate.getMessage().contains("subject_usubjid_unique"), duplicate.getMessage());
            SQLException orphan = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "insert into lab_result (id, subject_id, visit_id, seq, test_code, test_name, original_value,"
                            + " original_unit, standard_value, standard_unit)"
                            + " values (-1, -999, -999, 1, 'EOS', 'Eosinophils', '1', '10^9/L', 1, '10^9/L')"));
            assertEquals("23503", orphan.getSQLState(), "a result of a subject and visit that do not exist: "
                    + orphan.getMessage());
            SQLException missing = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "update subject set sex = null where id = " + subject));
            assertEquals("23502", missing.getSQLState(), "sex is required: " + missing.getMessage());
            SQLException sameCode = assertThrows(SQLException.class, () -> statement.executeUpdate(
                    "insert into study (id, code, title, response_criteria, sd_min_days, status, created_at, version)"
                            + " select -1, lower(code), title, response_criteria, sd_min_days, status, created_at, 0 from study"
                            + " where id = (select min(id) from study)"));
            assertTrue(sameCode.getMessage().contains("study_code_lower_unique"), sameCode.getMessage());
        }
    }

    /** Versioned migrations in the ejb module's sources, counted independently of Flyway. */
    private static long migrationFiles(String vendorFolder) {
        java.nio.file.Path dir = java.nio.file.Path.of("../ejb/src/main/resources/db/migration", vendorFolder);
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
