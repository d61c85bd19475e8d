package org.cytotrial.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.cytotrial.testing.H2Schema;
import org.junit.jupiter.api.Test;

/**
 * The data version on H2 (the demo): the number of committed revisions, which moves with every
 * commit, also one that drew a lower id and commits last. (PostgreSQL keeps the same number in
 * counters; AnalyticsIT checks it there.)
 */
class DataVersionTest {

    private static void revision(Connection c, long id) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into audit_revision (id, recorded_at, username) values (?, 0, 'test')")) {
            insert.setLong(1, id);
            insert.executeUpdate();
        }
    }

    @Test
    void everyCommitMovesItWhateverOrderIdsWereDrawnIn() throws SQLException {
        String url = H2Schema.migrate("data-version-" + System.nanoTime());
        try (Connection reader = DriverManager.getConnection(url, "sa", "");
             Connection early = DriverManager.getConnection(url, "sa", "");
             Connection late = DriverManager.getConnection(url, "sa", "")) {
            long start = DataVersion.read(reader);
            early.setAutoCommit(false);
            revision(early, 1_000_001); // the lower id, committed last
            revision(late, 1_000_002);
            long afterHigher = DataVersion.read(reader);
            assertEquals(start + 1, afterHigher);
            early.commit();
            assertEquals(start + 2, DataVersion.read(reader), "the late commit of the lower id moves it too");
        }
    }
}
