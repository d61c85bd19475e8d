package org.cytotrial.platform;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cytotrial.audit.AuditContext;
import org.cytotrial.exchange.SdtmDomain;
import org.cytotrial.exchange.StudyImportService;
import org.cytotrial.security.CurrentUser;
import org.cytotrial.security.Role;
import org.cytotrial.security.UserDirectory;
import org.cytotrial.study.Site;
import org.cytotrial.study.StudyService;

/**
 * Start-up content. In demo mode ({@code -Dcytotrial.demo=true}, which {@code mvn wildfly:run}
 * sets): one account per role with the published demo password, and the two demo studies of
 * {@code src/demo/studies}. Outside demo mode there is no default password: the first
 * administrator is created from CYTOTRIAL_ADMIN_USER / CYTOTRIAL_ADMIN_PASSWORD when no
 * administrator exists yet.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionManagement(TransactionManagementType.BEAN)
public class DemoData {

    public static final String DEMO_PASSWORD = "cytotrial-demo";
    public static final List<String> DEMO_STUDIES = List.of("IL2-MM", "RECIST-DEMO");
    /** The sites the demo's site-bound accounts work at: two of each demo study's. */
    public static final Set<String> DEMO_USER_SITES = Set.of("HANNOVER", "HAMBURG", "BERLIN", "MUNICH");

    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    @Inject
    private RequestContextController requestContext;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private UserDirectory users;

    @Inject
    private StudyService studies;

    @Inject
    private StudyImportService importer;

    @PostConstruct
    void load() {
        boolean activated = requestContext.activate();
        AuditContext.begin(AuditContext.SYSTEM_USER, null);
        try {
            currentUser.actAsSystem();
            if (AppInfo.isDemoMode()) {
                loadDemo();
            } else {
                createFirstAdministrator();
            }
        } finally {
            AuditContext.end();
            if (activated) {
                requestContext.deactivate();
            }
        }
    }

    private void loadDemo() {
        for (String code : DEMO_STUDIES) {
            if (!studies.codeTaken(code)) {
                Path zip = zipFromClasspath(code);
                try (InputStream in = Files.newInputStream(zip)) {
                    importer.importStudy(in, null, "demo/" + code);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    zip.toFile().delete();
                }
            }
        }
        for (Role role : Role.values()) {
            String username = role.name().toLowerCase(java.util.Locale.ROOT);
            if (users.find(username).isPresent()) {
                continue;
            }
            boolean siteBound = EnumSet.of(Role.COORDINATOR, Role.INVESTIGATOR, Role.MONITOR).contains(role);
            List<Site> sites = siteBound
                    ? DEMO_USER_SITES.stream().map(studies::findSite).flatMap(java.util.Optional::stream).toList()
                    : List.of();
            AuditContext.current().setReason("Demo account created");
            users.createUser(username, "Demo " + role.name().toLowerCase(java.util.Locale.ROOT), DEMO_PASSWORD.toCharArray(),
                    Set.of(role), sites, !siteBound);
        }
        LOG.warning("DEMO MODE: accounts admin, coordinator, investigator, sponsor and monitor have the password '"
                + DEMO_PASSWORD + "'. Do not use demo mode for real data.");
    }

    private void createFirstAdministrator() {
        String password = System.getenv("CYTOTRIAL_ADMIN_PASSWORD");
        if (users.anyAdministrator()) {
            return;
        }
        if (password == null || password.isBlank()) {
            LOG.warning("No administrator exists. Set CYTOTRIAL_ADMIN_PASSWORD (and optionally CYTOTRIAL_ADMIN_USER)"
                    + " and restart to create the first one.");
            return;
        }
        String username = System.getenv().getOrDefault("CYTOTRIAL_ADMIN_USER", "admin");
        AuditContext.current().setReason("First administrator created from the environment");
        users.createUser(username, "Administrator", password.toCharArray(), Set.of(Role.ADMIN), List.of(), true);
        LOG.info(() -> "Created the first administrator '" + username + "'");
    }

    /** The demo study's CSV files, zipped as an upload would be. */
    private static Path zipFromClasspath(String code) {
        try {
            Path zip = Files.createTempFile("cytotrial-demo-", ".zip");
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipOut = new ZipOutputStream(out)) {
                for (SdtmDomain domain : SdtmDomain.values()) {
                    try (InputStream csv = DemoData.class.getResourceAsStream("/demo/studies/" + code + "/" + domain.fileName())) {
                        if (csv != null) {
                            zipOut.putNextEntry(new ZipEntry(domain.fileName()));
                            csv.transferTo(zipOut);
                            zipOut.closeEntry();
                        }
                    }
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
