package org.cytotrial.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The progress bar's numbers: each step fills its own span of the bar, never beyond it. */
class ReportProgressTest {

    @Test
    void aStepFillsItsSpanInProportionToTheUnitsDone() {
        ReportProgress progress = new ReportProgress();
        assertEquals("Waiting", progress.step());
        assertEquals(0, progress.percent());

        progress.step("Visits", 45, 99, 240_000);
        assertEquals("Visits", progress.step());
        assertEquals(45, progress.percent());
        progress.advance(120_000);
        assertEquals(72, progress.percent());            // 45 + 54 x 1/2
        progress.advance(119_999);
        assertEquals(98, progress.percent());            // rounded down: 100 % only when done
        progress.advance(1);
        assertEquals(99, progress.percent());
        progress.advance(5);                             // more than announced: stays at the step's end
        assertEquals(99, progress.percent());
        assertEquals(240_005, progress.done());
    }

    @Test
    void aNewStepStartsAtItsOwnBeginningAndAStepWithoutUnitsShowsItsStart() {
        ReportProgress progress = new ReportProgress();
        progress.step("Subjects, responses and measurements", 0, 15, 10_000);
        progress.advance(10_000);
        assertEquals(15, progress.percent());
        progress.step("Marker summaries", 16, 30, 0);
        assertEquals(16, progress.percent());
        assertEquals(0, progress.done());
        progress.finished();
        assertEquals("Done", progress.step());
        assertEquals(100, progress.percent());
    }
}
