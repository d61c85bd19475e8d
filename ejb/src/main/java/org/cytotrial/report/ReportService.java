package org.cytotrial.report;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.cytotrial.audit.AuditScope;
import org.cytotrial.audit.AuditTrailService;
import org.cytotrial.platform.AppInfo;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.platform.InvalidInputException.FieldError;
import org.cytotrial.report.excel.StudyWorkbook;
import org.cytotrial.report.odm.OdmExport;
import org.cytotrial.security.AccessDeniedException;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.Role;
import org.cytotrial.security.UserAccount;
import org.cytotrial.study.Arm;
import org.cytotrial.study.Site;
import org.cytotrial.study.Study;
import org.cytotrial.study.StudyService;

/**
 * The sponsor's downloads: the Excel report, the CSV listings and the CDISC ODM export.
 *
 * <p>{@link #scope} runs in the request: it checks who asks (administrators, sponsors,
 * investigators and monitors; coordinators enter data and get 403) and the filters (422 naming
 * what is accepted), and resolves them. The writers then need nothing from the request, so the
 * same scope serves a REST download and a background job. Each writer reads the database in one
 * read-only, repeatable-read transaction of its own, outside any container transaction: every
 * number in a file comes from the same snapshot, however long the file takes to write.
 */
@ApplicationScoped
public class ReportService {

    private static final Logger LOG = Logger.getLogger(ReportService.class.getName());

    @Resource(lookup = "java:jboss/datasources/CytotrialDS")
    private DataSource dataSource;

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private AccessPolicy access;

    @Inject
    private StudyService studies;

    @Inject
    private AppInfo app;

    @Inject
    private AuditTrailService auditTrails;

    /**
     * What a report covers, checked.
     *
     * @param arms   arm codes; none means every arm
     * @param sites  site codes; none means every site the user may see
     * @param cutoff ISO date (YYYY-MM-DD) or blank for all data
     */
    @Transactional
    public ReportScope scope(String studyCode, Collection<String> arms, Collection<String> sites, String cutoff) {
        return scope(studyCode, arms, sites, cutoff, false);
    }

