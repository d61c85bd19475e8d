package org.cytotrial.response;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Overall response categories, declared from best to worst so that "best response" is a plain
 * comparison: CR &gt; PR &gt; MR &gt; SD &gt; PD &gt; NE.
 */
public enum ResponseCategory {
    /** Complete response. */
    CR,
    /** Partial response. */
    PR,
    /** Minor (mild) response: a decrease too small for PR, where the study defines the band. */
    MR,
    /** Stable disease. */
    SD,
    /** Progressive disease. */
    PD,
    /** Not evaluable. */
    NE;

    /** Rank for "best": higher is better (CR = 5 ... NE = 0). */
    public int rank() {
        return values().length - 1 - ordinal();
    }

    public boolean isBetterThan(ResponseCategory other) {
        return other == null || rank() > other.rank();
    }

    /** Objective response: counted in the ORR numerator. */
    public boolean isObjectiveResponse() {
        return this == CR || this == PR;
    }

    /** Disease control: counted in the DCR numerator. */
    public boolean isDiseaseControl() {
        return this == CR || this == PR || this == MR || this == SD;
    }

    /**
     * Lenient parse of a code as entered (surrounding blanks and case ignored), because CSV
     * imports and forms carry "pr " or "Sd".
     *
     * @throws IllegalArgumentException naming the accepted codes when the text is not one of them
     */
    public static ResponseCategory parse(String text) {
        if (text != null) {
            String code = text.trim().toUpperCase(Locale.ROOT);
            for (ResponseCategory c : values()) {
                if (c.name().equals(code)) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("Unknown response category '" + text + "'; accepted: "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
