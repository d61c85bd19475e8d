package org.cytotrial.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.cytotrial.lock.DataLock;
import org.cytotrial.lock.DataLockService;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.study.Site;
import org.cytotrial.study.Study;
import org.cytotrial.subject.Subject;

/**
 * The one check every clinical write passes first: the caller may see the subject (else 404,
 * exactly as if it did not exist), holds a role that may write this kind of data (else 403), and
 * the data is not locked — study, site or subject lock (else 409). Services call it before they
 * change anything.
 */
@ApplicationScoped
public class ClinicalWriteGuard {

    @Inject
    private AccessPolicy access;

    @Inject
    private DataLockService locks;

    /** The subject is visible to the current user; 404 otherwise. */
    public UserAccount requireVisible(Subject subject) {
        UserAccount user = access.requireUser();
        if (!user.canSeeSite(subject.getStudy().getId(), subject.getSite().getId())) {
            throw new NotFoundException("No subject " + subject.getUsubjid() + " in study " + subject.getStudy().getCode());
        }
        return user;
    }

    /**
     * The current user may change this subject's data in one of the given roles, and neither the
     * study, nor the subject's site in it, nor the subject is locked.
     */
    public UserAccount requireWritable(Subject subject, Role... roles) {
        UserAccount user = requireVisible(subject);
        if (!user.hasAny(roles)) {
            throw new AccessDeniedException(user.username() + " may not change clinical data here; it needs the role "
                    + String.join(" or ", java.util.Arrays.stream(roles).map(Role::name).toList()), true);
        }
        requireOpen(subject);
        return user;
    }

    /** Refuses any write to a locked or closed study. */
    public void requireOpen(Study study) {
        if (study.isLocked()) {
            throw new ConflictException("Study " + study.getCode() + " is " + study.getStatus().name().toLowerCase()
                    + "; its data cannot be changed");
        }
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
     * before anyone types.
     */
    public Optional<String> lockedBecause(Subject subject) {
        try {
            requireOpen(subject.getStudy());
            refuse(locks.activeLockOn(subject), "subject " + subject.getUsubjid());
            return Optional.empty();
        } catch (ConflictException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Refuses a new subject at a site while the study or that site is locked. */
    public void requireOpen(Study study, Site site) {
        requireOpen(study);
        refuse(locks.activeLockOn(study, site), "site " + site.getCode() + " in study " + study.getCode());
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
