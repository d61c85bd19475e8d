package org.cytotrial.lock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cytotrial.audit.AuditContext;
import org.cytotrial.audit.ChangeReason;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.Role;
import org.cytotrial.security.UserAccount;
import org.cytotrial.study.Site;
import org.cytotrial.study.Study;
import org.cytotrial.study.StudyService;
import org.cytotrial.study.StudyStatus;
import org.cytotrial.subject.Subject;

/**
 * Locking and unlocking clinical data at a data cut-off (administrators only, with a reason
 * each way), and the lookup the write guard makes before every clinical write, under the row lock
 * that orders the write against lock placement ({@link RowLocks}).
 */
@ApplicationScoped
@Transactional
public class DataLockService {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private AccessPolicy access;

    @Inject
    private StudyService studies;

    @Inject
    private RowLocks rows;

    private final Clock clock = Clock.systemUTC();

    /**
     * Places a lock. Before it checks for a lock already there and writes its own, it takes the
     * study's row and the rows of every subject it covers, in id order ({@link RowLocks}): it
     * waits for the writes in flight on them to commit, and holds off enrolment and any write
     * that starts meanwhile, which then finds the lock. Its time is taken once it holds them.
     */
    public LockView lock(String studyCode, LockRequest request) {
        UserAccount admin = access.requireRole(Role.ADMIN);
        Study study = studies.requireVisible(studyCode);
        LockLevel level = parseLevel(request.level());
        LocalDate cutOff = request.cutOff();
        if (cutOff == null) {
            throw new InvalidInputException("cutOff", "the data cut-off date is required (ISO 8601, e.g. 2024-06-30)");
        }
        if (cutOff.isAfter(LocalDate.now(clock))) {
            throw new InvalidInputException("cutOff", "the data cut-off " + cutOff + " is in the future; use today or an earlier date");
        }
        ChangeReason.require(request.reason(), true);
        String reason = AuditContext.current().reason();
        Site site = level == LockLevel.SITE ? site(study, request.site()) : null;
        Subject subject = level == LockLevel.SUBJECT ? subject(study, request.subject()) : null;

        StudyStatus status = rows.study(study);
        switch (level) {
            case STUDY -> rows.subjectsOf(study, null);
            case SITE -> rows.subjectsOf(study, site);
            case SUBJECT -> rows.subject(subject);
        }
        DataLock lock = switch (level) {
            case STUDY -> {
                if (status == StudyStatus.LOCKED || status == StudyStatus.CLOSED) {
                    throw new ConflictException("Study " + study.getCode() + " is already locked");
                }
                study.lock();
                yield DataLock.ofStudy(study, cutOff, reason, admin.username(), clock.instant());
            }
            case SITE -> {
                if (activeLockOf(study, LockLevel.SITE, site, null).isPresent()) {
                    throw new ConflictException("Site " + site.getCode() + " is already locked in study " + study.getCode());
                }
                yield DataLock.ofSite(study, site, cutOff, reason, admin.username(), clock.instant());
            }
            case SUBJECT -> {
                if (activeLockOf(study, LockLevel.SUBJECT, null, subject).isPresent()) {
                    throw new ConflictException("Subject " + subject.getUsubjid() + " is already locked");
                }
                yield DataLock.ofSubject(subject, cutOff, reason, admin.username(), clock.instant());
            }
        };
        em.persist(lock);
        em.flush();
        return LockView.of(lock);
    }

    private static Site site(Study study, String code) {
        return study.getSites().stream().filter(s -> s.getCode().equals(code)).findFirst()
                .orElseThrow(() -> new InvalidInputException("site", "'" + code + "' is not a site of study "
                        + study.getCode() + "; the sites are "
                        + String.join(", ", study.getSites().stream().map(Site::getCode).sorted().toList())));
    }

    private Subject subject(Study study, String usubjid) {
        return em.createQuery("select s from Subject s where s.study = :study and s.usubjid = :usubjid", Subject.class)
                .setParameter("study", study).setParameter("usubjid", usubjid)
                .getResultStream().findFirst()
                .orElseThrow(() -> new InvalidInputException("subject", "'" + usubjid + "' is not a subject of study "
                        + study.getCode()));
    }

