package org.cytotrial.analytics;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.hibernate.Session;

/**
 * Streams a query's rows to a handler on the connection of the current transaction. The fetch
 * size makes PostgreSQL send rows in batches through a cursor instead of the whole result at
 * once, so that memory does not grow with the study.
 */
final class Jdbc {

    static final int FETCH_SIZE = 2000;

    interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private Jdbc() {
    }

    static void stream(EntityManager em, String sql, List<?> parameters, RowHandler handler) {
        withConnection(em, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        handler.row(rs);
                    }
                }
            }
        });
    }

    interface ConnectionWork {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Work on the connection of the current transaction, e.g. several cursors read side by side.
     *
     * <p>On PostgreSQL the work runs without nested-loop joins and with room to sort in memory.
     * Analytic queries read whole studies, for which hash and merge joins are always right; right
     * after a bulk import the planner's statistics still describe empty tables (until ANALYZE or
     * autovacuum runs) and it would otherwise pick a nested loop that turns a 50 ms read of
     * 70,000 responses into minutes. Both settings are reset when the work ends (and die with the transaction anyway).
     */
    static void withConnection(EntityManager em, ConnectionWork work) {
        em.unwrap(Session.class).doWork(connection -> {
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres");
            if (postgres) {
                try (java.sql.Statement tune = connection.createStatement()) {
                    tune.execute("set local enable_nestloop = off");
                    tune.execute("set local work_mem = '64MB'");
                }
            }
            // after a failure the transaction is aborted and rolls back, taking the settings along
            work.run(connection);
            if (postgres) {
                try (java.sql.Statement reset = connection.createStatement()) {
                    reset.execute("reset enable_nestloop");
                    reset.execute("reset work_mem");
                }
            }
        });
    }

    /**
     * A forward cursor over rows ordered by a key column (a subject id), read one key's rows at a
     * time, so that several queries ordered alike can be merged without holding any of them.
     */
    static final class KeyedCursor implements AutoCloseable {
        private final PreparedStatement statement;
        private final ResultSet rs;
        private boolean onRow;

        KeyedCursor(Connection connection, String sql, List<?> parameters) throws SQLException {
            statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            rs = statement.executeQuery();
            onRow = rs.next();
        }

        /** Hands the current row to the handler and moves on; false (and no call) at the end. */
        boolean next(RowHandler handler) throws SQLException {
            if (!onRow) {
                return false;
            }
            handler.row(rs);
            onRow = rs.next();
            return true;
        }

        /** Hands every row whose first column equals {@code key} to the handler; the key column must ascend. */
        void rowsOf(long key, RowHandler handler) throws SQLException {
            while (onRow && rs.getLong(1) < key) {
                onRow = rs.next();
            }
            while (onRow && rs.getLong(1) == key) {
                handler.row(rs);
                onRow = rs.next();
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                rs.close();
            } finally {
                statement.close();
            }
        }
    }

    /** A nullable double column. */
    static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /** A nullable bigint column. */
    static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
