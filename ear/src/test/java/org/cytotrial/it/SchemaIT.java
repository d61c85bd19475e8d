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
        long files = Database.count("select count(*) from flyway_schema_history where success and version is not null");
        assertTrue(files >= 4, "the common migrations and PostgreSQL's own ran");
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
        }
    }
}
