package org.cytotrial.security;

import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The subjects a user sees across studies, as a query condition (the rule of {@link UserAccount}):
 * those of the user's own sites, and every subject of the studies the user is principal
 * investigator of; no condition at all for an all-sites account.
 */
public record VisibleSubjects(boolean all, Set<Long> sites, Set<Long> studies) {

    static final String SITES = "visibleSites";
    static final String STUDIES = "visibleStudies";

    public VisibleSubjects {
        sites = Set.copyOf(sites);
        studies = Set.copyOf(studies);
    }

    static VisibleSubjects of(UserAccount user) {
        return new VisibleSubjects(user.allSites(), user.siteIds(), user.principalInvestigatorOf());
    }

    /**
     * " and (site in (:visibleSites) or study in (:visibleStudies))" on the given columns (JPQL or
     * SQL), or "" when the user sees everything; bind the parameters with {@link #bind}.
     */
    public String and(String siteColumn, String studyColumn) {
        return all ? "" : " and (" + siteColumn + " in (:" + SITES + ") or " + studyColumn + " in (:" + STUDIES + "))";
    }

    /** Whether a study is visible at all: the user is PI there, or works at one of its sites. */
    public boolean seesStudy(long studyId, Set<Long> studySites) {
        return all || studies.contains(studyId) || studySites.stream().anyMatch(sites::contains);
    }

    public void bind(BiConsumer<String, Object> parameter) {
        if (!all) {
            parameter.accept(SITES, sites.isEmpty() ? Set.of(-1L) : sites);
            parameter.accept(STUDIES, studies.isEmpty() ? Set.of(-1L) : studies);
        }
    }
}
