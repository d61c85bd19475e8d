package org.cytotrial.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SurvivalTallyTest {

    @Test
    void countsPerDistinctTimeSoMemoryFollowsTimesNotSubjects() {
        SurvivalTally tally = new SurvivalTally();
        for (int i = 0; i < 100_000; i++) {
            tally.add(1 + i % 365, i % 3 == 0);
        }
        assertEquals(100_000, tally.size());
        assertEquals(365, tally.counts().size());
        assertEquals(33_334, tally.events());
        assertEquals(100_000 - 33_334, tally.censored());
    }

    @Test
    void logRankFromTalliesReproducesSurvdiffOnAml() {
        Map<String, SurvivalTally> tallies = new LinkedHashMap<>();
        tallies.put("Maintained", SurvivalTally.of(LogRankTest.MAINTAINED));
        tallies.put("Nonmaintained", SurvivalTally.of(LogRankTest.NOT_MAINTAINED));
        LogRankResult r = LogRank.testTallies(tallies);
        // survdiff(Surv(time, status) ~ x, data = aml): Chisq 3.4 on 1 df, p 0.0653
        assertEquals(3.396389, r.chiSquare(), 1e-6);
        assertEquals(0.06533932, r.p(), 1e-8);
        assertEquals(11, r.groups().get(0).n());
    }

    @Test
    void refusesImpossibleTimes() {
        SurvivalTally tally = new SurvivalTally();
        assertThrows(IllegalArgumentException.class, () -> tally.add(-1, true));
        assertThrows(IllegalArgumentException.class, () -> tally.add(Double.NaN, false));
        tally.add(-0.0, true);
        tally.add(0.0, true);
        assertEquals(1, tally.counts().size(), "-0 and 0 are one time");
    }
}
