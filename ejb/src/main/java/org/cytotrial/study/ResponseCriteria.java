package org.cytotrial.study;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a study's tumour response is judged; TS parameter RESPCRIT. */
public enum ResponseCriteria {
    /** Solid tumours: sum of target-lesion diameters (Eisenhauer et al. 2009). */
    RECIST_1_1("RECIST 1.1"),
    /** Multiple myeloma: serum M-protein (International Myeloma Working Group). */
    IMWG("IMWG");

    private final String sdtmValue;

    ResponseCriteria(String sdtmValue) {
        this.sdtmValue = sdtmValue;
    }

    /** The value as written in TS.TSVAL. */
    public String sdtmValue() {
        return sdtmValue;
    }

    public static Optional<ResponseCriteria> fromSdtm(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String normalised = value.trim().toUpperCase(Locale.ROOT).replace('_', ' ');
        return Arrays.stream(values())
                .filter(c -> c.sdtmValue.equals(normalised) || c.name().equals(value.trim().toUpperCase(Locale.ROOT))
                        || (c == RECIST_1_1 && normalised.equals("RECIST")))
                .findFirst();
    }
}
