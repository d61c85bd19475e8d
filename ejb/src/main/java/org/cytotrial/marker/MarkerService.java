package org.cytotrial.marker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Reads the marker catalogue. */
@ApplicationScoped
public class MarkerService {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    public MarkerCatalogue catalogue() {
        return new MarkerCatalogue(em.createQuery("select m from Marker m", Marker.class).getResultList());
    }
}
