package org.cytotrial.marker;

/** A result was given in a unit the catalogue does not accept for its test. */
public class UnitNotAcceptedException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnitNotAcceptedException(Marker marker, String unit) {
        super("unit '" + (unit == null ? "" : unit) + "' is not accepted for " + marker.getCode() + "; accepted: "
                + String.join(", ", marker.acceptedUnits()));
    }
}
