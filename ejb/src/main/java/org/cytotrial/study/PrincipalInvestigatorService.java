package org.cytotrial.study;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.cytotrial.audit.ChangeReason;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.AppUser;
import org.cytotrial.security.Role;
import org.cytotrial.security.UserDirectory;

/**
 * A study's principal investigators: investigators who see and sign the subjects of every site
 * of that study (and of no other study for it). Administrators name and remove them, with a
 * reason; both are in the study's audit trail. A new grant counts from the user's next request.
 */
@ApplicationScoped
@Transactional
public class PrincipalInvestigatorService {

    /** A principal investigator as listed. */
    public record View(String username, String fullName) {
        static View of(PrincipalInvestigator p) {
            return new View(p.getUser().getUsername(), p.getUser().getFullName());
        }
    }

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private AccessPolicy access;

    @Inject
    private StudyService studies;

    @Inject
    private UserDirectory users;

    /** The study's principal investigators by user name; anyone who sees the study may read them. */
    public List<View> list(String studyCode) {
        return grants(studies.requireVisible(studyCode)).stream().map(View::of).toList();
    }

    /**
     * Names an investigator principal investigator of the study (nothing changes when already
     * named). 404 for an unknown user, 422 for a user without the investigator role.
     */
    public List<View> name(String studyCode, String username, String reason) {
        access.requireRole(Role.ADMIN);
        Study study = studies.requireVisible(studyCode);
        AppUser user = users.find(username).orElseThrow(() -> new NotFoundException("No user " + username));
        if (!user.getRoles().contains(Role.INVESTIGATOR)) {
            throw new InvalidInputException("username", user.getUsername() + " is not an investigator (roles: "
                    + String.join(", ", user.getRoles().stream().map(Role::name).sorted().toList())
                    + "); only an investigator can be principal investigator");
        }
        if (grant(study, user).isEmpty()) {
            ChangeReason.require(reason, true);
            em.persist(new PrincipalInvestigator(study, user));
            em.flush();
        }
        return grants(study).stream().map(View::of).toList();
    }

    /** Ends a principal investigator's grant; 404 when the user is not one of the study's. */
    public List<View> remove(String studyCode, String username, String reason) {
        access.requireRole(Role.ADMIN);
        Study study = studies.requireVisible(studyCode);
        PrincipalInvestigator grant = users.find(username).flatMap(user -> grant(study, user))
                .orElseThrow(() -> new NotFoundException(username + " is not a principal investigator of study "
                        + study.getCode()));
        ChangeReason.require(reason, true);
        em.remove(grant);
        em.flush();
        return grants(study).stream().map(View::of).toList();
    }

    private Optional<PrincipalInvestigator> grant(Study study, AppUser user) {
        return em.createQuery("select p from PrincipalInvestigator p where p.study = :study and p.user = :user",
                        PrincipalInvestigator.class)
                .setParameter("study", study)
                .setParameter("user", user)
                .getResultStream().findFirst();
    }

    private List<PrincipalInvestigator> grants(Study study) {
        return em.createQuery("select p from PrincipalInvestigator p join fetch p.user where p.study = :study"
                        + " order by p.user.username", PrincipalInvestigator.class)
                .setParameter("study", study)
                .getResultList();
    }
}
