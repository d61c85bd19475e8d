package org.cytotrial.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.study.Study;
import org.cytotrial.subject.Subject;

/**
 * The one check every clinical write passes first: the caller may see the subject (else 404,
 * exactly as if it did not exist), holds a role that may write this kind of data (else 403), and
 * the data is not locked (else 409). Services call it before they change anything.
 */
@ApplicationScoped
public class ClinicalWriteGuard {

    @Inject
    private AccessPolicy access;

    /** The subject is visible to the current user; 404 otherwise. */
    public UserAccount requireVisible(Subject subject) {
        UserAccount user = access.requireUser();
        if (!user.canSeeSite(subject.getSite().getId())) {
            throw new NotFoundException("No subject " + subject.getUsubjid() + " in study " + subject.getStudy().getCode());
        }
        return user;
    }

    /**
     * The current user may change this subject's data in one of the given roles, and the
     * subject's study is open for writing.
     */
    public UserAccount requireWritable(Subject subject, Role... roles) {
        UserAccount user = requireVisible(subject);
        if (!user.hasAny(roles)) {
            throw new AccessDeniedException(user.username() + " may not change clinical data here; it needs the role "
                    + String.join(" or ", java.util.Arrays.stream(roles).map(Role::name).toList()), true);
        }
        requireOpen(subject.getStudy());
        return user;
    }

    /** Refuses any write to a locked or closed study. */
    public void requireOpen(Study study) {
        if (study.isLocked()) {
            throw new ConflictException("Study " + study.getCode() + " is " + study.getStatus().name().toLowerCase()
                    + "; its data cannot be changed");
        }
    }
}
