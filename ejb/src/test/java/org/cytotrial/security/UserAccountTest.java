package org.cytotrial.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one rule of who sees which subjects, and who sees pseudonymised data. */
class UserAccountTest {

    private static final long STUDY_X = 1;
    private static final long STUDY_Y = 2;
    private static final long HANNOVER = 10;
    private static final long KIEL = 11;

    private static UserAccount user(Set<Role> roles, boolean allSites, Set<Long> sites, Set<Long> principalOf) {
        return new UserAccount(7, "u", "U", roles, allSites, sites, Set.of(), principalOf);
    }

    @Test
    void aPrincipalInvestigatorSeesEverySiteOfThatStudyOnly() {
        UserAccount pi = user(Set.of(Role.INVESTIGATOR), false, Set.of(HANNOVER), Set.of(STUDY_X));
        assertTrue(pi.canSeeSite(STUDY_X, KIEL));
        assertTrue(pi.seesAllSitesOf(STUDY_X));
        assertEquals(Optional.empty(), pi.sitesVisibleIn(STUDY_X));
        assertFalse(pi.canSeeSite(STUDY_Y, KIEL), "principal investigator of X, not of Y");
        assertTrue(pi.canSeeSite(STUDY_Y, HANNOVER), "own site in any study");
        assertEquals(Optional.of(Set.of(HANNOVER)), pi.sitesVisibleIn(STUDY_Y));
        assertFalse(pi.canSeeSite(STUDY_Y, null));
    }

    @Test
    void aPlainInvestigatorSeesOwnSitesOnly() {
        UserAccount investigator = user(Set.of(Role.INVESTIGATOR), false, Set.of(HANNOVER), Set.of());
        assertFalse(investigator.canSeeSite(STUDY_X, KIEL));
        assertTrue(investigator.canSeeSite(STUDY_X, HANNOVER));
        assertFalse(investigator.seesAllSitesOf(STUDY_X));
    }

    @Test
    void theGrantCountsOnlyWhileTheAccountIsAnInvestigator() {
        UserAccount formerInvestigator = user(Set.of(Role.MONITOR), false, Set.of(HANNOVER), Set.of(STUDY_X));
        assertFalse(formerInvestigator.canSeeSite(STUDY_X, KIEL));
        assertEquals(Set.of(), formerInvestigator.principalInvestigatorOf());
    }

    @Test
    void allSitesAccountsSeeEveryStudy() {
        UserAccount sponsor = user(Set.of(Role.SPONSOR), true, Set.of(), Set.of());
        assertTrue(sponsor.canSeeSite(STUDY_X, KIEL) && sponsor.canSeeSite(STUDY_Y, HANNOVER));
        assertTrue(UserAccount.SYSTEM.seesAllSitesOf(STUDY_Y));
    }

    @Test
    void onlyASponsorWithoutARoleThatWorksWithSubjectsIsPseudonymised() {
        assertTrue(user(Set.of(Role.SPONSOR), true, Set.of(), Set.of()).isPseudonymised());
        assertFalse(user(Set.of(Role.SPONSOR, Role.ADMIN), true, Set.of(), Set.of()).isPseudonymised());
        assertFalse(user(Set.of(Role.SPONSOR, Role.INVESTIGATOR), false, Set.of(HANNOVER), Set.of()).isPseudonymised());
        assertFalse(user(Set.of(Role.MONITOR), false, Set.of(HANNOVER), Set.of()).isPseudonymised());
    }
}
