package org.cytotrial.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.ClinicalWriteGuard;
import org.cytotrial.security.Role;
import org.cytotrial.study.Study;
import org.cytotrial.study.StudyService;
import org.cytotrial.subject.Subject;
import org.cytotrial.visit.Visit;
import org.hibernate.Session;

/**
 * The audit trail of a study, a subject or a visit: who changed what, when, from where and why,
 * with each field's old and new value. Read-only by construction: nothing here writes, and the
 * database refuses changes to audit rows (PostgreSQL triggers).
 *
 * <p>Who may read it: administrators, and coordinators, investigators and monitors for the
 * subjects of their own sites (study set-up records are shown to all of them). Sponsors may
 * not (403): the trail names people and holds free text, and sponsors see pseudonymised data
 * only. What would reveal the randomisation sequence (seed, block size, each assignment's block
 * and position) is left out for everyone but administrators.
 *
 * <p>{@link #stream} is the entry point for reports (e.g. an audit sheet in the Excel report):
 * it checks access, then hands every entry to a consumer inside one read transaction.
 */
@ApplicationScoped
@Transactional
public class AuditTrailService {

    static final Role[] READERS = {Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.MONITOR};
    public static final int MAX_PAGE = 500;

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private AccessPolicy access;

    @Inject
    private StudyService studies;

    @Inject
    private ClinicalWriteGuard guard;

    /** Whose trail, which sites of it, and whether the restricted (allocation-revealing) columns show. */
    private record Resolved(AuditScope.Level level, long ownerId, Set<Long> sites, boolean showsRestricted) {}

    /** Whether the user holds a role that may read audit trails (which trails still depends on their sites). */
    public static boolean mayRead(org.cytotrial.security.UserAccount user) {
        return user != null && user.hasAny(READERS);
    }

    /** Checks that the caller may read this trail (401/403/404 otherwise); call before streaming a download. */
    public void requireReadable(AuditScope scope) {
        resolve(scope);
    }

    /** One page, newest first. */
    public AuditPage page(AuditScope scope, AuditFilter filter, int first, int max) {
        if (first < 0 || max < 1 || max > MAX_PAGE) {
            throw new org.cytotrial.platform.InvalidInputException("max",
                    "first must be 0 or more and max between 1 and " + MAX_PAGE);
        }
        Resolved resolved = resolve(scope);
        return work(connection -> {
            AuditTrailReader reader = reader(connection, resolved, filter);
            List<AuditEntry> entries = new ArrayList<>(max);
            reader.read(true, first, max, entries::add);
            return new AuditPage(reader.count(), first, entries);
        });
    }

    public long count(AuditScope scope, AuditFilter filter) {
        Resolved resolved = resolve(scope);
        return work(connection -> reader(connection, resolved, filter).count());
    }

    /** Every entry of the trail, streamed to the consumer (memory stays flat). */
    public void stream(AuditScope scope, AuditFilter filter, boolean newestFirst, Consumer<AuditEntry> consumer) {
        Resolved resolved = resolve(scope);
        work(connection -> {
            reader(connection, resolved, filter).read(newestFirst, 0, -1, consumer);
            return null;
        });
    }

    /** The trail as CSV (UTF-8, oldest first), one line per changed field. */
    public void writeCsv(AuditScope scope, AuditFilter filter, OutputStream out) {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (AuditCsv csv = new AuditCsv(writer)) {
            stream(scope, filter, false, csv);
        }
    }

    /**
     * The first change of a subject's records in the given tables after a revision, without an
     * access check: for services that checked access themselves (signature validity).
     */
    public Optional<AuditEntry> firstChangeAfter(long subjectId, long revision, Set<AuditedTable> tables) {
        AuditFilter filter = new AuditFilter(null, null, null, false, revision, tables);
        return work(connection -> {
            List<AuditEntry> found = new ArrayList<>(1);
            new AuditTrailReader(connection, AuditScope.Level.SUBJECT, subjectId, null, filter, false)
                    .read(false, 0, 1, found::add);
            return found.stream().findFirst();
        });
    }

    /**
     * Every revision of a visit's records (the visit, its results, lesions identified at it, its
     * readings and response) after the one that gave the visit the given version, oldest first,
     * at most {@code max}; all of them when the version is null (the caller saw no visit). Without
     * an access check: for services that checked access themselves (the visit save's conflict).
     *
     * <p>The version is found in the visit's audit rows, which carry it since Envers audits the
     * optimistic-locking field; rows written before that carry none, and then the version is
     * taken as the count of the visit's earlier revisions (each save moves it by one).
     */
    public List<AuditEntry> visitChangesSince(long visitId, Long version, int max) {
        return work(connection -> {
            Long after = version == null ? Long.valueOf(0L) : revisionOfVersion(connection, visitId, version);
            if (after == null) {
                return List.of();
            }
            AuditFilter filter = new AuditFilter(null, null, null, false, after, null);
            List<AuditEntry> found = new ArrayList<>();
            new AuditTrailReader(connection, AuditScope.Level.VISIT, visitId, null, filter, false).read(false, 0, max, found::add);
            return found;
        });
    }

    private static Long revisionOfVersion(java.sql.Connection connection, long visitId, long version) throws SQLException {
        try (java.sql.PreparedStatement statement = connection.prepareStatement(
                "select max(rev) from visit_aud where id = ? and version = ?")) {
            statement.setLong(1, visitId);
            statement.setLong(2, version);
            try (java.sql.ResultSet rs = statement.executeQuery()) {
                rs.next();
                long rev = rs.getLong(1);
                if (!rs.wasNull()) {
                    return rev;
                }
            }
        }
        try (java.sql.PreparedStatement statement = connection.prepareStatement(
                "select rev from visit_aud where id = ? order by rev offset ? rows fetch first 1 rows only")) {
            statement.setLong(1, visitId);
            statement.setLong(2, version);
            try (java.sql.ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private AuditTrailReader reader(java.sql.Connection connection, Resolved resolved, AuditFilter filter) {
        return new AuditTrailReader(connection, resolved.level(), resolved.ownerId(), resolved.sites(),
                filter == null ? AuditFilter.NONE : filter, resolved.showsRestricted());
    }

    private Resolved resolve(AuditScope scope) {
        boolean administrator = access.requireRole(READERS).has(Role.ADMIN);
        Study study = studies.requireVisible(scope.studyCode());
        if (scope.level() == AuditScope.Level.STUDY) {
            return new Resolved(AuditScope.Level.STUDY, study.getId(), access.visibleSites(study).orElse(null), administrator);
        }
        Subject subject = em.createQuery("select s from Subject s join fetch s.site where s.study = :study"
                        + " and s.usubjid = :usubjid", Subject.class)
                .setParameter("study", study)
                .setParameter("usubjid", scope.usubjid())
                .getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("No subject " + scope.usubjid() + " in study " + study.getCode()));
        guard.requireVisible(subject);
        if (scope.level() == AuditScope.Level.SUBJECT) {
            return new Resolved(AuditScope.Level.SUBJECT, subject.getId(), null, administrator);
        }
        Visit visit = em.createQuery("select v from Visit v where v.subject = :subject and v.number = :number", Visit.class)
                .setParameter("subject", subject)
                .setParameter("number", scope.visitNumber())
                .getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("No visit " + scope.visitNumber().stripTrailingZeros().toPlainString()
                        + " for subject " + subject.getUsubjid()));
        return new Resolved(AuditScope.Level.VISIT, visit.getId(), null, administrator);
    }

    private interface Work<T> {
        T run(java.sql.Connection connection) throws SQLException;
    }

    private <T> T work(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }
}
