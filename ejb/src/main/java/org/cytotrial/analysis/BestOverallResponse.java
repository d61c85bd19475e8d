package org.cytotrial.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.cytotrial.response.DatedResponse;
import org.cytotrial.response.ResponseCategory;

/**
 * A subject's best overall response (BOR) from the investigator's assessments.
 *
 * <p>Only assessments dated strictly after the first dose count (an assessment on the day of the
 * first dose is a baseline, not a response). They are read in date order, on one date in visit
 * order ({@link DatedResponse#ORDER}), up to and including the first PD: an assessment recorded on
 * the date of that PD at a later visit comes after it and does not count, one at an earlier visit
 * does (as R's {@code rs[seq_len(match("PD", rs$RSORRES)), ]} after ordering by date and visit
 * number). CR, PR and PD always qualify;
 * MR and SD qualify only from study day {@code sdMinDays} on, so that "stable" means stable for
 * a meaningful time. NE never qualifies. The best qualifying one wins (CR &gt; PR &gt; MR &gt; SD &gt;
 * PD); none qualifying gives NE. No confirmation of CR/PR is required.
 *
 * @param category  the best overall response
 * @param evaluable at least one assessment after the first dose
 * @param date      date of the (first) assessment that gave the best response; null for NE
 * @param studyDay  its study day; null for NE
 */
public record BestOverallResponse(ResponseCategory category, boolean evaluable, LocalDate date, Integer studyDay) {

    /** Default minimum study day for SD (and MR) to count, when the study sets no SDMINDY. */
    public static final int DEFAULT_SD_MIN_DAYS = 42;

    public BestOverallResponse {
        Objects.requireNonNull(category, "category");
    }

    public static BestOverallResponse derive(List<DatedResponse> assessments, LocalDate firstDose) {
        return derive(assessments, firstDose, DEFAULT_SD_MIN_DAYS);
    }

    /**
     * @param assessments the subject's investigator assessments, any order; on one date, those with
     *                    visit numbers are read in visit order, those without in the order given
     * @param firstDose   first-dose date (DM.RFSTDTC); null means never treated: not evaluable
     * @param sdMinDays   minimum study day for SD and MR to qualify (TS.SDMINDY)
     */
    public static BestOverallResponse derive(List<DatedResponse> assessments, LocalDate firstDose,
                                             int sdMinDays) {
        List<DatedResponse> after = afterStart(assessments, firstDose);
        if (after.isEmpty()) {
            return new BestOverallResponse(ResponseCategory.NE, false, null, null);
        }
        DatedResponse best = null;
        for (DatedResponse a : after) {
            if (qualifies(a, firstDose, sdMinDays) && (best == null || a.category().isBetterThan(best.category()))) {
                best = a;
            }
            if (a.category() == ResponseCategory.PD) {
                break; // the first PD is the last assessment read
            }
        }
        return best == null
                ? new BestOverallResponse(ResponseCategory.NE, true, null, null)
                : new BestOverallResponse(best.category(), true, best.date(), StudyDay.of(firstDose, best.date()));
    }

    /** The assessments that count: dated strictly after the first dose, in {@link DatedResponse#ORDER} (stable). */
    static List<DatedResponse> afterStart(List<DatedResponse> assessments, LocalDate firstDose) {
        List<DatedResponse> after = new ArrayList<>();
        if (firstDose == null || assessments == null) {
            return after;
        }
        for (DatedResponse a : assessments) {
            if (a != null && a.date().isAfter(firstDose)) {
                after.add(a);
            }
        }
        after.sort(DatedResponse.ORDER);
        return after;
    }

    private static boolean qualifies(DatedResponse a, LocalDate firstDose, int sdMinDays) {
        return switch (a.category()) {
            case CR, PR, PD -> true;
            case MR, SD -> StudyDay.of(firstDose, a.date()) >= sdMinDays;
            case NE -> false;
        };
    }
}
