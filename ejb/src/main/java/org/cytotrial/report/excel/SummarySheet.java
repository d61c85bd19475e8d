package org.cytotrial.report.excel;

import java.util.List;
import org.cytotrial.analysis.LogRankResult;
import org.cytotrial.analysis.Proportion;
import org.cytotrial.analysis.SurvivalSummary;
import org.cytotrial.report.ArmResult;
import org.cytotrial.report.ReportData;
import org.cytotrial.report.xlsx.GridSheet;
import org.cytotrial.report.xlsx.ReportStyle;
import org.cytotrial.response.ResponseCategory;

/**
 * Sheet 1: one row per arm with the response table (treated, evaluable, best responses, ORR and
 * DCR with exact 95 % limits) and PFS (events, censored, median months with 95 % limits), then
 * the log-rank comparison of the arms and how the numbers were derived.
 */
final class SummarySheet {

    static final String NAME = "Summary";
    static final List<String> COLUMNS = List.of("Arm", "Arm name", "Treated", "Evaluable", "CR", "PR", "MR", "SD",
            "PD", "NE", "ORR", "ORR 95% CI lower", "ORR 95% CI upper", "DCR", "DCR 95% CI lower", "DCR 95% CI upper",
            "PFS events", "PFS censored", "PFS median (months)", "PFS median 95% CI lower", "PFS median 95% CI upper");

    private SummarySheet() {
    }

    static void build(GridSheet grid, ReportData data) {
        grid.printOnePageWide();
        grid.header(COLUMNS.toArray(String[]::new));
        for (ArmResult arm : data.arms()) {
            grid.row().text(arm.arm().code()).text(arm.arm().name())
                    .number(arm.response().treated(), ReportStyle.INTEGER)
                    .number(arm.response().evaluable(), ReportStyle.INTEGER);
            for (ResponseCategory c : ResponseCategory.values()) {
                grid.number(arm.response().count(c), ReportStyle.INTEGER);
            }
            proportion(grid, arm.response().objectiveResponse());
            proportion(grid, arm.response().diseaseControl());
            SurvivalSummary pfs = arm.pfsMonths();
            grid.number(pfs.events(), ReportStyle.INTEGER).number(pfs.censored(), ReportStyle.INTEGER)
                    .number(pfs.median(), ReportStyle.MONTHS).number(pfs.medianLower(), ReportStyle.MONTHS)
                    .number(pfs.medianUpper(), ReportStyle.MONTHS);
        }
        int last = grid.rowIndex();
        grid.table(1, last, COLUMNS.size() - 1);
        // Wide enough that every heading wraps into at most three lines (its row is three lines
        // high) and the log-rank labels below fit in the first column: LibreOffice clips, it does
        // not let a bold heading or a label spill into the next cell.
        grid.widths(19, 28, 9, 10, 6, 6, 6, 6, 6, 6, 8, 12, 12, 8, 12, 12, 9, 10, 12, 14, 14);
        grid.sheet().getRow(0).setHeightInPoints(3 * grid.sheet().getDefaultRowHeightInPoints() + 4);

        grid.row();
        LogRankResult logRank = data.logRank();
        if (logRank != null && logRank.p() != null) {
            grid.row().text("Log-rank test of PFS between arms", ReportStyle.TITLE);
            grid.row().text("Chi-square").number(logRank.chiSquare(), ReportStyle.DECIMAL);
            grid.row().text("Degrees of freedom").number(logRank.degreesOfFreedom(), ReportStyle.INTEGER);
            grid.row().text("p").number(logRank.p(), ReportStyle.P_VALUE);
            grid.row();
        }
        grid.row().text("How these numbers are derived", ReportStyle.TITLE);
        for (String rule : Rules.summary(data.scope())) {
            grid.row().text(rule);
        }
    }

    private static void proportion(GridSheet grid, Proportion p) {
        grid.number(p.rate(), ReportStyle.PERCENT).number(p.lower(), ReportStyle.PERCENT)
                .number(p.upper(), ReportStyle.PERCENT);
    }
}
