package org.cytotrial.visit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.VisibleSubjects;
import org.cytotrial.study.StudyOverview;
import org.cytotrial.study.StudyService;

/**
 * The coordinator's day: the studies they work in, the visits due this week and the overdue
 * ones across their sites (planned from each subject's first dose and the schedule, with its
 * window), and the subjects missing data they must have. Each list is one set-based query with
 * its total, however many subjects the sites hold; a list shows at most {@value #LIMIT} lines.
 *
 * <p>Only subjects still on study count for due and overdue visits: after death or a disposition
 * event, open visits are the casebook's business, not the day's work.
 */
@ApplicationScoped
@Transactional
public class DashboardService {

    public static final int LIMIT = 100;

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private StudyService studies;

    @Inject
    private AccessPolicy access;

    private Clock clock = Clock.systemDefaultZone();

    void useClock(Clock testClock) {
        this.clock = testClock;
    }

    /** A visit that is due or overdue. */
    public record DueVisit(String study, String usubjid, String site, BigDecimal visitnum, String visit, LocalDate plannedDate,
            LocalDate windowStart, LocalDate windowEnd) {}

    /** A subject lacking something it must have. */
    public record MissingData(String study, String usubjid, String site, String what) {}

    /** A list with the number of lines it would have without the limit. */
    public record Listing<T>(List<T> lines, long total) {}

    public record Dashboard(LocalDate today, LocalDate weekEnd, List<StudyOverview> studies, Listing<DueVisit> dueThisWeek,
            Listing<DueVisit> overdue, Listing<MissingData> missing) {}

    public Dashboard dashboard() {
        LocalDate today = LocalDate.now(clock);
        LocalDate weekEnd = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        VisibleSubjects visible = access.visibleSubjects();
        return new Dashboard(today, weekEnd, studies.visibleStudies(), due(visible, today, weekEnd, false),
                due(visible, today, weekEnd, true), missing(visible));
    }

    private static final String OPEN_VISITS = "select st.code as study, s.usubjid, si.code as site, vd.visit_number, vd.name,"
            + " s.first_dose_date + (case when vd.planned_day >= 1 then vd.planned_day - 1 else vd.planned_day end) as planned,"
            + " vd.window_before, vd.window_after"
            + " from subject s join study st on st.id = s.study_id join site si on si.id = s.site_id"
            + " join visit_definition vd on vd.study_id = s.study_id"
            + " where st.status = 'ACTIVE' and s.first_dose_date is not null and vd.planned_day is not null"
            + " and s.death_date is null"
            + " and not exists (select 1 from disposition_event d where d.subject_id = s.id)"
            + " and not exists (select 1 from visit v where v.subject_id = s.id and v.visit_number = vd.visit_number"
            + " and v.status <> 'PLANNED')";

    private Listing<DueVisit> due(VisibleSubjects visible, LocalDate today, LocalDate weekEnd, boolean overdue) {
        String siteFilter = visible.and("s.site_id", "s.study_id");
        String condition = overdue ? " where o.planned + o.window_after < :today"
                : " where o.planned - o.window_before <= :weekEnd and o.planned + o.window_after >= :today";
        String order = overdue ? " order by o.planned desc, o.usubjid, o.visit_number" : " order by o.planned, o.usubjid, o.visit_number";
        Query query = em.createNativeQuery("select o.study, o.usubjid, o.site, o.visit_number, o.name, o.planned,"
                + " o.planned - o.window_before, o.planned + o.window_after, count(*) over () from (" + OPEN_VISITS + siteFilter
                + ") o" + condition + order);
        query.setParameter("today", Date.valueOf(today));
        if (!overdue) {
            query.setParameter("weekEnd", Date.valueOf(weekEnd));
        }
        visible.bind(query::setParameter);
        query.setMaxResults(LIMIT);
        List<DueVisit> lines = new ArrayList<>();
        long total = 0;
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            lines.add(new DueVisit((String) r[0], (String) r[1], (String) r[2], VisitNumbers.plain((BigDecimal) r[3]),
                    (String) r[4], date(r[5]), date(r[6]), date(r[7])));
            total = ((Number) r[8]).longValue();
        }
        return new Listing<>(lines, total);
    }

    private Listing<MissingData> missing(VisibleSubjects visible) {
        String siteFilter = visible.and("s.site_id", "s.study_id");
        String subjects = " from subject s join study st on st.id = s.study_id join site si on si.id = s.site_id"
                + " where st.status = 'ACTIVE'" + siteFilter;
        String onStudy = " and s.death_date is null and not exists (select 1 from disposition_event d where d.subject_id = s.id)";
        String sql = "select m.study, m.usubjid, m.site, m.what, count(*) over () from ("
                + "select st.code as study, s.usubjid, si.code as site, 'first dose not recorded' as what" + subjects
                + " and s.first_dose_date is null" + onStudy
                + " union all select st.code, s.usubjid, si.code, 'age not recorded'" + subjects + " and s.age is null"
                + " union all select st.code, s.usubjid, si.code, 'no baseline tumour assessment (no target or non-target lesion)'"
                + subjects + " and st.response_criteria = 'RECIST_1_1' and s.first_dose_date is not null" + onStudy
                + " and not exists (select 1 from lesion l where l.subject_id = s.id and l.kind <> 'NEW')"
                + " union all select st.code, s.usubjid, si.code, 'visit ' || v.name || ' done on ' || cast(v.visit_date as varchar(10))"
                + " || ' has no data'" + subjects.replace(" where ", " join visit v on v.subject_id = s.id where ")
                + " and v.status = 'DONE'"
                + " and not exists (select 1 from lab_result r where r.visit_id = v.id)"
                + " and not exists (select 1 from lesion_measurement x where x.visit_id = v.id)"
                + " and not exists (select 1 from response_assessment x where x.visit_id = v.id)"
                + " union all select st.code, s.usubjid, si.code, 'no investigator response at visit ' || v.name"
                + subjects.replace(" where ", " join visit v on v.subject_id = s.id where ")
                + " and exists (select 1 from lesion_measurement x where x.visit_id = v.id)"
                + " and not exists (select 1 from lesion l where l.identified_visit_id = v.id and l.kind <> 'NEW')"
                + " and not exists (select 1 from response_assessment x where x.visit_id = v.id)"
                + ") m order by m.study, m.usubjid, m.what";
        Query query = em.createNativeQuery(sql);
        visible.bind(query::setParameter);
        query.setMaxResults(LIMIT);
        List<MissingData> lines = new ArrayList<>();
        long total = 0;
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            lines.add(new MissingData((String) r[0], (String) r[1], (String) r[2], (String) r[3]));
            total = ((Number) r[4]).longValue();
        }
        return new Listing<>(lines, total);
    }

    private static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        return ((Date) value).toLocalDate();
    }
}
