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
import java.util.stream.Collectors;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.UserAccount;
import org.cytotrial.security.VisibleSubjects;

/**
 * Finding studies as the current user may see them: a study is visible when the user sees all
 * sites, is its principal investigator, or takes part at one of its sites. An invisible study answers exactly like a missing one.
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
        if (!user.seesAllSitesOf(study.getId()) && study.getSites().stream().noneMatch(s -> user.siteIds().contains(s.getId()))) {
            throw new NotFoundException("No study " + code);
        }
        return study;
    }

    /**
     * The studies the user takes part in, each with its arms and the number of its subjects the user
     * sees: three queries whatever the number of studies.
     */
    public List<StudyOverview> visibleStudies() {
        UserAccount user = access.requireUser();
        List<Study> studies = em.createQuery("select distinct s from Study s left join fetch s.sites order by s.code", Study.class)
                .getResultList();
        VisibleSubjects visible = access.visibleSubjects();
        var counts = em.createQuery("select s.study.id, count(s) from Subject s where 1 = 1"
                + visible.and("s.site.id", "s.study.id") + " group by s.study.id", Object[].class);
        visible.bind(counts::setParameter);
        java.util.Map<Long, Long> subjects = new java.util.HashMap<>();
        for (Object[] row : counts.getResultList()) {
            subjects.put((Long) row[0], (Long) row[1]);
        }
        java.util.Map<Long, List<String>> arms = new java.util.HashMap<>();
        for (Object[] row : em.createQuery("select a.study.id, a.code from Arm a order by a.code", Object[].class).getResultList()) {
            arms.computeIfAbsent((Long) row[0], id -> new ArrayList<>()).add((String) row[1]);
        }
        List<StudyOverview> result = new ArrayList<>();
        for (Study study : studies) {
            if (!visible.seesStudy(study.getId(), study.getSites().stream().map(Site::getId).collect(Collectors.toSet()))) {
                continue;
            }
            result.add(overview(study, user, subjects.getOrDefault(study.getId(), 0L),
                    arms.getOrDefault(study.getId(), List.of())));
        }
        return result;
    }

    public StudyOverview overview(Study study, UserAccount user) {
        String siteFilter = user.seesAllSitesOf(study.getId()) ? "" : " and s.site.id in :sites";
        var query = em.createQuery("select count(s) from Subject s where s.study = :study" + siteFilter, Long.class)
                .setParameter("study", study);
        if (!user.seesAllSitesOf(study.getId())) {
            query.setParameter("sites", user.siteIds().isEmpty() ? Set.of(-1L) : user.siteIds());
        }
        return overview(study, user, query.getSingleResult(), study.getArms().stream().map(Arm::getCode).toList());
    }

    private static StudyOverview overview(Study study, UserAccount user, long subjects, List<String> arms) {
        return new StudyOverview(study.getCode(), study.getTitle(), study.getResponseCriteria().sdtmValue(),
                study.getStatus().name(), subjects, arms,
                study.getSites().stream().filter(s -> user.canSeeSite(study.getId(), s.getId())).map(Site::getCode).sorted().toList());
    }

    public Optional<Site> findSite(String code) {
        return em.createQuery("select s from Site s where s.code = :code", Site.class)
                .setParameter("code", code)
                .getResultStream()
                .findFirst();
    }
}
