package org.cytotrial.subject;

import java.util.Locale;
import java.util.Optional;

/** SDTM SEX codelist. */
public enum Sex {
    M,
    F,
    U;

    public static Optional<Sex> fromSdtm(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.trim().toUpperCase(Locale.ROOT)) {
            case "M", "MALE" -> Optional.of(M);
            case "F", "FEMALE" -> Optional.of(F);
            case "U", "UNKNOWN" -> Optional.of(U);
            default -> Optional.empty();
        };
    }
}
