package org.cytotrial.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The CSV listings a sponsor can download. */
public enum Listing {
    /** One row per subject: arm, site, demographics, treatment dates and derived outcomes. */
    SUBJECTS("subjects"),
    /** One row per subject-visit with every marker in standard units (wide). */
    VISITS("visits"),
    /** One row per investigator response assessment. */
    RESPONSES("responses"),
    /** One row per adverse event, with the coded term. */
    ADVERSE_EVENTS("adverse-events");

    private final String slug;

    Listing(String slug) {
        this.slug = slug;
    }

    /** The name in URLs and files, e.g. {@code adverse-events}. */
    public String slug() {
        return slug;
    }

    public static Optional<Listing> fromSlug(String slug) {
        return Arrays.stream(values()).filter(l -> l.slug.equals(slug == null ? null : slug.toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
