package org.cytotrial.analytics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The plots of a study, by the name used in URLs. */
public enum PlotKind {
    /** Kaplan-Meier curves of PFS by arm or by a marker cut-off. */
    KM("km"),
    /** Best percent change of the tumour measure per subject. */
    WATERFALL("waterfall"),
    /** Percent change of the tumour measure over time per subject. */
    SPIDER("spider"),
    /** Time on study per subject with response, progression and death. */
    SWIMMER("swimmer"),
    /** A marker's median and interquartile range per arm over the visits. */
    MARKER("marker");

    private final String slug;

    PlotKind(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    public static Optional<PlotKind> fromSlug(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.slug.equals(wanted)).findFirst();
    }

    public static String slugs() {
        return String.join(", ", Arrays.stream(values()).map(PlotKind::slug).toList());
    }
}
