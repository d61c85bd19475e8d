package org.cytotrial.marker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cytotrial.study.Study;

/**
 * A study's marker panel: the labs and immune markers its entry form offers. It is the set of
 * tests the study records (read once per study, then kept up to date as new tests are entered);
 * a study with no results yet offers the whole catalogue. The CD4/CD8 ratio is shown whenever
 * CD4 and CD8 are in the panel, derived, never entered.
 */
@ApplicationScoped
public class MarkerPanel {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private MarkerService markers;

    private final Map<Long, Set<String>> recorded = new ConcurrentHashMap<>();

    /** The markers of the study's panel in catalogue order (derived ones included). */
    public List<Marker> forStudy(Study study) {
        Set<String> codes = recorded.computeIfAbsent(study.getId(), id -> load(study));
        MarkerCatalogue catalogue = markers.catalogue();
        if (codes.isEmpty()) {
            return catalogue.all();
        }
        boolean ratio = codes.contains(Cd4Cd8Ratio.CD4) && codes.contains(Cd4Cd8Ratio.CD8);
        return catalogue.all().stream()
                .filter(m -> codes.contains(m.getCode()) || (ratio && m.getCode().equals(Cd4Cd8Ratio.CODE)))
                .toList();
    }

    /** Notes tests just entered for the study, so its panel offers them from now on. */
    public void noteEntered(Study study, Collection<String> testCodes) {
        Set<String> codes = recorded.get(study.getId());
        if (codes != null) {
            codes.addAll(testCodes);
        }
    }

    private Set<String> load(Study study) {
        Set<String> codes = ConcurrentHashMap.newKeySet();
        codes.addAll(em.createQuery("select distinct r.testCode from LabResult r where r.subject.study = :study"
                + " and r.derived = false", String.class).setParameter("study", study).getResultList());
        return codes;
    }
}
