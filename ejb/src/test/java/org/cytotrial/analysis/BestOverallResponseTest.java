package org.cytotrial.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.cytotrial.response.ResponseCategory.CR;
import static org.cytotrial.response.ResponseCategory.MR;
import static org.cytotrial.response.ResponseCategory.NE;
import static org.cytotrial.response.ResponseCategory.PD;
import static org.cytotrial.response.ResponseCategory.PR;
import static org.cytotrial.response.ResponseCategory.SD;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.cytotrial.response.DatedResponse;
import org.cytotrial.response.ResponseCategory;
import org.junit.jupiter.api.Test;

class BestOverallResponseTest {

    static final LocalDate START = LocalDate.of(2019, 1, 7);

    /** Assessments given as alternating study day and category: day(29, SD, 57, PD). */
    static List<DatedResponse> days(Object... dayAndCategory) {
        List<DatedResponse> out = new ArrayList<>();
        for (int i = 0; i < dayAndCategory.length; i += 2) {
            out.add(new DatedResponse(START.plusDays((Integer) dayAndCategory[i] - 1L),
                    (ResponseCategory) dayAndCategory[i + 1]));
        }
        return out;
    }

    private static BestOverallResponse bor(List<DatedResponse> a) {
        return BestOverallResponse.derive(a, START);
    }

    @Test
    void stableDiseaseCountsFromDay42Only() {
        assertEquals(NE, bor(days(41, SD)).category());
        assertEquals(SD, bor(days(42, SD)).category());
        assertEquals(42, bor(days(42, SD)).studyDay());
        assertEquals(NE, bor(days(29, MR)).category());
        assertEquals(MR, bor(days(29, MR, 57, MR)).category());
    }

    @Test
    void earlyStableThenProgressionIsProgression() {
        assertEquals(PD, bor(days(29, SD, 57, PD)).category());
    }

    @Test
    void responsesQualifyAtAnyDay() {
        assertEquals(PR, bor(days(15, PR, 29, PD)).category());
        assertEquals(CR, bor(days(15, PR, 20, CR, 60, SD)).category());
    }

    @Test
    void assessmentsAfterTheFirstProgressionAreIgnored() {
        BestOverallResponse b = bor(days(29, SD, 57, PD, 85, PR, 113, CR));
        assertEquals(PD, b.category());
        assertEquals(START.plusDays(56), b.date());
    }

    @Test
    void bestQualifyingInCategoryOrderNotTheLastOne() {
        assertEquals(PR, bor(days(43, MR, 85, PR, 127, SD, 169, MR)).category());
        assertEquals(MR, bor(days(43, SD, 85, MR, 127, SD)).category());
    }

    @Test
    void onlyAssessmentsAfterTheFirstDoseCount() {
        List<DatedResponse> a = new ArrayList<>();
        a.add(new DatedResponse(START.minusDays(3), PD));
        a.add(new DatedResponse(START, PD));
        a.add(new DatedResponse(START.plusDays(60), SD));
        BestOverallResponse b = bor(a);
        assertEquals(SD, b.category());
        assertTrue(b.evaluable());
        assertFalse(bor(a.subList(0, 2)).evaluable());
    }

    @Test
    void noAssessmentsIsNotEvaluable() {
        BestOverallResponse b = bor(List.of());
        assertFalse(b.evaluable());
        assertEquals(NE, b.category());
        assertNull(b.date());
        assertFalse(BestOverallResponse.derive(days(60, SD), null).evaluable());
    }

    @Test
    void evaluableButNothingQualifiesIsNe() {
        BestOverallResponse b = bor(days(20, NE, 29, SD, 50, NE));
        assertTrue(b.evaluable());
        assertEquals(NE, b.category());
    }

    /** One assessment on study day {@code day} recorded at visit {@code visit}. */
    private static DatedResponse at(int day, int visit, ResponseCategory category) {
        return new DatedResponse(START.plusDays(day - 1L), category, java.math.BigDecimal.valueOf(visit));
    }

    /**
     * A PR and a PD on one date at two visits: read in visit order up to and including the first
     * PD, as R does after {@code order(RSDTC, VISITNUM)}; the PR counts only at the earlier visit.
     */
    @Test
    void onTheDateOfTheFirstProgressionOnlyEarlierVisitsCount() {
        assertEquals(PR, bor(List.of(at(57, 3, PR), at(57, 4, PD))).category());
        assertEquals(PD, bor(List.of(at(57, 3, PD), at(57, 4, PR))).category());
        assertEquals(PD, bor(List.of(at(57, 4, PR), at(57, 3, PD))).category(), "whatever the input order");
        assertEquals(PR, bor(List.of(at(57, 4, PD), at(57, 3, PR))).category(), "whatever the input order");
        BestOverallResponse sdFirst = bor(List.of(at(29, 2, SD), at(57, 4, SD), at(57, 3, PD)));
        assertEquals(PD, sdFirst.category(), "the SD at the later visit on day 57 comes after the PD");
        // the PD's date is the event date either way
        assertEquals(57, PfsDerivation.derive(List.of(at(57, 4, PR), at(57, 3, PD)), START, null).days());
    }

    @Test
    void withoutVisitNumbersTheGivenOrderDecidesOnOneDate() {
        assertEquals(PR, bor(days(57, PR, 57, PD)).category());
        assertEquals(PD, bor(days(57, PD, 57, PR)).category());
    }

    @Test
    void orderOfInputDoesNotMatter() {
        assertEquals(PD, bor(days(57, PD, 29, SD, 85, PR)).category());
    }

    @Test
    void studySetsItsOwnMinimumForStableDisease() {
        assertEquals(SD, BestOverallResponse.derive(days(29, SD), START, 28).category());
        assertEquals(NE, BestOverallResponse.derive(days(29, SD), START, 56).category());
    }
}
