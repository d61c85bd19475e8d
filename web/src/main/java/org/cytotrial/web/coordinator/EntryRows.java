package org.cytotrial.web.coordinator;

import java.io.Serializable;
import java.util.List;
import org.cytotrial.response.LesionKind;

/** The editable lines of the visit entry form: what the user types, before it is sent to the service. */
final class EntryRows {

    private EntryRows() {}

    /** One lab or marker line: the value and unit as typed. */
    public static final class ResultRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final String name;
        private final String category;
        private final List<String> units;
        private final String range;
        private final boolean derived;
        private String value;
        private String unit;

        ResultRow(String code, String name, String category, List<String> units, String range, boolean derived) {
            this.code = code;
            this.name = name;
            this.category = category;
            this.units = List.copyOf(units);
            this.range = range;
            this.derived = derived;
            this.unit = units.get(0);
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

        public List<String> getUnits() {
            return units;
        }

        public String getRange() {
            return range;
        }

        public boolean isDerived() {
            return derived;
        }

        public String getValue() {
            return value;
        }

        public void setValue(String value) {
            this.value = value;
        }

        public String getUnit() {
            return unit;
        }

        public void setUnit(String unit) {
            this.unit = unit;
        }

        /** The field name the services use for this line's problems. */
        public String getField() {
            return "results[" + code + "]";
        }

        /** An id usable in HTML (CD4/CD8 has a slash). */
        public String getSafeId() {
            return code.replaceAll("[^A-Za-z0-9]", "_");
        }
    }

    /** One lesion line: a lesion already identified, or one identified at this visit. */
    public static final class LesionRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private String id;
        private LesionKind kind;
        private String location;
        private final boolean identifiedHere;
        private final String identifiedAt;
        private String value;
        private String unit = "mm";
        private String state;

        LesionRow(String id, LesionKind kind, String location, boolean identifiedHere, String identifiedAt) {
            this.id = id;
            this.kind = kind;
            this.location = location;
            this.identifiedHere = identifiedHere;
            this.identifiedAt = identifiedAt;
        }

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public LesionKind getKind() {
            return kind;
        }

        public void setKind(LesionKind kind) {
            this.kind = kind;
        }

        public String getLocation() {
            return location;
        }

        public void setLocation(String location) {
            this.location = location;
        }

        /** A lesion typed into this form, not yet stored. */
        public boolean isIdentifiedHere() {
            return identifiedHere;
        }

        public String getIdentifiedAt() {
            return identifiedAt;
        }

        public String getValue() {
            return value;
        }

        public void setValue(String value) {
            this.value = value;
        }

        public String getUnit() {
            return unit;
        }

        public void setUnit(String unit) {
            this.unit = unit;
        }

        public String getState() {
            return state;
        }

        public void setState(String state) {
            this.state = state;
        }

        public boolean isMeasured() {
            return kind != LesionKind.NON_TARGET;
        }

        public String getField() {
            return "lesions[" + (id == null ? "" : id) + "]";
        }

        boolean isBlank() {
            return (location == null || location.isBlank()) && (value == null || value.isBlank())
                    && (state == null || state.isBlank());
        }
    }
}
