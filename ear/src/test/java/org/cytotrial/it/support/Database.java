package org.cytotrial.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Direct JDBC to the test database, to check what the application did or did not store. */
public final class Database {

    /**
     * Tables whose rows a read may add or remove, so their counts say nothing about whether a
     * refused change stored something. The marker slices (MarkerSlices) are sorted copies of
     * lab_result, which is counted: any read of a study's marker summaries rebuilds them, and
     * builds a study's bookkeeping row (marker_slice_study) on its first read. The queue of
     * changes still to rebuild (marker_slice_change) is counted: only a change writes it.
     */
    private static final Set<String> READ_CACHES = Set.of("marker_slice", "marker_slice_study");

    private Database() {}

    public static Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(System.getProperty("it.db.url"),
                System.getProperty("it.db.user"), System.getProperty("it.db.password", ""));
        try (var statement = connection.createStatement()) {
            statement.execute("set search_path to " + schema());
        }
        return connection;
    }

    /** A connection as the role the application itself runs as (it.db.app.user), which owns nothing. */
    public static Connection connectAsApplication() throws SQLException {
        Connection connection = DriverManager.getConnection(System.getProperty("it.db.url"), applicationRole(),
                System.getProperty("it.db.app.password", ""));
        try (var statement = connection.createStatement()) {
            statement.execute("set search_path to " + schema());
        }
        return connection;
    }

    public static String applicationRole() {
        return System.getProperty("it.db.app.user", schema() + "_app");
    }

    public static String schema() {
        return System.getProperty("it.db.schema", "cytotrial_it");
    }

    public static long count(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one change directly in the database (to set up a state the API does not offer, e.g. a lock). */
    public static int execute(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Row counts of every table of the schema, found in the catalogue so that no table added
     * later is forgotten, read over one connection: equal before and after a request means it
     * stored nothing — no row, no history row, no revision anywhere. Left out: the READ_CACHES,
     * Flyway's history, and the users' tables (a login's failure count is bookkeeping, not data).
     */
    public static Map<String, Long> rowCounts() {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            for (String table : tables()) {
                if (!READ_CACHES.contains(table) && !table.equals("flyway_schema_history") && !table.startsWith("app_user")) {
                    try (ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
                        rs.next();
                        counts.put(table, rs.getLong(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    /** The base tables (not views) of the schema. */
    public static List<String> tables() {
        List<String> tables = new ArrayList<>();
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE'"
                        + " order by table_name")) {
            statement.setString(1, schema());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (tables.isEmpty()) {
            throw new IllegalStateException("no tables in schema " + schema() + ": nothing would be compared");
        }
        return tables;
    }
}
