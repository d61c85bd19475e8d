package org.cytotrial.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.util.List;
import org.cytotrial.platform.FieldChange;
import org.cytotrial.visit.Visit;

/** The investigator's overall response (SDTM RS, OVRLRESP) recorded at a visit. */
@ApplicationScoped
public class ResponseEntryWriter {

    public static final String INVESTIGATOR = "INVESTIGATOR";

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    /** What a save will do to the visit's response. */
    public record Plan(ResponseAssessment existing, ResponseCategory proposed, List<FieldChange> changes) {
        public boolean changesExisting() {
            return existing != null && proposed != null && existing.getResponse() != proposed;
        }

        public boolean writes() {
            return proposed != null && (existing == null || existing.getResponse() != proposed);
        }
    }

    /** The investigator's overall response stored at the visit, if any. */
    public ResponseAssessment stored(Visit visit) {
        if (visit == null || visit.getId() == null) {
            return null;
        }
        return em.createQuery("select r from ResponseAssessment r where r.visit = :visit and r.testCode = :code"
                        + " and " + ResponseAssessment.byInvestigator("r") + " order by r.id", ResponseAssessment.class)
                .setParameter("visit", visit)
                .setParameter("code", ResponseAssessment.OVERALL_RESPONSE)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    public Plan plan(Visit visit, ResponseCategory proposed) {
        ResponseAssessment existing = stored(visit);
        List<FieldChange> changes = proposed == null || (existing != null && existing.getResponse() == proposed) ? List.of()
                : List.of(new FieldChange("response", existing == null ? null : existing.getResponse().name(), proposed.name()));
        return new Plan(existing, proposed, changes);
    }

    /**
     * Writes the plan. A new response is dated with the visit; a stored one keeps its date unless
     * that was the visit's date and the visit moved.
     */
    public void apply(Plan plan, Visit visit, LocalDate date, LocalDate previousDate) {
        ResponseAssessment existing = plan.existing();
        if (existing != null) {
            LocalDate assessed = previousDate != null && existing.getAssessedOn().equals(previousDate) ? date
                    : existing.getAssessedOn();
            ResponseCategory response = plan.writes() ? plan.proposed() : existing.getResponse();
            if (response != existing.getResponse() || !assessed.equals(existing.getAssessedOn())) {
                existing.reassess(response, assessed);
            }
            return;
        }
        if (plan.proposed() == null) {
            return;
        }
        Integer max = em.createQuery("select max(r.seq) from ResponseAssessment r where r.subject = :subject", Integer.class)
                .setParameter("subject", visit.getSubject())
                .getSingleResult();
        em.persist(new ResponseAssessment(visit, max == null ? 1 : max + 1, ResponseAssessment.OVERALL_RESPONSE,
                "Overall Response", plan.proposed(), INVESTIGATOR, date));
    }
}
