package org.cytotrial.report;

/**
 * Subjects of one arm by the worst CTCAE grade they had of one adverse event term.
 *
 * @param term           the coded term (never the verbatim text); {@link #ANY} for any event
 * @param subjectsInArm  treated subjects of the arm, the denominator
 * @param byWorstGrade   index g - 1 holds the subjects whose worst grade of this term was g
 */
public record AdverseEventCount(String arm, String term, int subjectsInArm, int[] byWorstGrade) {

    public static final String ANY = "Any adverse event";

    public AdverseEventCount {
        if (byWorstGrade.length != 5) {
            throw new IllegalArgumentException("CTCAE grades 1-5 expected");
        }
        byWorstGrade = byWorstGrade.clone();
    }

    public int subjects() {
        int n = 0;
        for (int c : byWorstGrade) {
            n += c;
        }
        return n;
    }

    public int grade(int grade) {
        return byWorstGrade[grade - 1];
    }

    /** Subjects with grade 3 or worse. */
    public int severe() {
        return byWorstGrade[2] + byWorstGrade[3] + byWorstGrade[4];
    }
}
