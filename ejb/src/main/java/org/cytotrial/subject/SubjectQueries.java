package org.cytotrial.subject;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.study.Study;
import org.cytotrial.study.StudyOverview;
import org.cytotrial.study.StudyService;

/**
 * The subject list of a study, one page at a time: filtered, sorted and paged in the database
 * (a count and one page query, whatever the study's size), restricted to the sites the user may
 * see.
 */
@ApplicationScoped
@Transactional
public class SubjectQueries {

    public static final int MAX_PAGE_SIZE = 500;

    /** The columns a list can be sorted by, and the expression each sorts on. */
    private static final Map<String, String> SORTABLE = Map.of(
            "usubjid", "s.usubjid",
            "subjid", "s.subjid",
            "site", "si.code",
            "arm", "a.code",
            "sex", "s.sex",
            "age", "s.age",
            "consentDate", "s.consentDate",
            "firstDoseDate", "s.firstDoseDate");

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private StudyService studies;

    @Inject
    private AccessPolicy access;

    /**
     * Filters; null or empty means no filter.
     *
     * @param usubjid part of the USUBJID, any case
     * @param site    the site code
     * @param arm     the arm code
     * @param sex     M, F or U
     */
    public record Filter(String usubjid, String site, String arm, String sex) {
        public static final Filter NONE = new Filter(null, null, null, null);
    }

    public record Page(long total, int first, int size, List<SubjectRow> rows) {}

    public static List<String> sortableFields() {
        return SORTABLE.keySet().stream().sorted().toList();
    }

    /** The study the list is of, as the user sees it; 404 when not visible. */
    public StudyOverview study(String studyCode) {
        return studies.overview(studies.requireVisible(studyCode), access.requireUser());
    }

    public Page page(String studyCode, Filter filter, String sortField, boolean ascending, int first, int size) {
        return new Page(count(studyCode, filter), first, size, rows(studyCode, filter, sortField, ascending, first, size));
    }

    /** How many subjects pass the filter. */
    public long count(String studyCode, Filter filter) {
        Study study = studies.requireVisible(studyCode);
        Map<String, Object> parameters = new HashMap<>();
        TypedQuery<Long> count = em.createQuery("select count(s) from Subject s join s.site si left join s.arm a"
                + where(study, filter, parameters), Long.class);
        parameters.forEach(count::setParameter);
        return count.getSingleResult();
    }

    /** One page of the subjects that pass the filter, sorted. */
    public List<SubjectRow> rows(String studyCode, Filter filter, String sortField, boolean ascending, int first, int size) {
        Study study = studies.requireVisible(studyCode);
        if (sortField != null && !SORTABLE.containsKey(sortField)) {
            throw new InvalidInputException("sort", "cannot sort by '" + sortField + "'; sortable: " + String.join(", ", sortableFields()));
        }
        if (first < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException("size", "a page starts at 0 or later and holds 1 to " + MAX_PAGE_SIZE + " subjects");
        }
        Map<String, Object> parameters = new HashMap<>();
        String where = where(study, filter, parameters);
        String order = sortField == null ? "s.usubjid" : SORTABLE.get(sortField);
        String direction = ascending ? " asc" : " desc";
        String orderBy = " order by " + order + direction + " nulls last" + (order.equals("s.usubjid") ? "" : ", s.usubjid");
        TypedQuery<SubjectRow> query = em.createQuery("select new org.cytotrial.subject.SubjectRow(s.usubjid, s.subjid, si.code,"
                + " a.code, s.sex, s.age, s.consentDate, s.firstDoseDate, s.deathDate,"
                + " (select count(v) from Visit v where v.subject = s and v.status = org.cytotrial.visit.VisitStatus.DONE),"
                + " (select max(v.visitDate) from Visit v where v.subject = s),"
                + " (select min(d.eventDate) from DispositionEvent d where d.subject = s))"
                + " from Subject s join s.site si left join s.arm a" + where + orderBy, SubjectRow.class);
        parameters.forEach(query::setParameter);
        return query.setFirstResult(first).setMaxResults(size).getResultList();
    }

    private String where(Study study, Filter filter, Map<String, Object> parameters) {
        StringBuilder where = new StringBuilder(" where s.study = :study");
        parameters.put("study", study);
        Optional<Set<Long>> sites = access.visibleSites(study);
        if (sites.isPresent()) {
            where.append(" and si.id in :sites");
            parameters.put("sites", sites.get().isEmpty() ? Set.of(-1L) : sites.get());
        }
        if (filter != null) {
            if (present(filter.usubjid())) {
                where.append(" and lower(s.usubjid) like :usubjid escape '!'");
                parameters.put("usubjid", "%" + escape(filter.usubjid().strip().toLowerCase(Locale.ROOT)) + "%");
            }
            if (present(filter.site())) {
                where.append(" and si.code = :site");
                parameters.put("site", filter.site().strip());
            }
            if (present(filter.arm())) {
                where.append(" and a.code = :arm");
                parameters.put("arm", filter.arm().strip());
            }
            if (present(filter.sex())) {
                Sex sex = Sex.fromSdtm(filter.sex()).orElseThrow(() -> new InvalidInputException("sex",
                        "'" + filter.sex() + "' is not a sex code; use M, F or U"));
                where.append(" and s.sex = :sex");
                parameters.put("sex", sex);
            }
        }
        return where.toString();
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** LIKE wildcards typed by a user are matched literally. */
    private static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
