package org.cytotrial.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MarkerSummarizerTest {

    private static MarkerObservation row(String arm, String test, int visit, String subject, double value) {
        return new MarkerObservation(arm, test, visit, visit == 1 ? "BASELINE" : "DAY " + visit, subject, value);
    }

    @Test
    void quartilesInterpolateLinearlyLikeQuartileInc() {
        MarkerSummary s = MarkerSummary.of("A", "IL6", 1, "BASELINE", new double[] {4, 1, 3, 2}, new double[0]);
        assertEquals(1.75, s.q1(), 1e-12);
        assertEquals(2.5, s.median(), 1e-12);
        assertEquals(3.25, s.q3(), 1e-12);
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3), s.sd(), 1e-12);
        assertNull(s.medianFoldChange());
    }

    @Test
    void singleValueHasNoStandardDeviation() {
        MarkerSummary s = MarkerSummary.of("A", "IL6", 3, "DAY 3", new double[] {7}, new double[] {2});
        assertNull(s.sd());
        assertEquals(7, s.q1());
        assertEquals(7, s.q3());
        assertEquals(2.0, s.medianFoldChange());
    }

    @Test
    void streamsGroupsAndFoldChangesFromEachSubjectsOwnBaseline() {
        List<MarkerObservation> rows = List.of(
                row("A", "EOS", 1, "s1", 0.2), row("A", "EOS", 1, "s2", 0.4), row("A", "EOS", 1, "s3", 0.0),
                row("A", "EOS", 3, "s1", 3.0), row("A", "EOS", 3, "s2", 2.0), row("A", "EOS", 3, "s3", 1.0),
                row("A", "EOS", 3, "s4", 9.0),
                row("A", "HGB", 3, "s1", 100),
                row("B", "EOS", 1, "s5", 0.5), row("B", "EOS", 2, "s5", 1.0));
        List<MarkerSummary> out = MarkerSummarizer.summarize(rows);
        assertEquals(5, out.size());
        MarkerSummary base = out.get(0);
        assertEquals(3, base.n());
        assertEquals(1.0, base.medianFoldChange(), "baseline 0 gives no fold change; others are 1");
        MarkerSummary day3 = out.get(1);
        assertEquals(4, day3.n());
        assertEquals("DAY 3", day3.visit());
        // s1: 15, s2: 5; s3 has baseline 0 and s4 none
        assertEquals(10.0, day3.medianFoldChange(), 1e-12);
        assertNull(out.get(2).medianFoldChange(), "HGB has no baseline visit");
        assertEquals(2.0, out.get(4).medianFoldChange(), 1e-12);
        assertEquals("B", out.get(4).arm());
    }

    @Test
    void aVisitBeforeTheBaselineHasNoFoldChange() {
        List<MarkerSummary> out = MarkerSummarizer.summarize(List.of(
                row("A", "IL6", 0, "s1", 8), row("A", "IL6", 1, "s1", 4), row("A", "IL6", 2, "s1", 2)));
        assertNull(out.get(0).medianFoldChange(), "screening comes before the baseline it would be relative to");
        assertEquals(1.0, out.get(1).medianFoldChange());
        assertEquals(0.5, out.get(2).medianFoldChange());
    }

    @Test
    void baselinesDoNotLeakAcrossTests() {
        List<MarkerSummary> out = MarkerSummarizer.summarize(List.of(
                row("A", "CRP", 1, "s1", 5), row("A", "IL6", 2, "s1", 10)));
        assertNull(out.get(1).medianFoldChange());
    }

    @Test
    void rejectsUnsortedInputRatherThanComputingWrongFoldChanges() {
        assertThrows(IllegalStateException.class, () -> MarkerSummarizer.summarize(List.of(
                row("A", "EOS", 3, "s1", 1), row("A", "EOS", 1, "s1", 1))));
        assertThrows(IllegalStateException.class, () -> MarkerSummarizer.summarize(List.of(
                row("A", "EOS", 1, "s1", 1), row("A", "HGB", 1, "s1", 1), row("A", "EOS", 3, "s1", 1))));
    }

    @Test
    void emitsEachVisitAsSoonAsItIsComplete() {
        List<MarkerSummary> seen = new ArrayList<>();
        MarkerSummarizer s = new MarkerSummarizer(seen::add);
        s.accept(row("A", "EOS", 1, "s1", 1));
        s.accept(row("A", "EOS", 1, "s2", 2));
        assertEquals(0, seen.size());
        s.accept(row("A", "EOS", 2, "s1", 1));
        assertEquals(1, seen.size());
        s.finish();
        assertEquals(2, seen.size());
    }
}
