package org.cytotrial.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Direct JDBC to the test database, to check what the application did or did not store. */
public final class Database {

    public static final List<String> CLINICAL_TABLES = List.of("study", "study_parameter", "arm", "site",
            "visit_definition", "subject", "visit", "lab_result", "lesion", "lesion_measurement",
            "response_assessment", "exposure", "disposition_event", "adverse_event", "audit_revision", "subject_aud",
            "lab_result_aud", "eligibility_criterion", "eligibility_answer", "randomisation_assignment");

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
     * Row counts of every table of the schema but the users' (whose logins count failures) and
     * Flyway's, read in one connection: equal before and after a request means it stored nothing —
     * no row, no history row, no revision anywhere.
     */
    public static Map<String, Long> everyTable() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (Connection connection = connect()) {
            try (PreparedStatement tables = connection.prepareStatement("select table_name from information_schema.tables"
                    + " where table_schema = ? and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'"
                    + " and table_name not like 'app\\_user%'")) {
                tables.setString(1, schema());
                try (ResultSet rs = tables.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), null);
                    }
                }
            }
            try (var statement = connection.createStatement()) {
                for (String table : counts.keySet()) {
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

    /** Row counts of every clinical and audit table: equal before and after means nothing was stored. */
    public static Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : CLINICAL_TABLES) {
            counts.put(table, count("select count(*) from " + table));
        }
        return counts;
    }
}
