package org.cytotrial.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.cytotrial.study.Study;

/**
 * The access rules of DOMAIN.md, enforced in the services: every service method that reads or
 * writes asks here first, so that hiding a button is never the only protection. Which subjects a
 * user sees is decided by {@link UserAccount} (own sites; all sites of a study for its principal
 * investigator; everything for all-sites accounts).
 */
@ApplicationScoped
public class AccessPolicy {

    @Inject
    private CurrentUser currentUser;

    /** The acting user; 401 when nobody is logged in. */
    public UserAccount requireUser() {
        return currentUser.account()
                .orElseThrow(() -> new AccessDeniedException("Log in first", false));
    }

    /** The acting user when holding one of the roles; 403 otherwise. */
    public UserAccount requireRole(Role... roles) {
        UserAccount user = requireUser();
        if (!user.hasAny(roles)) {
            throw new AccessDeniedException(user.username() + " may not do this; it needs the role "
                    + String.join(" or ", Arrays.stream(roles).map(Role::name).toList()), true);
        }
        return user;
    }

    /** The sites of this study whose subjects the user may see; empty means all its sites. */
    public Optional<Set<Long>> visibleSites(Study study) {
        return requireUser().sitesVisibleIn(study.getId());
    }

    /** The subjects the user may see in any study, for queries over several studies. */
    public VisibleSubjects visibleSubjects() {
        return VisibleSubjects.of(requireUser());
    }
}
