package org.cytotrial.report;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.cytotrial.analysis.LogRankResult;
import org.cytotrial.analysis.MarkerSummary;

/**
 * Everything a report shows, derived from one snapshot of the study. The small parts are held
 * (their size grows with subjects at most); the subject-visits, the one part that grows with
 * visits x markers, are streamed from {@link #visits} while the report is written.
 *
 * @param arms           per arm, in the study's order
 * @param logRank        PFS compared between the arms; null with fewer than two arms
 * @param outcomes       one per treated subject, in enrolment order
 * @param markers        the markers with results, in the catalogue's order (the Visits columns)
 * @param visitCount     how many rows {@link #visits} will produce
 */
public record ReportData(ReportScope scope, List<ArmResult> arms, LogRankResult logRank, List<SubjectOutcome> outcomes,
        List<MarkerColumn> markers, List<MarkerSummary> markerSummaries, List<AdverseEventCount> adverseEvents,
        long visitCount, VisitSource visits, Instant generatedAt, String softwareVersion) {

    /** Opens a pass over the subject-visits, in subject (enrolment) then visit order. */
    @FunctionalInterface
    public interface VisitSource {
        VisitCursor open() throws IOException;
    }

    /** One pass over the subject-visits; holds database cursors until closed. */
    public interface VisitCursor extends AutoCloseable {
        /** The next subject-visit, or null after the last. */
        VisitRow next() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** A source over rows already in memory (tests, small studies). */
    public static VisitSource of(java.util.List<VisitRow> rows) {
        return () -> {
            java.util.Iterator<VisitRow> it = rows.iterator();
            return new VisitCursor() {
                @Override
                public VisitRow next() {
                    return it.hasNext() ? it.next() : null;
                }

                @Override
                public void close() {
                    // nothing held
                }
            };
        };
    }

    public ReportData {
        arms = List.copyOf(arms);
        outcomes = List.copyOf(outcomes);
        markers = List.copyOf(markers);
        markerSummaries = List.copyOf(markerSummaries);
        adverseEvents = List.copyOf(adverseEvents);
    }
}