    /**
     * What a report covers, checked, optionally with the audit trail sheet: administrators only
     * (403 for anyone else asking for it), since the trail names people and shows free text as
     * recorded; the audit trail service checks its own access again as the sheet streams.
     */
    @Transactional
    public ReportScope scope(String studyCode, Collection<String> arms, Collection<String> sites, String cutoff,
            boolean auditTrail) {
        UserAccount user = access.requireRole(Role.ADMIN, Role.SPONSOR, Role.INVESTIGATOR, Role.MONITOR);
        if (auditTrail && !user.has(Role.ADMIN)) {
            throw new AccessDeniedException(user.username() + " may not have the audit trail in a report; it is for"
                    + " administrators (it names people and shows free text as recorded)", true);
        }
        Study study = studies.requireVisible(studyCode);
        List<FieldError> errors = new ArrayList<>();

        List<Arm> studyArms = inDmOrder(study);
        Set<String> wantedArms = cleaned(arms);
        List<ReportScope.ArmRef> armRefs = studyArms.stream()
                .filter(a -> wantedArms.isEmpty() || wantedArms.contains(a.getCode()))
                .map(a -> new ReportScope.ArmRef(a.getId(), a.getCode(), a.getName())).toList();
        for (String wanted : wantedArms) {
            if (studyArms.stream().noneMatch(a -> a.getCode().equals(wanted))) {
                errors.add(new FieldError("arm", "'" + wanted + "' is not an arm of study " + study.getCode()
                        + "; accepted: " + String.join(", ", studyArms.stream().map(Arm::getCode).toList())));
            }
        }

        List<Site> visibleSites = study.getSites().stream().filter(s -> user.canSeeSite(study.getId(), s.getId()))
                .sorted(java.util.Comparator.comparing(Site::getCode)).toList();
        Set<String> wantedSites = cleaned(sites);
        List<ReportScope.SiteRef> siteRefs = visibleSites.stream()
                .filter(s -> wantedSites.isEmpty() || wantedSites.contains(s.getCode()))
                .map(s -> new ReportScope.SiteRef(s.getId(), s.getCode(), s.getName())).toList();
        for (String wanted : wantedSites) {
            if (visibleSites.stream().noneMatch(s -> s.getCode().equals(wanted))) {
                errors.add(new FieldError("site", "'" + wanted + "' is not a site of study " + study.getCode()
                        + " that you can see; accepted: " + String.join(", ", visibleSites.stream().map(Site::getCode)
                                .toList())));
            }
        }

        LocalDate cutoffDate = null;
        if (cutoff != null && !cutoff.isBlank()) {
            try {
                cutoffDate = LocalDate.parse(cutoff.strip());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("cutoff", "'" + cutoff + "' is not a date; accepted: an ISO 8601 date"
                        + " such as 2019-06-30, or nothing for all data"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        ReportScope scope = new ReportScope(study.getId(), study.getCode(), study.getTitle(),
                study.getResponseCriteria(), study.getSdMinDays(), study.getMrLowPercent(), armRefs,
                wantedArms.isEmpty(), siteRefs, wantedSites.isEmpty() && user.seesAllSitesOf(study.getId()), cutoffDate,
                user.isPseudonymised(), user.username());
        if (auditTrail) {
            auditTrails.requireReadable(AuditScope.study(study.getCode()));
            return scope.withAuditTrail();
        }
        return scope;
    }

    /** The study's arms in the order their first subjects were enrolled (DM order), as the analytics list them. */
    private List<Arm> inDmOrder(Study study) {
        Map<Long, Long> firstSubject = new HashMap<>();
        em.createQuery("select s.arm.id, min(s.id) from Subject s where s.study = :study and s.arm is not null"
                + " group by s.arm.id", Object[].class).setParameter("study", study).getResultList()
                .forEach(row -> firstSubject.put((Long) row[0], (Long) row[1]));
        List<Arm> arms = new ArrayList<>(study.getArms());
        arms.sort(Comparator.comparing((Arm a) -> firstSubject.getOrDefault(a.getId(), Long.MAX_VALUE))
                .thenComparing(Arm::getCode));
        return arms;
    }

    private static Set<String> cleaned(Collection<String> codes) {
        Set<String> set = new LinkedHashSet<>();
        if (codes != null) {
            for (String code : codes) {
                if (code != null) {
                    for (String part : code.split(",")) {
                        if (!part.isBlank()) {
                            set.add(part.strip());
                        }
                    }
                }
            }
        }
        return set;
    }

    /** The Excel report. */
    @Transactional(TxType.NOT_SUPPORTED)
    public void writeWorkbook(ReportScope scope, OutputStream out, ReportProgress progress) {
        long started = System.nanoTime();
        inSnapshot(connection -> {
            ReportReader reader = new ReportReader(connection, scope);
            ReportData data = reader.read(progress, Instant.now(), app.version());
            StudyWorkbook workbook = new StudyWorkbook();
            if (scope.auditTrail()) {
                workbook.auditTrail(new ReportAuditTrail(scope, data.generatedAt(),
                        scope.filtersSubjects() ? reader.subjectCodes() : null,
                        (filter, consumer) -> auditTrails.stream(AuditScope.study(scope.studyCode()), filter, false,
                                consumer)));
            }
            workbook.write(data, out, progress);
            progress.finished();
            LOG.info(() -> String.format("Report %s for %s: %d subjects, %d subject-visits in %.1f s", scope.fileStem(),
                    scope.requestedBy(), data.outcomes().size(), data.visitCount(), (System.nanoTime() - started) / 1e9));
        });
    }

    @Transactional(TxType.NOT_SUPPORTED)
    public void writeListing(ReportScope scope, Listing listing, OutputStream out) {
        inSnapshot(connection -> new CsvListings(new ReportReader(connection, scope), scope).write(listing, out));
    }

    /** The study's clinical data as CDISC ODM 1.3.2 XML. */
    @Transactional(TxType.NOT_SUPPORTED)
    public void writeOdm(ReportScope scope, OutputStream out) {
        inSnapshot(connection -> new OdmExport(new ReportReader(connection, scope), scope,
                app.version()).write(out, Instant.now()));
    }

    @FunctionalInterface
    private interface SnapshotWork {
        void run(Connection connection) throws SQLException, IOException;
    }

    /**
     * Runs read-only in one repeatable-read transaction (one snapshot on PostgreSQL and H2), and
     * gives the pooled connection back as it was found.
     */
    private void inSnapshot(SnapshotWork work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            boolean readOnly = connection.isReadOnly();
            try {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                connection.setReadOnly(true);
                ReportReader.tuneTransaction(connection);
                work.run(connection);
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setReadOnly(readOnly);
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the study failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
