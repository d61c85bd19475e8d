package org.cytotrial.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a lost or unreachable database apart from other failures, so that users get "the
 * database is not reachable, nothing was saved, try again" (HTTP 503) rather than an internal
 * error. The transaction of the request is rolled back either way, so nothing is half-saved.
 */
public final class DatabaseFailure {

    public static final String MESSAGE =
            "The database is not reachable at the moment; nothing was saved. Try again in a minute.";

    private DatabaseFailure() {}

    /** Whether the failure, or anything that caused it, is a broken or refused database connection. */
    public static boolean isConnectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P01")
                            || sql.getSQLState().equals("57P02") || sql.getSQLState().equals("57P03"))) {
                return true;
            }
            String type = t.getClass().getName();
            if (type.equals("org.hibernate.exception.JDBCConnectionException")
                    || type.equals("jakarta.resource.ResourceException")
                    || type.endsWith(".ResourceException") && String.valueOf(t.getMessage()).contains("IJ0")) {
                return true;
            }
        }
        return false;
    }
}
