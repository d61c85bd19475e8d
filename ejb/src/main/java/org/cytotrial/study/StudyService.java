package org.cytotrial.study;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.UserAccount;

/**
 * Finding studies as the current user may see them: a study is visible when the user sees all
 * sites or takes part at one of its sites. An invisible study answers exactly like a missing one.
 */
@ApplicationScoped
@Transactional
public class StudyService {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private AccessPolicy access;

    public boolean codeTaken(String code) {
        return em.createQuery("select count(s) from Study s where lower(s.code) = lower(:code)", Long.class)
                .setParameter("code", code)
                .getSingleResult() > 0;
    }

    public Optional<Study> findByCode(String code) {
        return em.createQuery("select s from Study s where s.code = :code", Study.class)
                .setParameter("code", code)
                .getResultStream()
                .findFirst();
    }

    /** The study, if the current user may see it; 404 otherwise. */
    public Study requireVisible(String code) {
        UserAccount user = access.requireUser();
        Study study = findByCode(code).orElseThrow(() -> new NotFoundException("No study " + code));
        if (!user.allSites() && study.getSites().stream().noneMatch(s -> user.siteIds().contains(s.getId()))) {
            throw new NotFoundException("No study " + code);
        }
        return study;
    }

    public List<StudyOverview> visibleStudies() {
        UserAccount user = access.requireUser();
        List<Study> studies = em.createQuery("select distinct s from Study s left join fetch s.sites order by s.code",
                Study.class).getResultList();
        Optional<Set<Long>> sites = access.visibleSites();
        List<StudyOverview> result = new ArrayList<>();
        for (Study study : studies) {
            if (sites.isPresent() && study.getSites().stream().noneMatch(s -> sites.get().contains(s.getId()))) {
                continue;
            }
            result.add(overview(study, user));
        }
        return result;
    }

    public StudyOverview overview(Study study, UserAccount user) {
        String siteFilter = user.allSites() ? "" : " and s.site.id in :sites";
        var query = em.createQuery("select count(s) from Subject s where s.study = :study" + siteFilter, Long.class)
                .setParameter("study", study);
        if (!user.allSites()) {
            query.setParameter("sites", user.siteIds().isEmpty() ? Set.of(-1L) : user.siteIds());
        }
        return new StudyOverview(study.getCode(), study.getTitle(), study.getResponseCriteria().sdtmValue(),
                study.getStatus().name(), query.getSingleResult(),
                study.getArms().stream().map(Arm::getCode).toList(),
                study.getSites().stream().filter(s -> user.canSeeSite(s.getId())).map(Site::getCode).sorted().toList());
    }

    public Optional<Site> findSite(String code) {
        return em.createQuery("select s from Site s where s.code = :code", Site.class)
                .setParameter("code", code)
                .getResultStream()
                .findFirst();
    }
}
