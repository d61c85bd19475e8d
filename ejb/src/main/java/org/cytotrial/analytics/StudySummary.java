package org.cytotrial.analytics;

import java.util.List;

/**
 * The per-arm summary of a study, with the rules it was computed by.
 *
 * @param scope the study and the sites it covers
 * @param arms  one line per arm, in DM order
 */
public record StudySummary(StudyScope scope, List<ArmSummary> arms) {
    public StudySummary {
        arms = List.copyOf(arms);
    }
}
