package org.cytotrial.response;

import java.util.Locale;
import java.util.Optional;

/** RECIST lesion classes (SDTM TU.TUORRES). */
public enum LesionKind {
    TARGET("TARGET"),
    NON_TARGET("NON-TARGET"),
    NEW("NEW");

    private final String sdtmValue;

    LesionKind(String sdtmValue) {
        this.sdtmValue = sdtmValue;
    }

    public String sdtmValue() {
        return sdtmValue;
    }

    public static Optional<LesionKind> fromSdtm(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toUpperCase(Locale.ROOT).replace('_', '-');
        for (LesionKind kind : values()) {
            if (kind.sdtmValue.equals(v) || (kind == NON_TARGET && v.equals("NONTARGET"))) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
