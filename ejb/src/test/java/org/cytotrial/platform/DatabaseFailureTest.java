package org.cytotrial.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** A lost database connection is told apart from other failures, however deeply it is wrapped. */
class DatabaseFailureTest {

    @Test
    void connectionFailuresAreRecognisedThroughWrappers() {
        assertTrue(DatabaseFailure.isConnectionLost(new RuntimeException(new SQLException("I/O error", "08006"))));
        assertTrue(DatabaseFailure.isConnectionLost(new IllegalStateException(
                new SQLException("terminating connection due to administrator command", "57P01"))));
        assertTrue(DatabaseFailure.isConnectionLost(new SQLTransientConnectionException("refused")));
        assertFalse(DatabaseFailure.isConnectionLost(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseFailure.isConnectionLost(new IllegalArgumentException("x")));
        RuntimeException loop = new RuntimeException("self");
        assertFalse(DatabaseFailure.isConnectionLost(loop));
    }
}
