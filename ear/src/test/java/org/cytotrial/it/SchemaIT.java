package org.cytotrial.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.cytotrial.it.support.Database;
import org.cytotrial.it.support.Deployments;
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
