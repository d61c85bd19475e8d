package org.cytotrial.exchange;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cytotrial.audit.AuditContext;
import org.cytotrial.audit.AuditRevision;
import org.cytotrial.exchange.SdtmRecords.DmRow;
import org.cytotrial.exchange.SdtmRecords.TsRow;
import org.cytotrial.marker.MarkerCatalogue;
import org.cytotrial.marker.MarkerSlices;
import org.cytotrial.marker.MarkerService;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.Role;
import org.cytotrial.study.Arm;
import org.cytotrial.study.ResponseCriteria;
import org.cytotrial.study.Site;
import org.cytotrial.study.Study;
import org.cytotrial.study.StudyService;
import org.hibernate.Session;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.envers.AuditReaderFactory;

/**
 * Creates a study from an SDTM zip, all or nothing.
 *
 * <p>The upload is spooled to a temporary file (within the configured size limit), validated
 * completely — every problem reported, nothing written — and only then written in one
 * transaction: study set-up through JPA, the bulk rows through JDBC batches, and one audit
 * revision recording who imported what and from where. A failure at any point rolls back
 * everything; a crash of the server mid-import leaves no trace, since nothing is committed
 * before the end.
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class StudyImportService {

    private static final Logger LOG = Logger.getLogger(StudyImportService.class.getName());

    /** Largest accepted upload in bytes (system property); default 200 MB. */
    public static final String MAX_BYTES_PROPERTY = "cytotrial.import.max-bytes";
    static final long DEFAULT_MAX_BYTES = 200L * 1024 * 1024;
    /** Time allowed for writing one import, generous for studies of 100,000 subjects. */
    private static final int WRITE_TIMEOUT_SECONDS = 3 * 3600;

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Resource
    private UserTransaction transaction;

    @Inject
    private AccessPolicy access;

    @Inject
    private StudyService studies;

    @Inject
    private MarkerService markers;

    public static long maxUploadBytes() {
        return Long.getLong(MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES);
    }

    /**
     * Imports a study.
     *
     * @param upload the zip, read to its end
     * @param codeOverride a study code to import under instead of the files' STUDYID, or null
     * @param sourceName where the upload came from, for the audit trail
     * @throws StudyImportRejectedException with every problem when anything is wrong; nothing is stored
     */
    public ImportSummary importStudy(InputStream upload, String codeOverride, String sourceName) {
        access.requireRole(Role.ADMIN);
        long started = System.currentTimeMillis();
        Path spooled = spool(upload);
        try {
            ImportProblems problems = new ImportProblems();
            try (StudyArchive archive = StudyArchive.open(spooled, Files.size(spooled), StudyArchive.Limits.DEFAULT, problems)) {
                problems.throwIfAny();
                MarkerCatalogue catalogue = markers.catalogue();
                StudyPlan plan = new StudyValidator(catalogue, studies::codeTaken, problems).validate(archive, codeOverride);
                problems.throwIfAny();
                write(plan, archive, catalogue, sourceName);
                refreshStatistics();
                Map<String, Integer> rows = new LinkedHashMap<>();
                plan.rowCounts.forEach((domain, count) -> rows.put(domain.name(), count));
                ImportSummary summary = new ImportSummary(plan.studyCode, plan.subjectsByIndex.size(), plan.visits.size(),
                        rows, System.currentTimeMillis() - started, plan.columnsNotKept);
                LOG.info(() -> "Imported study " + summary.study() + " from " + sourceName + ": " + summary.subjects()
                        + " subjects, " + summary.rows() + " in " + summary.millis() + " ms");
                return summary;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(spooled);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not delete " + spooled, e);
            }
        }
    }

    /** Copies the upload to a temporary file, refusing it once past the size limit. */
    private Path spool(InputStream upload) {
        long limit = maxUploadBytes();
        try {
            Path file = Files.createTempFile("cytotrial-import-", ".zip");
            long written = 0;
            boolean tooLarge = false;
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = upload.read(buffer)) > 0) {
                    written += n;
                    if (written > limit) {
                        tooLarge = true;
                        // drain (bounded) so the client gets a clean answer rather than a reset connection
                        if (written > 4 * limit) {
                            break;
                        }
                        continue;
                    }
                    out.write(buffer, 0, n);
                }
            }
            if (tooLarge) {
                Files.deleteIfExists(file);
                throw StudyImportRejectedException.of(ImportProblem.ofUpload("the upload is larger than the limit of "
                        + limit / (1024 * 1024) + " MB (" + MAX_BYTES_PROPERTY + ")"));
            }
            return file;
        } catch (IOException e) {
            throw StudyImportRejectedException.of(ImportProblem.ofUpload("the upload could not be received: " + e.getMessage()));
        }
    }

    private void write(StudyPlan plan, StudyArchive archive, MarkerCatalogue catalogue, String sourceName) {
        try {
            transaction.setTransactionTimeout(WRITE_TIMEOUT_SECONDS);
            transaction.begin();
            AuditContext.current().setReason("Study " + plan.studyCode + " imported from SDTM zip " + sourceName);
            Study study = createStudy(plan);
            Map<String, Long> armIds = new HashMap<>();
            for (Arm arm : study.getArms()) {
                armIds.put(arm.getCode(), arm.getId());
            }
            Map<String, Long> siteIds = new HashMap<>();
            for (Site site : study.getSites()) {
                siteIds.put(site.getCode(), site.getId());
            }
            long revision = AuditReaderFactory.get(em).getCurrentRevision(AuditRevision.class, true).getId();
            em.flush();
            Session session = em.unwrap(Session.class);
            Dialect dialect = session.getFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect();
            String nextValueQuery = dialect.getSequenceSupport().getSequenceNextValString("%s");
            String nextValueExpression = dialect.getSequenceSupport().getSelectSequenceNextValString("%s");
            long studyId = study.getId();
            session.doWork(connection -> {
                StudyWriter writer = new StudyWriter(connection, nextValueQuery, nextValueExpression, plan, catalogue,
                        studyId, armIds, siteIds);
                writer.write(archive);
                writer.audit(revision);
                new MarkerSlices(connection).build(studyId);
            });
            transaction.commit();
        } catch (StudyImportRejectedException e) {
            rollback();
            throw e;
        } catch (Exception e) {
            rollback();
            if (isUniqueViolation(e)) {
                // another import of the same code committed between validation and this write
                throw StudyImportRejectedException.of(StudyValidator.studyCodeProblem(plan,
                        "study " + plan.studyCode + " is already present"));
            }
            throw new IllegalStateException("The import of study " + plan.studyCode + " failed and was rolled back: "
                    + e.getMessage(), e);
        } finally {
            AuditContext.current().setReason(null);
        }
    }

    /**
     * PostgreSQL plans queries with table statistics that autovacuum refreshes only some time
     * after a bulk load; until then a query on the new study (its audit trail, its analyses) may
     * be planned as if the tables were nearly empty — seconds instead of milliseconds. ANALYZE
     * samples a fixed number of rows, so this costs about a second even for millions of rows.
     * ANALYZE needs the tables' owner, which the application's database role need not be: the
     * function (migration V53) runs it as the owner, on the tables an import fills.
     */
    private void refreshStatistics() {
        try {
            transaction.begin();
            Session session = em.unwrap(Session.class);
            Dialect dialect = session.getFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect();
            if (dialect instanceof org.hibernate.dialect.PostgreSQLDialect) {
                session.doWork(connection -> {
                    try (java.sql.Statement statement = connection.createStatement()) {
                        statement.execute("select cytotrial_refresh_import_statistics()");
                    }
                });
            }
            transaction.commit();
        } catch (Exception e) {
            rollback();
            LOG.log(Level.WARNING, "Could not refresh the table statistics after an import (the import itself is stored)", e);
        }
    }

    private Study createStudy(StudyPlan plan) {
        String title = parameter(plan, "TITLE");
        ResponseCriteria criteria = ResponseCriteria.fromSdtm(parameter(plan, "RESPCRIT")).orElseThrow();
        Study study = new Study(plan.studyCode, title, criteria, Instant.now());
        for (TsRow row : plan.parameters) {
            study.addImportedParameter(row.seq(), row.code(), row.name(), row.value());
        }
        plan.arms.forEach((code, name) -> study.addArm(code, name, null));
        Map<String, String> countries = new HashMap<>();
        for (DmRow dm : plan.subjects.values().stream().map(s -> s.dm).toList()) {
            if (dm.country() != null) {
                countries.putIfAbsent(dm.siteId(), dm.country());
            }
        }
        for (String code : plan.sites) {
            Site site = studies.findSite(code).orElseGet(() -> {
                Site created = new Site(code, code, countries.get(code));
                em.persist(created);
                return created;
            });
            study.includeSite(site);
        }
        Map<BigDecimal, Integer> plannedDays = plan.plannedDays();
        plan.visitNames.forEach((number, name) ->
                study.defineVisit(number, name, plannedDays.get(number), 7, 7));
        study.activate();
        em.persist(study);
        return study;
    }

    private static String parameter(StudyPlan plan, String code) {
        return plan.parameters.stream().filter(p -> p.code().equals(code)).map(TsRow::value).findFirst().orElseThrow();
    }

    /**
     * A concurrent import of the same study code lost the race: the database's unique study code
     * refused it. Any other unique violation is a fault, not the user's input, and is reported
     * as such.
     */
    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                String message = String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT);
                return STUDY_CODE_CONSTRAINTS.stream().anyMatch(message::contains);
            }
        }
        return false;
    }

    private static final List<String> STUDY_CODE_CONSTRAINTS = List.of("study_code_unique", "study_code_lower_unique");

    private void rollback() {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            LOG.log(Level.SEVERE, "Rollback of a failed import failed", e);
        }
    }
}
