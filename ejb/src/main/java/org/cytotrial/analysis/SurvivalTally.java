package org.cytotrial.analysis;

import java.util.Collection;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Survival observations counted per distinct time: the only thing Kaplan-Meier and the
 * log-rank test need. Subjects stream past and are forgotten, so memory grows with the number
 * of distinct times (at most the study's length in days), not with the number of subjects.
 */
public final class SurvivalTally {

    private final TreeMap<Double, int[]> counts = new TreeMap<>();
    private int size;
    private int events;

    public static SurvivalTally of(Collection<SurvivalObservation> observations) {
        SurvivalTally tally = new SurvivalTally();
        observations.forEach(tally::add);
        return tally;
    }

    public void add(SurvivalObservation observation) {
        add(observation.time(), observation.event());
    }

    public void add(double time, boolean event) {
        if (!(time >= 0) || Double.isInfinite(time)) {
            throw new IllegalArgumentException("Survival time must be finite and >= 0, was " + time);
        }
        // -0.0 and 0.0 are one time
        int[] c = counts.computeIfAbsent(time + 0.0, t -> new int[2]);
        c[event ? 0 : 1]++;
        size++;
        if (event) {
            events++;
        }
    }

    /** Subjects counted. */
    public int size() {
        return size;
    }

    public int events() {
        return events;
    }

    public int censored() {
        return size - events;
    }

    /** Distinct time to {events, censored}, ascending. */
    NavigableMap<Double, int[]> counts() {
        return Collections.unmodifiableNavigableMap(counts);
    }
}
