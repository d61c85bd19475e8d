package org.cytotrial.marker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Reads the marker catalogue. The catalogue changes only with a schema migration, i.e. with a
 * deployment, so it is read once (markers and their units in one query) and then shared; its
 * markers are detached and used read-only.
 */
@ApplicationScoped
public class MarkerService {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    private volatile MarkerCatalogue cached;

    public MarkerCatalogue catalogue() {
        MarkerCatalogue catalogue = cached;
        if (catalogue == null) {
            catalogue = new MarkerCatalogue(em.createQuery("select distinct m from Marker m left join fetch m.alternativeUnits",
                    Marker.class).getResultList());
            cached = catalogue;
        }
        return catalogue;
    }
}
