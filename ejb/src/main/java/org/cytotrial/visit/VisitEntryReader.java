package org.cytotrial.visit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cytotrial.marker.Cd4Cd8Ratio;
import org.cytotrial.marker.LabEntryWriter;
import org.cytotrial.marker.LabResult;
import org.cytotrial.marker.Marker;
import org.cytotrial.marker.MarkerPanel;
import org.cytotrial.marker.MarkerService;
import org.cytotrial.platform.FieldErrors;
import org.cytotrial.platform.InvalidInputException.FieldError;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.response.ComputedResponses;
import org.cytotrial.response.ComputedResponses.Computed;
import org.cytotrial.response.Lesion;
import org.cytotrial.response.LesionKind;
import org.cytotrial.response.LesionMeasurement;
import org.cytotrial.response.ResponseAssessment;
import org.cytotrial.response.ResponseEntryWriter;
import org.cytotrial.response.TumourEntryWriter;
import org.cytotrial.study.Study;
import org.cytotrial.study.VisitDefinition;
import org.cytotrial.subject.Subject;
import org.cytotrial.subject.SubjectService;

/**
 * Reads a visit's entry form, and previews what a draft of it would compute (the response
 * beside the investigator's, standardised values, problems) without writing anything.
 */
@ApplicationScoped
@Transactional
public class VisitEntryReader {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private SubjectService subjects;

    @Inject
    private LabEntryWriter labs;

    @Inject
    private TumourEntryWriter tumours;

    @Inject
    private ResponseEntryWriter responses;

    @Inject
    private ComputedResponses computed;

    @Inject
    private MarkerService markers;

    @Inject
    private MarkerPanel markerPanel;

    public VisitEntryView view(String studyCode, String usubjid, BigDecimal number) {
        return view(subjects.requireVisible(studyCode, usubjid), number);
    }

    public VisitEntryView view(Subject subject, BigDecimal number) {
        Study study = subject.getStudy();
        VisitDefinition definition = definition(study, number);
        Visit visit = visit(subject, number);
        if (definition == null && visit == null) {
            throw new NotFoundException("Visit " + VisitNumbers.text(number) + " is not in the schedule of study "
                    + study.getCode());
        }
        List<VisitEntryView.ResultView> results = new ArrayList<>();
        for (LabResult r : labs.stored(visit).values()) {
            results.add(new VisitEntryView.ResultView(r.getTestCode(), r.getTestName(), r.getCategory(), r.getOriginalValue(),
                    r.getOriginalUnit(), r.getStandardised().value(), r.getStandardised().unit(), r.isDerived()));
        }
        Map<String, Lesion> lesions = tumours.lesions(subject);
        Map<Long, List<LesionMeasurement>> readings = tumours.readings(visit);
        List<VisitEntryView.LesionView> lesionViews = new ArrayList<>();
        boolean baseline = true;
        for (Lesion l : lesions.values()) {
            Visit at = l.getIdentifiedAt();
            if (l.getKind() != LesionKind.NEW && (visit == null || !at.getId().equals(visit.getId()))) {
                baseline = false;
            }
            if (at.getNumber().compareTo(number) > 0) {
                continue;
            }
            LesionMeasurement m = readings.getOrDefault(l.getId(), List.of()).stream().findFirst().orElse(null);
            boolean state = m != null && "TUMSTATE".equals(m.getTestCode());
            lesionViews.add(new VisitEntryView.LesionView(l.getLinkId(), l.getKind(), l.getLocation(), l.isNodal(),
                    VisitNumbers.plain(at.getNumber()), at.getName(), m == null ? null : m.getTestCode(),
                    m == null || state ? null : m.getOriginalValue(), m == null || state ? null : m.getOriginalUnit(),
                    m == null ? null : m.getDiameterMm(), state ? m.getOriginalValue() : null));
        }
        ResponseAssessment investigator = responses.stored(visit);
        Computed computedHere = visit == null || visit.getId() == null ? null : computed.forSubject(subject).get(visit.getId());
        VisitEntryView.ResponseView response = new VisitEntryView.ResponseView(
                investigator == null ? null : investigator.getResponse(),
                investigator == null ? null : investigator.getAssessedOn(), computedHere,
                investigator != null && computedHere != null && computedHere.category() != null
                        && computedHere.category() != investigator.getResponse());
        LocalDate planned = definition == null || definition.getPlannedDay() == null || subject.getFirstDoseDate() == null
                ? null : VisitSchedule.plannedDate(subject.getFirstDoseDate(), definition.getPlannedDay());
        return new VisitEntryView(study.getCode(), subject.getUsubjid(), VisitNumbers.plain(number),
                visit != null ? visit.getName() : definition.getName(), visit == null ? null : visit.getVersion(),
                visit == null ? null : visit.getStatus(), visit == null ? null : visit.getVisitDate(),
                visit == null ? null : subject.studyDay(visit.getVisitDate()), planned,
                planned == null ? null : planned.minusDays(definition.getWindowBefore()),
                planned == null ? null : planned.plusDays(definition.getWindowAfter()),
                visit == null ? null : visit.getRecordedBy(), visit == null ? null : visit.getRecordedAt(),
                study.getResponseCriteria().sdtmValue(), results, lesionViews, baseline, response);
    }

