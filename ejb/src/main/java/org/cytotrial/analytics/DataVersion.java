package org.cytotrial.analytics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The number of committed audit revisions as the caller's transaction sees it: it changes with
 * every committed change of clinical data, and only grows (audit rows are never deleted), so it
 * versions the data the analytics read. See {@link AnalyticsCache}.
 */
final class DataVersion {

    /** PostgreSQL: the counters migration V62 keeps, one row per shard. */
    static final String COUNTED = "select sum(revisions) from analytics_data_version";
    /** Elsewhere (H2, the demo): counted, O(revisions), fine at demo size. */
    static final String COUNTING = "select count(*) from audit_revision";

    private DataVersion() {
    }

    static long read(Connection connection) throws SQLException {
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                .contains("postgres");
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(postgres ? COUNTED : COUNTING)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
