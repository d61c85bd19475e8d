package org.cytotrial.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cytotrial.study.ResponseCriteria;
import org.cytotrial.study.Study;
import org.cytotrial.subject.Subject;

/**
 * The response computed from a subject's measurements at each visit, by the study's criteria:
 * RECIST 1.1 from the target lesions (with the study's minor-response band), IMWG from serum
 * M-protein. Shown beside the investigator's response, which stays the record of truth. A draft
 * of one visit (what a coordinator is typing) can replace what is stored for that visit, so the
 * entry screen shows the response live, before anything is saved.
 */
@ApplicationScoped
public class ComputedResponses {

    public static final String M_PROTEIN = "MPROT";

    /** The visit key a draft uses for a visit not yet stored. */
    public static final long NEW_VISIT = -1L;

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    /**
     * What the measurements say at one visit.
     *
     * @param criteria  "RECIST 1.1" or "IMWG"
     * @param category  the computed response; null at baseline
     * @param measure   sum of target diameters (mm) or M-protein (g/L); null when incomplete
     * @param unit      mm or g/L
     */
    public record Computed(String criteria, ResponseCategory category, Double measure, String unit,
            Double changeFromBaselinePercent, Double changeFromNadirPercent, boolean baseline) {}

    /**
     * This visit's data as typed, replacing what is stored for it.
     *
     * @param visit        the stored visit's id, or {@link #NEW_VISIT}
     * @param visitNumber  the visit's number (it orders results of one date)
     * @param date         the visit date as typed
     * @param newLesions   lesions identified at this visit in the draft (not yet stored)
     * @param readings     every reading of this visit in the draft
     * @param mProtein     M-protein in g/L as typed, null when not given
     */
    public record Draft(long visit, BigDecimal visitNumber, LocalDate date, List<TumourAssessments.LesionFact> newLesions,
            List<TumourAssessments.Reading> readings, Double mProtein) {}

    public Map<Long, Computed> forSubject(Subject subject) {
        return forSubject(subject, null);
    }

    /** The computed response of every assessed visit, by visit id (the draft's under its key). */
    public Map<Long, Computed> forSubject(Subject subject, Draft draft) {
        Study study = subject.getStudy();
        Map<Long, LocalDate> dates = visitDates(subject);
        if (draft != null && draft.date() != null) {
            dates.put(draft.visit(), draft.date());
        }
        return study.getResponseCriteria() == ResponseCriteria.IMWG ? imwg(subject, dates, draft)
                : recist(subject, study.getMrLowPercent(), dates, draft);
    }

    private Map<Long, LocalDate> visitDates(Subject subject) {
        Map<Long, LocalDate> dates = new HashMap<>();
        for (Object[] row : em.createQuery("select v.id, v.visitDate from Visit v where v.subject = :subject"
                        + " and v.visitDate is not null", Object[].class)
                .setParameter("subject", subject)
                .getResultList()) {
            dates.put((Long) row[0], (LocalDate) row[1]);
        }
        return dates;
    }

    private Map<Long, Computed> recist(Subject subject, Double mrLow, Map<Long, LocalDate> dates, Draft draft) {
        List<TumourAssessments.LesionFact> lesions = new ArrayList<>();
        for (Object[] row : em.createQuery("select l.linkId, l.kind, l.nodal, l.identifiedAt.id from Lesion l"
                        + " where l.subject = :subject order by l.id", Object[].class)
                .setParameter("subject", subject)
                .getResultList()) {
            lesions.add(new TumourAssessments.LesionFact((String) row[0], (LesionKind) row[1], (Boolean) row[2], (Long) row[3]));
        }
        List<TumourAssessments.Reading> readings = new ArrayList<>();
        for (Object[] row : em.createQuery("select l.linkId, m.visit.id, m.testCode, m.diameterMm, m.originalValue"
                        + " from LesionMeasurement m join m.lesion l where l.subject = :subject", Object[].class)
                .setParameter("subject", subject)
                .getResultList()) {
            long visit = (Long) row[1];
            if (draft != null && draft.visit() == visit) {
                continue;
            }
            readings.add(reading((String) row[0], visit, (String) row[2], (Double) row[3], (String) row[4]));
        }
        if (draft != null) {
            lesions.addAll(draft.newLesions());
            readings.addAll(draft.readings());
        }
        List<TumourAssessments.VisitAssessment> assessments = TumourAssessments.build(lesions, readings, dates);
        Map<Long, Computed> result = new LinkedHashMap<>();
        TumourAssessments.evaluate(assessments, mrLow).forEach((visit, e) -> result.put(visit, new Computed(
                ResponseCriteria.RECIST_1_1.sdtmValue(), e.category(), e.sumOfDiametersMm(), "mm",
                e.changeFromBaselinePercent(), e.changeFromNadirPercent(), e.isBaseline())));
        return result;
    }

    static TumourAssessments.Reading reading(String lesionId, long visit, String testCode, Double diameter, String value) {
        if (TumourEntryWriter.STATE.equals(testCode)) {
            return new TumourAssessments.Reading(lesionId, visit, null, TumourAssessments.parseState(value).orElse(null));
        }
        return new TumourAssessments.Reading(lesionId, visit, diameter, null);
    }

    private Map<Long, Computed> imwg(Subject subject, Map<Long, LocalDate> dates, Draft draft) {
        List<MProteinMeasurement> results = new ArrayList<>();
        for (Object[] row : em.createQuery("select r.visit.id, r.visit.number, r.collectedOn, r.standardised.value"
                        + " from LabResult r where r.subject = :subject and r.testCode = :code", Object[].class)
                .setParameter("subject", subject)
                .setParameter("code", M_PROTEIN)
                .getResultList()) {
            long visit = (Long) row[0];
            if (draft != null && draft.visit() == visit) {
                continue;
            }
            LocalDate date = row[2] != null ? (LocalDate) row[2] : dates.get(visit);
            if (date != null) {
                results.add(new MProteinMeasurement(date, (Double) row[3], visit, (BigDecimal) row[1]));
            }
        }
        if (draft != null && draft.mProtein() != null && draft.date() != null) {
            results.add(new MProteinMeasurement(draft.date(), draft.mProtein(), draft.visit(), draft.visitNumber()));
        }
        Map<Long, Computed> result = new LinkedHashMap<>();
        ImwgEvaluator.evaluateVisits(results).forEach((visit, e) -> result.put(visit, new Computed(
                ResponseCriteria.IMWG.sdtmValue(), e.category(), e.mProteinGramsPerLitre(), "g/L",
                e.changeFromBaselinePercent(), e.changeFromNadirPercent(), e.isBaseline())));
        return result;
    }
}
