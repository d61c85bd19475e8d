package org.cytotrial.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;

/**
 * Brings the database schema up to date at deployment, before anything else touches it: Flyway
 * applies the versioned migrations (db/migration/common, then the database's own folder, e.g.
 * db/migration/postgresql with the audit triggers), and Hibernate then validates that the mapping matches the schema, so a
 * mismatch stops the deployment instead of corrupting data later.
 *
 * <p>Flyway connects through {@code CytotrialMigrationDS}, which holds the migration credentials
 * when they are configured (CYTOTRIAL_DB_MIGRATION_USER; by default the application's own). When
 * the two roles differ on PostgreSQL, the schema belongs to the migration role and the
 * application's role is granted what it needs and no more: it can add audit rows and signatures
 * but not change, delete or truncate them, and, owning no table, cannot disable or drop the
 * triggers that protect them. The application's role is whoever the application's datasource
 * connects as.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());
    static final String MIGRATION_DATASOURCE = "java:jboss/datasources/CytotrialMigrationDS";

    @Resource(lookup = "java:jboss/datasources/CytotrialDS")
    private DataSource dataSource;

    @PersistenceUnit(unitName = "cytotrial")
    private EntityManagerFactory entityManagerFactory;

    private record Connected(String vendor, String user) {}

    @PostConstruct
    void migrate() {
        DataSource migrations = migrationDataSource();
        Connected application = connected(dataSource);
        MigrateResult result = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(migrations)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + application.vendor())
                .failOnMissingLocations(false)
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now) on " + result.database);
        if (application.vendor().equals("postgresql")) {
            Connected owner = connected(migrations);
            if (owner.user().equals(application.user())) {
                LOG.warning(() -> "The application connects to PostgreSQL as " + application.user() + ", the role that owns"
                        + " the schema: the triggers keep audit rows from being changed, but their owner could disable them."
                        + " Set CYTOTRIAL_DB_MIGRATION_USER and CYTOTRIAL_DB_MIGRATION_PASSWORD to the owner and let the"
                        + " application connect as a role of its own (README, Running on PostgreSQL).");
            } else {
                grantRuntimeRole(migrations, application.user());
            }
            warnWithoutAutovacuum(dataSource);
        }
        entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    }

    /** The migrations' own datasource; servers configured before it existed migrate with the application's. */
    private DataSource migrationDataSource() {
        try {
            return (DataSource) new InitialContext().lookup(MIGRATION_DATASOURCE);
        } catch (NamingException e) {
            LOG.info(() -> "No " + MIGRATION_DATASOURCE + " (a server configured by an older build): migrating with the"
                    + " application's datasource");
            return dataSource;
        }
    }

    /**
     * Grants the application's role exactly what it needs (migration V53), then makes sure the
     * grant holds: a role that still owns an audit table, or is a superuser, could lift the
     * protection, and starting anyway would claim a protection that is not there.
     */
    private static void grantRuntimeRole(DataSource migrations, String runtimeRole) {
        try (Connection connection = migrations.getConnection()) {
            int protectedTables;
            try (PreparedStatement grant = connection.prepareStatement("select cytotrial_grant_runtime_role(?)")) {
                grant.setString(1, runtimeRole);
                try (ResultSet rs = grant.executeQuery()) {
                    rs.next();
                    protectedTables = rs.getInt(1);
                }
            }
            List<String> problems = new ArrayList<>();
            try (PreparedStatement check = connection.prepareStatement("select rolsuper from pg_roles where rolname = ?")) {
                check.setString(1, runtimeRole);
                try (ResultSet rs = check.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        problems.add("it is a superuser");
                    }
                }
            }
            try (PreparedStatement owned = connection.prepareStatement("select c.relname from pg_class c"
                    + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema()"
                    + " and pg_get_userbyid(c.relowner) = ? and c.relkind in ('r', 'p') order by c.relname")) {
                owned.setString(1, runtimeRole);
                try (ResultSet rs = owned.executeQuery()) {
                    List<String> tables = new ArrayList<>();
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                    if (!tables.isEmpty()) {
                        problems.add("it owns " + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
                                + (tables.size() > 5 ? " and " + (tables.size() - 5) + " more tables" : "")
                                + " (REASSIGN OWNED BY " + runtimeRole + " TO the migration role)");
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("The application's database role " + runtimeRole + " could change or"
                        + " unprotect audit rows: " + String.join("; ", problems));
            }
            LOG.info(() -> "The application connects as " + runtimeRole + ": read and write of clinical data, audit rows"
                    + " insert-only on " + protectedTables + " protected tables");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not grant the application's database role " + runtimeRole
                    + " its privileges: " + e.getMessage(), e);
        }
    }

    /**
     * Without autovacuum nothing refreshes the planner's statistics while audit revisions accumulate:
     * plans made while the revision table was small (the foreign-key checks of every audit row among
     * them) keep scanning it whole, and each save slows down as the trail grows (docs/benchmarks.md,
     * "Coordinator write path"). The application cannot turn it on; it says so where operators look.
     */
    private static void warnWithoutAutovacuum(DataSource source) {
        try (Connection connection = source.getConnection();
                PreparedStatement setting = connection.prepareStatement("select current_setting('autovacuum')");
                ResultSet rs = setting.executeQuery()) {
            if (rs.next() && !"on".equals(rs.getString(1))) {
                LOG.warning(AUTOVACUUM_OFF);
            }
        } catch (SQLException e) {
            LOG.warning(() -> "Could not read PostgreSQL's autovacuum setting: " + e.getMessage());
        }
    }

    static final String AUTOVACUUM_OFF = "PostgreSQL runs with autovacuum off: the planner's statistics go stale as"
            + " audit revisions accumulate and saves slow down with the size of the audit trail. Turn autovacuum on"
            + " (PostgreSQL's default) or run ANALYZE regularly (README, Running on PostgreSQL).";

    /** The database (postgresql, h2, ...: the folder of its own migrations) and the role a datasource connects as. */
    private static Connected connected(DataSource source) {
        try (Connection connection = source.getConnection()) {
            return new Connected(connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).replace(" ", ""),
                    connection.getMetaData().getUserName());
        } catch (SQLException e) {
            throw new IllegalStateException("The database cannot be reached: " + e.getMessage(), e);
        }
    }
}
