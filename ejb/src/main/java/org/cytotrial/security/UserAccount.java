package org.cytotrial.security;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A snapshot of who is acting: name, roles and the subjects they may see.
 *
 * <p>The one rule of visibility (DOMAIN.md): a user sees the subjects of a study's site when
 * <ul>
 * <li>the account sees all sites ({@code allSites}: administrators and sponsors, for every study), or</li>
 * <li>the site is one of the user's own sites, or</li>
 * <li>the user is an investigator named principal investigator of that very study
 *     ({@code principalInvestigatorOf}: study ids; being PI of one study gives nothing in another).</li>
 * </ul>
 */
public record UserAccount(long id, String username, String fullName, Set<Role> roles, boolean allSites,
        Set<Long> siteIds, Set<String> siteCodes, Set<Long> principalInvestigatorOf) {

    public static final UserAccount SYSTEM =
            new UserAccount(0, "system", "Cytotrial system", Set.of(Role.ADMIN), true, Set.of(), Set.of(), Set.of());

    public UserAccount {
        roles = Set.copyOf(roles);
        siteIds = Set.copyOf(siteIds);
        siteCodes = Set.copyOf(siteCodes);
        // the grant counts only while the account holds the investigator role
        principalInvestigatorOf = roles.contains(Role.INVESTIGATOR) ? Set.copyOf(principalInvestigatorOf) : Set.of();
    }

    static UserAccount of(AppUser user, Set<Long> principalInvestigatorOf) {
        return new UserAccount(user.getId(), user.getUsername(), user.getFullName(), user.getRoles(),
                user.isAllSites(),
                user.getSites().stream().map(s -> s.getId()).collect(Collectors.toSet()),
                user.getSites().stream().map(s -> s.getCode()).collect(Collectors.toSet()),
                principalInvestigatorOf);
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
     * subjects themselves gets no free text that could identify a person. The one place this is
     * decided: casebooks, exports and reports all ask here.
     */
    public boolean isPseudonymised() {
        return has(Role.SPONSOR) && !hasAny(Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.MONITOR);
    }

    public boolean isPrincipalInvestigatorOf(long studyId) {
        return principalInvestigatorOf.contains(studyId);
    }

    /** Sees every site of this study: an all-sites account, or the study's principal investigator. */
    public boolean seesAllSitesOf(long studyId) {
        return allSites || principalInvestigatorOf.contains(studyId);
    }

    /** Sees the subjects of this site in this study. */
    public boolean canSeeSite(long studyId, Long siteId) {
        return seesAllSitesOf(studyId) || (siteId != null && siteIds.contains(siteId));
    }

    /** The sites of this study whose subjects the user sees; empty means all of them. */
    public Optional<Set<Long>> sitesVisibleIn(long studyId) {
        return seesAllSitesOf(studyId) ? Optional.empty() : Optional.of(siteIds);
    }
}
