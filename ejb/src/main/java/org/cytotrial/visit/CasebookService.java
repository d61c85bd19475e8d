package org.cytotrial.visit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cytotrial.lock.DataLockService;
import org.cytotrial.lock.LockView;
import org.cytotrial.response.ComputedResponses;
import org.cytotrial.response.ComputedResponses.Computed;
import org.cytotrial.response.ResponseAssessment;
import org.cytotrial.response.ResponseCategory;
import org.cytotrial.security.ClinicalWriteGuard;
import org.cytotrial.study.Study;
import org.cytotrial.subject.Enrolment;
import org.cytotrial.subject.EnrolmentService;
import org.cytotrial.subject.Subject;
import org.cytotrial.subject.SubjectService;

/**
 * A subject's casebook at a glance: who the subject is, and the visit schedule with where each
 * visit stands and, per assessed visit, the investigator's response beside the computed one; and
 * whether the subject's data are locked, so that a page says so before anyone types.
 */
@ApplicationScoped
@Transactional
public class CasebookService {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private SubjectService subjects;

    @Inject
    private ComputedResponses computed;

    @Inject
    private ClinicalWriteGuard guard;

    @Inject
    private DataLockService locks;

    @Inject
    private EnrolmentService enrolments;

    private Clock clock = Clock.systemDefaultZone();

    void useClock(Clock testClock) {
        this.clock = testClock;
    }

    /** The subject as the casebook shows it. */
    public record SubjectView(String study, String usubjid, String subjid, String site, String arm, String armName,
            String sex, Integer age, LocalDate consentDate, LocalDate firstDoseDate, LocalDate deathDate,
            LocalDate offStudyDate, String criteria, long version) {}

    /** One line of the schedule. */
    public record ScheduleLine(VisitSchedule.Entry visit, ResponseCategory investigator, Computed computed) {
        public boolean disagrees() {
            return investigator != null && computed != null && computed.category() != null
                    && computed.category() != investigator;
        }
    }

    /**
     * @param lock          the data lock covering the subject (study, site or subject), null when none
     * @param lockedBecause why every write is refused now, as a refused write says it (also for a study
     *                      locked or closed without a lock record), null while the data can change
     */
    public record Casebook(SubjectView subject, List<ScheduleLine> schedule, LockView lock, String lockedBecause) {}

    /**
     * Enrols a subject and answers with it as the casebook shows it, in the enrolment's own
     * transaction: the answer is made of what was just written, so an enrolment that succeeded
     * is never answered with an error from reading it back afterwards.
     */
    public SubjectView enrol(String studyCode, Enrolment enrolment) {
        Subject subject = enrolments.enrol(studyCode, enrolment);
        // just enrolled: no disposition event yet, so on study
        return view(subject, null);
    }

    public Casebook casebook(String studyCode, String usubjid) {
        Subject subject = subjects.requireVisible(studyCode, usubjid);
        Study study = subject.getStudy();
        LocalDate offStudy = subjects.offStudyDate(subject);
        SubjectView view = view(subject, offStudy);

        List<VisitSchedule.Planned> plan = em.createQuery("select d.number, d.name, d.plannedDay, d.windowBefore, d.windowAfter"
                        + " from VisitDefinition d where d.study = :study order by d.number", Object[].class)
                .setParameter("study", study)
                .getResultList().stream()
                .map(r -> new VisitSchedule.Planned((BigDecimal) r[0], (String) r[1], (Integer) r[2], (Integer) r[3], (Integer) r[4]))
                .toList();
        Map<BigDecimal, Long> visitIds = new HashMap<>();
        List<VisitSchedule.Recorded> recorded = new ArrayList<>();
        for (Object[] r : em.createQuery("select v.id, v.number, v.name, v.status, v.visitDate from Visit v"
                        + " where v.subject = :subject", Object[].class)
                .setParameter("subject", subject)
                .getResultList()) {
            visitIds.put(((BigDecimal) r[1]).stripTrailingZeros(), (Long) r[0]);
            recorded.add(new VisitSchedule.Recorded((BigDecimal) r[1], (String) r[2], (VisitStatus) r[3], (LocalDate) r[4]));
        }
        Map<Long, ResponseCategory> investigator = new HashMap<>();
        for (Object[] r : em.createQuery("select r.visit.id, r.response from ResponseAssessment r where r.subject = :subject"
                        + " and r.testCode = 'OVRLRESP' and " + ResponseAssessment.byInvestigator("r") + " order by r.id",
                        Object[].class)
                .setParameter("subject", subject)
                .getResultList()) {
            investigator.putIfAbsent((Long) r[0], (ResponseCategory) r[1]);
        }
        Map<Long, Computed> computedByVisit = computed.forSubject(subject);
        List<ScheduleLine> lines = new ArrayList<>();
        for (VisitSchedule.Entry e : VisitSchedule.of(plan, recorded, subject.getFirstDoseDate(), offStudy, LocalDate.now(clock))) {
            Long id = visitIds.get(e.number().stripTrailingZeros());
            lines.add(new ScheduleLine(e, id == null ? null : investigator.get(id), id == null ? null : computedByVisit.get(id)));
        }
        return new Casebook(view, lines, locks.activeLockViewOn(subject).orElse(null),
                guard.lockedBecause(subject).orElse(null));
    }

    private static SubjectView view(Subject subject, LocalDate offStudy) {
        Study study = subject.getStudy();
        return new SubjectView(study.getCode(), subject.getUsubjid(), subject.getSubjid(),
                subject.getSite().getCode(), subject.getArm() == null ? null : subject.getArm().getCode(),
                subject.getArm() == null ? null : subject.getArm().getName(), subject.getSex().name(), subject.getAge(),
                subject.getConsentDate(), subject.getFirstDoseDate(), subject.getDeathDate(), offStudy,
                study.getResponseCriteria().sdtmValue(), subject.getVersion());
    }
}