    /**
     * What a draft of the visit would give: the computed response, the standardised value of each
     * result, and every problem a save would report about the results and lesions.
     */
    public record Preview(Computed computed, Map<String, Double> standardValues, String cd4Cd8Ratio, List<FieldError> problems) {}

    public Preview preview(String studyCode, String usubjid, BigDecimal number, VisitEntry draft) {
        Subject subject = subjects.requireVisible(studyCode, usubjid);
        Visit visit = visit(subject, number);
        long key = visit == null ? ComputedResponses.NEW_VISIT : visit.getId();
        LocalDate date = draft.date() != null ? draft.date() : visit == null ? null : visit.getVisitDate();
        FieldErrors problems = new FieldErrors();
        LabEntryWriter.Plan labPlan = labs.plan(visit, draft.results() == null ? List.of() : draft.results(), problems);
        TumourEntryWriter.Plan tumourPlan = tumours.plan(subject, visit, date, draft.lesions() == null ? List.of() : draft.lesions(),
                problems);
        Map<String, Double> standard = new HashMap<>();
        for (Marker m : markers.catalogue().all()) {
            labPlan.standardAfter(m.getCode()).ifPresent(v -> standard.put(m.getCode(), v));
        }
        String ratio = Cd4Cd8Ratio.of(standard.get(Cd4Cd8Ratio.CD4),
                standard.get(Cd4Cd8Ratio.CD8)).map(Cd4Cd8Ratio.Derived::text).orElse(null);
        ComputedResponses.Draft computedDraft = new ComputedResponses.Draft(key, number, date, tumours.newLesionsOf(tumourPlan, key),
                tumours.readingsAfter(tumourPlan, key), standard.get(ComputedResponses.M_PROTEIN));
        Computed result = date == null ? null : computed.forSubject(subject, computedDraft).get(key);
        return new Preview(result, standard, ratio, problems.list());
    }

    /** The whole marker catalogue, to add a test the panel does not offer. */
    public List<Marker> catalogue() {
        return markers.catalogue().all();
    }

    /** The markers the entry form of a subject's study offers (its panel, else the catalogue). */
    public List<Marker> panel(String studyCode, String usubjid) {
        return markerPanel.forStudy(subjects.requireVisible(studyCode, usubjid).getStudy());
    }

    public VisitDefinition definition(Study study, BigDecimal number) {
        return em.createQuery("select d from VisitDefinition d where d.study = :study and d.number = :number",
                        VisitDefinition.class)
                .setParameter("study", study)
                .setParameter("number", number)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    public Visit visit(Subject subject, BigDecimal number) {
        return em.createQuery("select v from Visit v where v.subject = :subject and v.number = :number", Visit.class)
                .setParameter("subject", subject)
                .setParameter("number", number)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }
}
