package org.cytotrial.analysis;

/**
 * One group's line of a log-rank test.
 *
 * @param name     group label (arm code, "IL6 &gt; 4", ...)
 * @param n        subjects
 * @param observed observed events
 * @param expected expected events under equal hazards
 */
public record LogRankGroup(String name, int n, int observed, double expected) {
}
