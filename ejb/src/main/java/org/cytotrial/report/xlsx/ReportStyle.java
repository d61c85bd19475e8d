package org.cytotrial.report.xlsx;

/**
 * The cell styles of the reports: every cell uses one of these, created once per workbook by
 * {@link StyleBook}. Numbers keep their full precision in the cell; the format only shows them.
 */
public enum ReportStyle {
    /** General format: text, and numbers shown as entered (lab values keep their own precision). */
    GENERAL(null),
    /** Column headings: bold, shaded, wrapped. */
    HEADER(null),
    /** Sheet or block titles: bold, larger. */
    TITLE(null),
    /** Explanations under a table: italic, wrapped. */
    NOTE(null),
    INTEGER("0"),
    /** Up to three decimals, at least one: statistics of values of any magnitude. */
    DECIMAL("0.0##"),
    /** Months and other durations. */
    MONTHS("0.00"),
    PERCENT("0.0%"),
    /** Percent changes stored as percentages (e.g. -35.2 for a 35.2 % decrease). */
    PERCENT_CHANGE("0.0"),
    P_VALUE("0.0000"),
    DATE("yyyy-mm-dd"),
    TIMESTAMP("yyyy-mm-dd hh:mm:ss");

    private final String format;

    ReportStyle(String format) {
        this.format = format;
    }

    String format() {
        return format;
    }
}
