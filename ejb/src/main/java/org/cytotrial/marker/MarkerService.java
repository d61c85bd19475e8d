package org.cytotrial.marker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cytotrial.audit.ChangeReason;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.platform.InvalidInputException.FieldError;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.Role;

/** The marker catalogue: read by everyone logged in, extended by administrators. */
@ApplicationScoped
@Transactional
public class MarkerService {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private AccessPolicy access;

    public MarkerCatalogue catalogue() {
        return new MarkerCatalogue(em.createQuery("select distinct m from Marker m left join fetch m.alternativeUnits",
                Marker.class).getResultList());
    }

    public List<MarkerView> list() {
        access.requireUser();
        return catalogue().all().stream().map(MarkerView::of).toList();
    }

    /** Adds a marker; the code must be new. Audited like any other change. */
    public MarkerView define(MarkerDefinition definition, String reason) {
        access.requireRole(Role.ADMIN);
        List<FieldError> errors = new ArrayList<>();
        String code = definition.code() == null ? "" : definition.code().strip();
        if (!code.matches("[A-Z0-9][A-Z0-9/_-]{0,19}")) {
            errors.add(new FieldError("code", "1 to 20 capital letters, digits, '/', '_' or '-' (an SDTM LBTESTCD)"));
        }
        requireText(errors, "name", definition.name(), 200);
        requireText(errors, "category", definition.category(), 40);
        requireText(errors, "standardUnit", definition.standardUnit(), 20);
        if (definition.plausibleLow() == null || definition.plausibleHigh() == null
                || !(definition.plausibleLow() < definition.plausibleHigh())) {
            errors.add(new FieldError("plausibleHigh", "give a plausible range with low below high, in the standard unit"));
        }
        Map<String, Double> units = definition.alternativeUnits() == null ? Map.of() : definition.alternativeUnits();
        units.forEach((unit, factor) -> {
            if (unit == null || unit.isBlank() || unit.length() > 20 || factor == null || !(factor > 0)) {
                errors.add(new FieldError("alternativeUnits", "each unit needs a name (up to 20 characters) and a positive factor to "
                        + definition.standardUnit()));
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (em.find(Marker.class, code) != null) {
            throw new ConflictException("Marker " + code + " is already in the catalogue");
        }
        ChangeReason.require(reason, false);
        Marker marker = new Marker(code, definition.name().strip(), definition.category().strip(),
                definition.standardUnit().strip(), definition.plausibleLow(), definition.plausibleHigh());
        units.forEach((unit, factor) -> marker.acceptUnit(unit.strip(), factor));
        em.persist(marker);
        return MarkerView.of(marker);
    }

    private static void requireText(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            errors.add(new FieldError(field, "required, at most " + max + " characters"));
        }
    }
}
