package org.cytotrial.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The access rules of DOMAIN.md, enforced in the services: every service method that reads or
 * writes asks here first, so that hiding a button is never the only protection.
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

    /** The sites whose subjects the user may see; empty means all sites. */
    public Optional<Set<Long>> visibleSites() {
        UserAccount user = requireUser();
        return user.allSites() ? Optional.empty() : Optional.of(user.siteIds());
    }
}
