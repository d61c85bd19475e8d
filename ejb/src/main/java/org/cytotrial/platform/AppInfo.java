package org.cytotrial.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/** The running application: its version, whether it is in demo mode, the database behind it. */
@ApplicationScoped
public class AppInfo {

    public static final String DEMO_PROPERTY = "cytotrial.demo";

    @Resource(lookup = "java:jboss/datasources/CytotrialDS")
    private DataSource dataSource;

    private final String version = loadVersion();

    private static String loadVersion() {
        Properties properties = new Properties();
        try (InputStream in = AppInfo.class.getResourceAsStream("/cytotrial.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }

    public String version() {
        return version;
    }

    public static boolean isDemoMode() {
        String value = System.getProperty(DEMO_PROPERTY, System.getenv("CYTOTRIAL_DEMO"));
        return Boolean.parseBoolean(value);
    }

    /** The database product and version, e.g. "PostgreSQL 15.20"; "unavailable" when it cannot be reached. */
    public String database() {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            return "unavailable";
        }
    }
}
