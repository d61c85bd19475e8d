package org.cytotrial.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ResponseDisagreementTest {

    private static final LocalDate D = LocalDate.of(2019, 2, 17);

    @Test
    void listsOnlyDatesWhereBothExistAndDiffer() {
        List<DatedResponse> computed = new ArrayList<>();
        computed.add(null); // baseline row of an evaluator
        computed.add(new DatedResponse(D, ResponseCategory.SD));
        computed.add(new DatedResponse(D.plusWeeks(6), ResponseCategory.PR));
        computed.add(new DatedResponse(D.plusWeeks(12), ResponseCategory.PD));
        List<DatedResponse> investigator = List.of(
                new DatedResponse(D, ResponseCategory.SD),
                new DatedResponse(D.plusWeeks(6), ResponseCategory.MR),
                new DatedResponse(D.plusWeeks(18), ResponseCategory.PD));
        assertEquals(List.of(new ResponseDisagreement(D.plusWeeks(6), ResponseCategory.PR, ResponseCategory.MR)),
                ResponseDisagreement.find(computed, investigator));
    }

    @Test
    void worksWithEvaluatorOutput() {
        List<DatedResponse> computed = new ArrayList<>();
        ImwgEvaluator.evaluate(List.of(new MProteinMeasurement(D, 40.0), new MProteinMeasurement(D.plusDays(28), 0.0)))
                .forEach(e -> computed.add(e.asAssessment()));
        // Investigator CR after immunofixation: flagged for confirmation, as every difference is.
        assertEquals(1, ResponseDisagreement.find(computed,
                List.of(new DatedResponse(D.plusDays(28), ResponseCategory.CR))).size());
    }

    @Test
    void twoResponsesOnOneDateCannotBePaired() {
        List<DatedResponse> twice = List.of(new DatedResponse(D, ResponseCategory.SD),
                new DatedResponse(D, ResponseCategory.PD));
        assertThrows(IllegalArgumentException.class, () -> ResponseDisagreement.find(twice, List.of()));
    }
}
