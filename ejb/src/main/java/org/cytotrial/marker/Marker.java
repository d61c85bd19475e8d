package org.cytotrial.marker;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hibernate.envers.Audited;

/**
 * A lab test or immune marker of the catalogue (eosinophils, CD4+, IL-6, ...): its code
 * (SDTM LBTESTCD), standard unit, the other units accepted at entry with the factor that
 * converts them to the standard one, and the plausible range of standardised values, outside
 * which a value is an error, not data. The catalogue is data (Flyway seeds it), not code.
 */
@Entity
@Table(name = "marker")
@Audited
public class Marker {

    @Id
    @Column(length = 20)
    private String code;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 40)
    private String category;

    @Column(nullable = false, length = 20)
    private String standardUnit;

    private double plausibleLow;

    private double plausibleHigh;

    /** Computed from other markers (CD4/CD8 ratio), never entered. */
    private boolean derived;

    private int displayOrder;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "marker_unit", joinColumns = @JoinColumn(name = "marker_code"))
    @MapKeyColumn(name = "unit", length = 20)
    @Column(name = "factor", nullable = false)
    private Map<String, Double> alternativeUnits = new LinkedHashMap<>();

    @Version
    private long version;

    protected Marker() {}

    public Marker(String code, String name, String category, String standardUnit, double plausibleLow, double plausibleHigh) {
        this(code, name, category, standardUnit, plausibleLow, plausibleHigh, false);
    }

    public Marker(String code, String name, String category, String standardUnit, double plausibleLow, double plausibleHigh,
            boolean derived) {
        this.derived = derived;
        this.code = Objects.requireNonNull(code);
        this.name = Objects.requireNonNull(name);
        this.category = Objects.requireNonNull(category);
        this.standardUnit = Objects.requireNonNull(standardUnit);
        if (!(plausibleLow < plausibleHigh)) {
            throw new IllegalArgumentException("The plausible range of " + code + " is empty");
        }
        this.plausibleLow = plausibleLow;
        this.plausibleHigh = plausibleHigh;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public String getCategory() {
        return category;
    }

    public String getStandardUnit() {
        return standardUnit;
    }

    public double getPlausibleLow() {
        return plausibleLow;
    }

    public double getPlausibleHigh() {
        return plausibleHigh;
    }

    public boolean isDerived() {
        return derived;
    }

    public int getDisplayOrder() {
        return displayOrder;
    }

    public Map<String, Double> getAlternativeUnits() {
        return Collections.unmodifiableMap(alternativeUnits);
    }

    public void acceptUnit(String unit, double factorToStandard) {
        if (!(factorToStandard > 0)) {
            throw new IllegalArgumentException("A conversion factor must be positive");
        }
        alternativeUnits.put(unit, factorToStandard);
    }

    /** The accepted units, standard first, as a coordinator picks them. */
    public java.util.List<String> acceptedUnits() {
        java.util.List<String> units = new java.util.ArrayList<>();
        units.add(standardUnit);
        units.addAll(alternativeUnits.keySet());
        return units;
    }

    /** The factor converting a value in {@code unit} to the standard unit, if the unit is accepted. */
    public Optional<Double> factorFor(String unit) {
        if (unit == null) {
            return Optional.empty();
        }
        String wanted = normalise(unit);
        if (normalise(standardUnit).equals(wanted)) {
            return Optional.of(1.0);
        }
        return alternativeUnits.entrySet().stream()
                .filter(e -> normalise(e.getKey()).equals(wanted))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static String normalise(String unit) {
        return unit.trim().replace(" ", "").toLowerCase(Locale.ROOT);
    }

    public boolean isPlausible(double standardValue) {
        return standardValue >= plausibleLow && standardValue <= plausibleHigh;
    }

    /** Converts a value to the standard unit, refusing units not accepted and implausible values. */
    public Quantity standardise(double value, String unit) {
        double factor = factorFor(unit).orElseThrow(() -> new UnitNotAcceptedException(this, unit));
        double standard = value * factor;
        if (!isPlausible(standard)) {
            throw new ImplausibleValueException(this, value, unit, standard);
        }
        return new Quantity(standard, standardUnit);
    }

    /** The rule a coordinator sees next to the field. */
    public String describeRange() {
        return "plausible range " + format(plausibleLow) + "–" + format(plausibleHigh) + " " + standardUnit;
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
