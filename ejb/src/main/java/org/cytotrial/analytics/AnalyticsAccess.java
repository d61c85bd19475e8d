package org.cytotrial.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.Role;
import org.cytotrial.study.Study;
import org.cytotrial.study.StudyService;

/**
 * Who may read a study's analytics, decided in one place. Readers are administrators,
 * investigators, sponsors and monitors; coordinators enter data and do not read arm-level
 * results (403). A study the user cannot see at all answers 404, exactly as a missing one. Users
 * bound to sites (investigators who are not principal investigators, monitors) get numbers over
 * their sites' subjects only; users who see all sites get the whole study.
 */
@ApplicationScoped
@Transactional
public class AnalyticsAccess {

    /** The roles that read analytics. */
    public static final Role[] READERS = {Role.ADMIN, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR};

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private StudyService studies;

    @Inject
    private AccessPolicy access;

    /** The study as the current user may analyse it: 401, 404 or 403 otherwise. */
    public StudyScope open(String studyCode) {
        return open(studyCode, READERS);
    }

    /** The study as the current user may see it, for one of the given roles. */
    public StudyScope open(String studyCode, Role... roles) {
        Study study = studies.requireVisible(studyCode);
        access.requireRole(roles);
        return new StudyScope(study.getId(), study.getCode(), study.getTitle(), study.getResponseCriteria(),
                study.getSdMinDays(), study.getMrLowPercent(), access.visibleSites(study).orElse(null),
                armsInDmOrder(study.getId()));
    }

    /**
     * Arms in the order they first appear in DM: subject ids are drawn in DM row order at import
     * and in enrolment order afterwards, so the smallest subject id of an arm gives its place.
     */
    private List<ArmRef> armsInDmOrder(long studyId) {
        List<ArmRef> arms = new ArrayList<>();
        Jdbc.stream(em, "select id, code, name from (select a.id, a.code, a.name,"
                + " (select min(s.id) from subject s where s.arm_id = a.id) as first_subject"
                + " from arm a where a.study_id = ?) x"
                + " order by case when first_subject is null then 1 else 0 end, first_subject, code",
                List.of(studyId), rs -> arms.add(new ArmRef(rs.getLong(1), rs.getString(2), rs.getString(3))));
        return arms;
    }
}
