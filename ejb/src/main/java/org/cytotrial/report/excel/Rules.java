package org.cytotrial.report.excel;

import java.util.ArrayList;
import java.util.List;
import org.cytotrial.report.ReportScope;
import org.cytotrial.study.ResponseCriteria;

/** The derivation rules a report states, in the words of DOMAIN.md, filled in with the study's parameters. */
final class Rules {

    private Rules() {
    }

    static List<String> summary(ReportScope scope) {
        List<String> rules = new ArrayList<>();
        rules.add("Treated: subjects with a first dose (RFSTDTC)" + (scope.cutoff() == null ? "" : " on or before the cut-off")
                + ". Evaluable: treated subjects with at least one investigator response dated after the first dose.");
        rules.add("Best overall response: assessments in date order (on one date, in visit order) up to and including"
                + " the first PD; CR, PR and PD always qualify, MR and SD from study day " + scope.sdMinDays()
                + " on; best of CR > PR > MR > SD > PD; none qualifying gives NE. No confirmation of CR/PR.");
        rules.add("ORR = (CR + PR) / evaluable; DCR = (CR + PR + MR + SD) / evaluable; 95% CI exact (Clopper-Pearson).");
        rules.add("PFS: event at the earlier of the first PD and death; otherwise censored at the last assessment that is"
                + " not NE (day 1 without one). Study day = date - first dose + 1; a month is 30.4375 days.");
        rules.add("Kaplan-Meier median: smallest time with survival <= 0.5 (midpoint where the curve equals 0.5 over an"
                + " interval); 95% CI with the log-log transformation, as SAS PROC LIFETEST and R survfit."
                + " Log-rank test as R survdiff.");
        return rules;
    }

    static List<String> all(ReportScope scope) {
        return all(scope, false);
    }

    /** @param auditTrail whether the workbook holds the audit trail sheet, which is not pseudonymised */
    static List<String> all(ReportScope scope, boolean auditTrail) {
        List<String> rules = new ArrayList<>(summary(scope));
        rules.add("Response criteria: " + scope.criteria().sdtmValue()
                + (scope.mrLowPercent() == null ? "" : ", with minor response (MR) from a " + fmt(scope.mrLowPercent())
                        + "% decrease") + ". The investigator's overall response is the record used.");
        rules.add(scope.criteria() == ResponseCriteria.IMWG
                ? "Best % change: the lowest percent change of serum M-protein (MPROT) from its first value, over later"
                        + " values after the first dose."
                : "Best % change: the lowest percent change of the sum of target-lesion diameters from baseline (the first"
                        + " tumour assessment), over later assessments after the first dose measuring every target lesion.");
        rules.add("Markers per arm and visit in standard units: n, median, Q1, Q3 (linear interpolation as Excel"
                + " QUARTILE.INC and R type 7), mean, SD (n - 1), and the median of each subject's fold change from its"
                + " own baseline (visit 1) value. The visit label is that of the first subject (USUBJID order) with a result at the visit.");
        rules.add("Adverse events: subjects counted once per coded term at their worst CTCAE grade; percentages of the"
                + " treated subjects of the arm. Verbatim terms are not shown.");
        rules.add(scope.cutoff() == null ? "Data cut-off: none (all data)."
                : "Data cut-off: only data dated on or before " + scope.cutoff() + " count. Treated: first dose on or"
                        + " before it. Responses (assessment date), deaths, tumour measurements (measurement date, else"
                        + " visit date) and adverse events (onset) after it are left out, so PFS is censored at the last"
                        + " assessment that is not NE on or before the cut-off when the progression or death came later,"
                        + " and no PFS time exceeds cut-off - first dose + 1 days. Visits: the visits dated on or before"
                        + " the cut-off, each with the results collected on or before it (collection date, else visit"
                        + " date). Markers: the results collected on or before the cut-off, of every subject of the arms.");
        rules.add("Pseudonymised: subjects appear by their study subject code (USUBJID) only; no names, initials, birth"
                + " dates or verbatim free text" + (auditTrail ? " - except on the Audit trail sheet (administrators"
                        + " only), which shows who changed what, with every value as recorded." : "."));
        return rules;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
