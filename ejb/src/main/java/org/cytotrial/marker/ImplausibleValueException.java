package org.cytotrial.marker;

/** A standardised value falls outside its marker's plausible range: an entry error, not data. */
public class ImplausibleValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ImplausibleValueException(Marker marker, double value, String unit, double standardValue) {
        super("value " + Marker.format(value) + " " + unit
                + (unit != null && !unit.equals(marker.getStandardUnit())
                        ? " (" + Marker.format(standardValue) + " " + marker.getStandardUnit() + ")"
                        : "")
                + " is outside the " + marker.describeRange() + " of " + marker.getCode());
    }
}
