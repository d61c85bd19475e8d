package org.cytotrial.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.cytotrial.marker.Marker;
import org.cytotrial.marker.MarkerCatalogue;
import org.flywaydb.core.Flyway;

/**
 * A fresh in-memory H2 database (the demo's engine, in the demo's PostgreSQL mode) migrated by
 * the real Flyway migrations; the source of the marker catalogue in unit tests, so tests use the
 * catalogue the application seeds.
 */
public final class H2Schema {

    private static final String URL = "jdbc:h2:mem:%s;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    private static MarkerCatalogue catalogue;

    private H2Schema() {}

    public static String migrate(String name) {
        String url = String.format(URL, name);
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .failOnMissingLocations(false).load().migrate();
        return url;
    }

    public static synchronized MarkerCatalogue catalogue() {
        if (catalogue == null) {
            String url = migrate("catalogue");
            List<Marker> markers = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("select code, name, category, standard_unit, plausible_low,"
                        + " plausible_high, derived from marker")) {
                    while (rs.next()) {
                        markers.add(new Marker(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getDouble(5), rs.getDouble(6), rs.getBoolean(7)));
                    }
                }
                try (ResultSet rs = s.executeQuery("select marker_code, unit, factor from marker_unit")) {
                    while (rs.next()) {
                        String code = rs.getString(1);
                        markers.stream().filter(m -> m.getCode().equals(code)).findFirst().orElseThrow()
                                .acceptUnit(rs.getString(2), rs.getDouble(3));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            catalogue = new MarkerCatalogue(markers);
        }
        return catalogue;
    }
}
