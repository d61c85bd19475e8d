package org.cytotrial.report;

/** A marker the study has results for, in the catalogue's order, with its standard unit. */
public record MarkerColumn(String code, String name, String unit) {

    public String heading() {
        return code + " (" + unit + ")";
    }
}
