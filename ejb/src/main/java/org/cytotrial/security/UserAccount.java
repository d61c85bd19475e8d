package org.cytotrial.security;

import java.util.Set;

/**
 * A snapshot of who is acting: name, roles and the sites they may see ({@code allSites} for a
 * principal investigator, sponsor or administrator).
 */
public record UserAccount(long id, String username, String fullName, Set<Role> roles, boolean allSites,
        Set<Long> siteIds, Set<String> siteCodes) {

    public static final UserAccount SYSTEM =
            new UserAccount(0, "system", "Cytotrial system", Set.of(Role.ADMIN), true, Set.of(), Set.of());

    public UserAccount {
        roles = Set.copyOf(roles);
        siteIds = Set.copyOf(siteIds);
        siteCodes = Set.copyOf(siteCodes);
    }

    static UserAccount of(AppUser user) {
        return new UserAccount(user.getId(), user.getUsername(), user.getFullName(), user.getRoles(),
                user.isAllSites(),
                user.getSites().stream().map(s -> s.getId()).collect(java.util.stream.Collectors.toSet()),
                user.getSites().stream().map(s -> s.getCode()).collect(java.util.stream.Collectors.toSet()));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... wanted) {
        for (Role role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sees pseudonymised data only (DOMAIN.md): a sponsor who holds no role that works with the
     * subjects themselves gets no free text that could identify a person.
     */
    public boolean isPseudonymised() {
        return has(Role.SPONSOR) && !hasAny(Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.MONITOR);
    }

    public boolean canSeeSite(Long siteId) {
        return allSites || (siteId != null && siteIds.contains(siteId));
    }
}
