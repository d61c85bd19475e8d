package org.cytotrial.report.excel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cytotrial.report.AdverseEventCount;
import org.cytotrial.report.ReportData;
import org.cytotrial.report.xlsx.GridSheet;
import org.cytotrial.report.xlsx.ReportStyle;

/**
 * Sheet 6: per arm and coded adverse event term, the subjects by their worst CTCAE grade, with
 * any-grade and grade 3+ totals and their share of the arm's treated subjects. "Any adverse
 * event" heads each arm; terms follow from the most to the least frequent.
 */
final class AdverseEventsSheet {

    static final String NAME = "Adverse events";
    static final List<String> COLUMNS = List.of("Arm", "Term (coded)", "Subjects in arm", "Grade 1", "Grade 2",
            "Grade 3", "Grade 4", "Grade 5", "Any grade", "Any grade %", "Grade 3+", "Grade 3+ %");

    private AdverseEventsSheet() {
    }

    static void build(GridSheet grid, ReportData data) {
        List<String> arms = data.arms().stream().map(a -> a.arm().code()).toList();
        List<AdverseEventCount> rows = new ArrayList<>(data.adverseEvents());
        rows.sort(Comparator.comparingInt((AdverseEventCount c) -> arms.indexOf(c.arm()))
                .thenComparing(c -> !c.term().equals(AdverseEventCount.ANY))
                .thenComparing(Comparator.comparingInt(AdverseEventCount::subjects).reversed())
                .thenComparing(AdverseEventCount::term));
        grid.printOnePageWide();
        grid.header(COLUMNS.toArray(String[]::new));
        for (AdverseEventCount c : rows) {
            grid.row().text(c.arm()).text(c.term()).number(c.subjectsInArm(), ReportStyle.INTEGER);
            for (int g = 1; g <= 5; g++) {
                grid.number(c.grade(g), ReportStyle.INTEGER);
            }
            grid.number(c.subjects(), ReportStyle.INTEGER).number(share(c.subjects(), c.subjectsInArm()), ReportStyle.PERCENT)
                    .number(c.severe(), ReportStyle.INTEGER).number(share(c.severe(), c.subjectsInArm()), ReportStyle.PERCENT);
        }
        grid.table(1, grid.rowIndex(), COLUMNS.size() - 1);
        grid.widths(10, 36, 9, 8, 8, 8, 8, 8, 9, 9, 9, 9);
    }

    private static Double share(int count, int of) {
        return of == 0 ? null : (double) count / of;
    }
}