    /**
     * Lifts a lock. It takes the study's row first, like placing one, so that locks of one
     * study change one at a time and a study unlock changes a study entity as committed.
     */
    public LockView unlock(String studyCode, long lockId, String reason) {
        UserAccount admin = access.requireRole(Role.ADMIN);
        Study study = studies.requireVisible(studyCode);
        rows.study(study);
        DataLock lock = em.find(DataLock.class, lockId);
        if (lock == null || !lock.getStudy().getId().equals(study.getId())) {
            throw new NotFoundException("No lock " + lockId + " in study " + study.getCode());
        }
        if (!lock.isActive()) {
            throw new ConflictException("Lock " + lockId + " was already lifted by " + lock.getUnlockedBy() + " at "
                    + lock.getUnlockedAt());
        }
        ChangeReason.require(reason, true);
        lock.unlock(AuditContext.current().reason(), admin.username(), clock.instant());
        if (lock.getLevel() == LockLevel.STUDY) {
            study.unlock();
        }
        em.flush();
        return LockView.of(lock);
    }

    /** The codes of the study's sites, for choosing what to lock (administrators). */
    public List<String> siteCodes(String studyCode) {
        access.requireRole(Role.ADMIN);
        return studies.requireVisible(studyCode).getSites().stream().map(Site::getCode).sorted().toList();
    }

    /** The study's locks, newest first, as far as the caller sees the sites and subjects they cover. */
    public List<LockView> locks(String studyCode) {
        UserAccount user = access.requireUser();
        Study study = studies.requireVisible(studyCode);
        return em.createQuery("select l from DataLock l left join fetch l.site left join fetch l.subject"
                        + " where l.study = :study order by l.lockedAt desc, l.id desc", DataLock.class)
                .setParameter("study", study)
                .getResultStream()
                .filter(l -> l.getSite() == null || user.canSeeSite(study.getId(), l.getSite().getId()))
                .filter(l -> l.getSubject() == null || user.canSeeSite(study.getId(), l.getSubject().getSite().getId()))
                .map(LockView::of)
                .toList();
    }

    /** The lock that keeps this subject's data from changing, if any (study, site or subject lock). */
    public Optional<DataLock> activeLockOn(Subject subject) {
        return em.createQuery("select l from DataLock l where l.study = :study and l.unlockedAt is null and ("
                        + "l.level = :studyLevel or (l.level = :siteLevel and l.site = :site)"
                        + " or (l.level = :subjectLevel and l.subject = :subject)) order by l.level", DataLock.class)
                .setParameter("study", subject.getStudy())
                .setParameter("studyLevel", LockLevel.STUDY)
                .setParameter("siteLevel", LockLevel.SITE)
                .setParameter("site", subject.getSite())
                .setParameter("subjectLevel", LockLevel.SUBJECT)
                .setParameter("subject", subject)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** {@link #activeLockOn(Subject)} as people see it: what is locked, at which cut-off, by whom, when and why. */
    public Optional<LockView> activeLockViewOn(Subject subject) {
        return activeLockOn(subject).map(LockView::of);
    }

    /** The lock on a study or on one of its sites, for writes that create a subject there. */
    public Optional<DataLock> activeLockOn(Study study, Site site) {
        return em.createQuery("select l from DataLock l where l.study = :study and l.unlockedAt is null and ("
                        + "l.level = :studyLevel or (l.level = :siteLevel and l.site = :site)) order by l.level", DataLock.class)
                .setParameter("study", study)
                .setParameter("studyLevel", LockLevel.STUDY)
                .setParameter("siteLevel", LockLevel.SITE)
                .setParameter("site", site)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    private Optional<DataLock> activeLockOf(Study study, LockLevel level, Site site, Subject subject) {
        return em.createQuery("select l from DataLock l where l.study = :study and l.unlockedAt is null and l.level = :level",
                        DataLock.class)
                .setParameter("study", study)
                .setParameter("level", level)
                .getResultStream()
                .filter(l -> (site == null || l.getSite().equals(site)) && (subject == null || l.getSubject().equals(subject)))
                .findFirst();
    }

    private static LockLevel parseLevel(String level) {
        try {
            return LockLevel.valueOf(level == null ? "" : level.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("level", "'" + level + "' is not a lock level; use STUDY, SITE or SUBJECT");
        }
    }
}
