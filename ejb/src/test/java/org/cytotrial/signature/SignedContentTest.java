package org.cytotrial.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.cytotrial.testing.H2Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What breaks a signature's digest, and what does not. */
class SignedContentTest {

    private Connection connection;
    private Statement sql;
    private SignedContent content;

    @BeforeEach
    void twoSubjectsWithResponses() throws SQLException {
        connection = DriverManager.getConnection(H2Schema.migrate("signed-" + System.nanoTime()), "sa", "");
        sql = connection.createStatement();
        sql.execute("insert into site (id, code, name) values (1, 'HAMBURG', 'Hamburg')");
        sql.execute("insert into study (id, code, title, response_criteria, status, created_at)"
                + " values (1, 'ST', 'Study', 'RECIST_1_1', 'ACTIVE', current_timestamp)");
        sql.execute("insert into subject (id, study_id, usubjid, site_id, sex) values (10, 1, 'ST-001', 1, 'F'),"
                + " (11, 1, 'ST-002', 1, 'M')");
        sql.execute("insert into visit (id, subject_id, visit_number, name, status) values (100, 10, 2, 'WEEK 8', 'DONE'),"
                + " (101, 11, 2, 'WEEK 8', 'DONE')");
        sql.execute("insert into response_assessment (id, subject_id, visit_id, test_code, test_name, response, assessed_on)"
                + " values (1, 10, 100, 'OVRLRESP', 'Overall Response', 'PR', date '2024-03-01'),"
                + " (2, 11, 101, 'OVRLRESP', 'Overall Response', 'SD', date '2024-03-02')");
        content = new SignedContent(connection);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void theDigestIsStableAndTheSameOneByOneAndInBatches() throws SQLException {
        SignedContent.Digest one = content.digest(10, SignatureScope.RESPONSES);
        assertEquals(one, content.digest(10, SignatureScope.RESPONSES));
        assertEquals(1, one.records());
        assertEquals(64, one.hex().length());
        Map<Long, SignedContent.Digest> both = content.digests(List.of(10L, 11L), SignatureScope.RESPONSES);
        assertEquals(one, both.get(10L));
        assertEquals(content.digest(11, SignatureScope.RESPONSES), both.get(11L));
        assertNotEquals(both.get(10L), both.get(11L));
        assertNotEquals(one.hex(), content.digest(10, SignatureScope.CASEBOOK).hex(), "scopes never share a digest");
    }

    @Test
    void changingAddingOrRemovingASignedRowBreaksIt() throws SQLException {
        String signed = content.digest(10, SignatureScope.RESPONSES).hex();
        sql.execute("update response_assessment set response = 'CR' where id = 1");
        assertNotEquals(signed, content.digest(10, SignatureScope.RESPONSES).hex());
        sql.execute("update response_assessment set response = 'PR' where id = 1");
        assertEquals(signed, content.digest(10, SignatureScope.RESPONSES).hex(), "the same data give the same digest");

        sql.execute("update response_assessment set review_reason = 'checked' where id = 1");
        assertNotEquals(signed, content.digest(10, SignatureScope.RESPONSES).hex(), "a null becoming a value counts");
        sql.execute("update response_assessment set review_reason = null where id = 1");

        sql.execute("insert into response_assessment (id, subject_id, visit_id, test_code, test_name, response, assessed_on)"
                + " values (3, 10, 100, 'OVRLRESP', 'Overall Response', 'PD', date '2024-04-01')");
        assertNotEquals(signed, content.digest(10, SignatureScope.RESPONSES).hex());
        sql.execute("delete from response_assessment where id = 3");
        assertEquals(signed, content.digest(10, SignatureScope.RESPONSES).hex());
    }

    @Test
    void theOtherSubjectsDataAndTheVersionColumnDoNotMatter() throws SQLException {
        String signed = content.digest(10, SignatureScope.RESPONSES).hex();
        sql.execute("update response_assessment set response = 'PD' where id = 2");
        sql.execute("update response_assessment set version = version + 5 where id = 1");
        assertEquals(signed, content.digest(10, SignatureScope.RESPONSES).hex());
    }

    @Test
    void aCasebookSignatureCoversLabsAndOtherTablesButANewEmptyColumnBreaksNothing() throws SQLException {
        String casebook = content.digest(10, SignatureScope.CASEBOOK).hex();
        String responses = content.digest(10, SignatureScope.RESPONSES).hex();
        sql.execute("insert into lab_result (id, subject_id, visit_id, seq, test_code, test_name, original_value,"
                + " original_unit, standard_value, standard_unit) values (7, 10, 100, 1, 'EOS', 'Eosinophils', '0.3',"
                + " '10^9/L', 0.3, '10^9/L')");
        assertNotEquals(casebook, content.digest(10, SignatureScope.CASEBOOK).hex());
        assertEquals(responses, content.digest(10, SignatureScope.RESPONSES).hex(), "labs are not response assessments");
        String withLab = content.digest(10, SignatureScope.CASEBOOK).hex();
        sql.execute("alter table lab_result add column comment_text varchar(200)");
        assertEquals(withLab, content.digest(10, SignatureScope.CASEBOOK).hex());
        sql.execute("update visit set visit_date = date '2024-03-01' where id = 100");
        assertNotEquals(withLab, content.digest(10, SignatureScope.CASEBOOK).hex());
    }
}
