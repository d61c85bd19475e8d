package org.cytotrial.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import org.cytotrial.lock.DataLock;
import org.cytotrial.lock.DataLockService;
import org.cytotrial.lock.RowLocks;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.study.Site;
import org.cytotrial.study.Study;
import org.cytotrial.study.StudyStatus;
import org.cytotrial.subject.Subject;

/**
 * The one check every clinical write passes first: the caller may see the subject (else 404,
 * exactly as if it did not exist), holds a role that may write this kind of data (else 403), and
 * the data is not locked — study, site or subject lock (else 409). Services call it before they
 * change anything.
 *
 * <p>The lock check is made <em>under the row lock</em> the write then keeps until it commits —
 * the subject's row for a subject's data, the study's row for enrolment and set-up — and reads
 * what is committed at that moment; placing a lock takes the same rows ({@link RowLocks}). So a
 * lock placed while a write is in flight either waits for that write to commit, or commits first
 * and the write is refused: no data changes after the lock.
 */
@ApplicationScoped
public class ClinicalWriteGuard {

    @Inject
    private AccessPolicy access;

    @Inject
    private DataLockService locks;

    @Inject
    private RowLocks rows;

    /** The subject is visible to the current user; 404 otherwise. */
    public UserAccount requireVisible(Subject subject) {
        UserAccount user = access.requireUser();
        if (!user.canSeeSite(subject.getStudy().getId(), subject.getSite().getId())) {
            throw new NotFoundException("No subject " + subject.getUsubjid() + " in study " + subject.getStudy().getCode());
        }
        return user;
    }

    /**
     * Whether the current user may see the subject. For records found by their own identifier (a
     * response assessment's id), whose 404 must name that identifier only: answering "No subject
     * …" would tell a user of another site that the record exists, and whose it is.
     */
    public boolean isVisible(Subject subject) {
        return access.requireUser().canSeeSite(subject.getStudy().getId(), subject.getSite().getId());
    }

    /**
     * Takes the subject for a write of its data: the current user sees it (else 404) and holds
     * one of the roles (else 403); then the subject's row is locked until the transaction ends
     * (writes of one subject are serialised), and only then the study, the subject's site in it
     * and the subject are checked to be open (else 409), as committed now.
     */
    public UserAccount lockForWrite(Subject subject, Role... roles) {
        UserAccount user = requireVisible(subject);
        if (!user.hasAny(roles)) {
            throw new AccessDeniedException(user.username() + " may not change clinical data here; it needs the role "
                    + String.join(" or ", java.util.Arrays.stream(roles).map(Role::name).toList()), true);
        }
        rows.subject(subject);
        requireOpen(subject);
        return user;
    }

    /**
     * Takes the study for a write that adds to it (enrolment, set-up): its row is locked until
     * the transaction ends, then the study is checked to be open (else 409), as committed now.
     * Enrolment then checks its site with {@link #requireOpen(Study, Site)}.
     */
    public void lockForWrite(Study study) {
        refuseIfClosed(study, rows.study(study));
    }

    /** Refuses any write to the subject's data while the study, its site or the subject is locked. */
    public void requireOpen(Subject subject) {
        lockedBecause(subject).ifPresent(message -> {
            throw new ConflictException(message);
        });
    }

    /**
     * Why the subject's data cannot be changed now, in the words a refused write gets (study
     * locked or closed, or a study, site or subject lock), or empty when they can: pages show it
     * before anyone types. Reads what is committed, not what this transaction loaded earlier.
     */
    public Optional<String> lockedBecause(Subject subject) {
        try {
            refuseIfClosed(subject.getStudy(), rows.committedStatus(subject.getStudy()));
            refuse(locks.activeLockOn(subject), "subject " + subject.getUsubjid());
            return Optional.empty();
        } catch (ConflictException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Refuses a new subject at a site while the study or that site is locked; called under the
     * study's row lock ({@link #lockForWrite(Study)}), which every lock placement takes too.
     */
    public void requireOpen(Study study, Site site) {
        refuse(locks.activeLockOn(study, site), "site " + site.getCode() + " in study " + study.getCode());
    }

    private static void refuseIfClosed(Study study, StudyStatus status) {
        if (status == StudyStatus.LOCKED || status == StudyStatus.CLOSED) {
            throw new ConflictException("Study " + study.getCode() + " is " + status.name().toLowerCase(Locale.ROOT)
                    + "; its data cannot be changed");
        }
    }

    private static void refuse(Optional<DataLock> lock, String what) {
        if (lock.isPresent()) {
            DataLock l = lock.get();
            throw new ConflictException("The data of " + what + " are locked (" + l.target() + ", data cut-off "
                    + l.getCutOff() + ", locked by " + l.getLockedBy() + " on " + l.getLockedAt().toString().substring(0, 10)
                    + "); nothing can be changed until an administrator unlocks it");
        }
    }
}
