package org.cytotrial.marker;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** A measured value with its unit, e.g. 102.5 g/L. Equal by value. */
@Embeddable
public class Quantity {

    @Column(nullable = false)
    private double value;

    @Column(nullable = false, length = 20)
    private String unit;

    protected Quantity() {}

    public Quantity(double value, String unit) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("A measured value must be a finite number");
        }
        this.value = value;
        this.unit = Objects.requireNonNull(unit);
    }

    public double value() {
        return value;
    }

    public String unit() {
        return unit;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity q && Double.compare(q.value, value) == 0 && q.unit.equals(unit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, unit);
    }

    @Override
    public String toString() {
        return value + " " + unit;
    }
}
