package org.cytotrial.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subject-visits in scope, each with its results, one row per visit: the database gathers a
 * visit's results into one text ({@code CODE=value,CODE=value,...}, the values as the database
 * writes a double: the shortest text that reads back as the same double), so that it sends one
 * row per visit instead of one per result, about twenty times fewer rows for the driver to decode.
 * The visit's results are found by the unique index on (visit, test), the visits in subject
 * and visit-number order by the unique index on (subject, visit number): nothing is sorted.
 *
 * <p>Plain SQL (a correlated sub-query, {@code string_agg}), the same on PostgreSQL and H2.
 */
final class VisitResults implements AutoCloseable {

    private final ReportReader.Cursor cursor;
    private final Map<String, Integer> column;
    private final boolean withSubjects;
    /** The values of the current visit, in the caller's column order; NaN where not measured. */
    final double[] values;

    // the last visit's codes and their columns: most visits have the same results in the same order
    private String[] layoutCodes = new String[0];
    private int[] layoutColumns = new int[0];

    /**
     * @param columns      the test codes to read, in the order of {@link #values}; others are skipped
     * @param visitsUpToCutoff only the visits dated up to the cut-off (the Visits sheet), else every
     *                     visit (the marker summaries count results by their own dates)
     * @param withSubjects also the subject's code, arm, site and first dose (for streamed rows)
     */
    VisitResults(ReportReader reader, List<String> columns, boolean visitsUpToCutoff, boolean withSubjects)
            throws SQLException {
        this.column = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            column.put(columns.get(i), i);
        }
        this.values = new double[columns.size()];
        this.withSubjects = withSubjects;
        String results = "(select string_agg(r.test_code || '=' || cast(r.standard_value as varchar(40)), ',')"
                + " from lab_result r where r.visit_id = v.id"
                + reader.upToCutoff("coalesce(r.collected_on, v.visit_date)") + ")";
        String sql = "select v.subject_id, v.visit_number, v.name, v.visit_date, " + results
                + (withSubjects ? ", s.usubjid, a.code, si.code, s.first_dose_date" : "")
                + " from visit v join subject s on s.id = v.subject_id"
                + (withSubjects ? " join arm a on a.id = s.arm_id join site si on si.id = s.site_id" : "")
                + " where" + reader.filter() + (visitsUpToCutoff ? reader.upToCutoff("v.visit_date") : "")
                + " order by v.subject_id, v.visit_number";
        this.cursor = reader.query(sql);
    }

    /** Moves to the next visit and reads its values; false after the last. */
    boolean next() throws SQLException {
        if (!cursor.next()) {
            return false;
        }
        Arrays.fill(values, Double.NaN);
        String results = cursor.rs.getString(5);
        if (results != null) {
            parse(results);
        }
        return true;
    }

    long subjectId() throws SQLException {
        return cursor.rs.getLong(1);
    }

    BigDecimal visitNumber() throws SQLException {
        return cursor.rs.getBigDecimal(2);
    }

    String visitName() throws SQLException {
        return cursor.rs.getString(3);
    }

    LocalDate visitDate() throws SQLException {
        return ReportReader.localDate(cursor.rs.getDate(4));
    }

    ResultSet subjectColumns() {
        if (!withSubjects) {
            throw new IllegalStateException("read without the subjects' columns");
        }
        return cursor.rs;
    }

    /** {@code CODE=value,CODE=value}: test codes never hold '=' or ',' (catalogue codes: letters, digits, '/', '_'). */
    private void parse(String text) {
        int position = 0;
        int n = 0;
        int length = text.length();
        while (position < length) {
            int equals = text.indexOf('=', position);
            int end = text.indexOf(',', equals);
            if (end < 0) {
                end = length;
            }
            int c = columnOf(text, position, equals, n);
            if (c >= 0) {
                values[c] = Decimals.parse(text, equals + 1, end);
            }
            position = end + 1;
            n++;
        }
    }

    /** The column of the code at [from, to), the n-th of this visit: usually where the last visit had it. */
    private int columnOf(String text, int from, int to, int n) {
        if (n < layoutCodes.length) {
            String expected = layoutCodes[n];
            if (expected.length() == to - from && text.startsWith(expected, from)) {
                return layoutColumns[n];
            }
        }
        String code = text.substring(from, to);
        Integer c = column.get(code);
        int result = c == null ? -1 : c;
        if (n >= layoutCodes.length) {
            layoutCodes = Arrays.copyOf(layoutCodes, n + 1);
            layoutColumns = Arrays.copyOf(layoutColumns, n + 1);
        }
        layoutCodes[n] = code;
        layoutColumns[n] = result;
        return result;
    }

    @Override
    public void close() throws SQLException {
        cursor.close();
    }
}
