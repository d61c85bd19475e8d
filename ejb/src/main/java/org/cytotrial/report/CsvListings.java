package org.cytotrial.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cytotrial.analysis.StudyDay;
import org.cytotrial.platform.SpreadsheetText;

/**
 * The CSV listings: RFC 4180 (comma, CRLF, fields quoted only when needed), UTF-8 without a
 * byte-order mark, one header row. Dates are ISO 8601; numbers are plain decimals with every
 * digit they have (no thousands separators, no exponents); missing values are empty fields.
 * Text that a spreadsheet would run as a formula gets a leading apostrophe ({@link SpreadsheetText}).
 * Like the workbook, listings stop at the cut-off: later rows are left out, later dates blanked.
 * Adverse events carry their coded term, and the verbatim term too unless the scope is
 * pseudonymised (the sponsor's view: subject codes only, no free text).
 */
public final class CsvListings {

    /** The term shown for an adverse event that has no coded term yet. */
    public static final String NOT_CODED = "[not coded]";

    static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private final ReportReader reader;
    private final ReportScope scope;

    public CsvListings(ReportReader reader, ReportScope scope) {
        this.reader = reader;
        this.scope = scope;
    }

    public void write(Listing listing, OutputStream out) throws IOException, SQLException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, FORMAT);
        switch (listing) {
            case SUBJECTS -> subjects(csv);
            case VISITS -> visits(csv);
            case RESPONSES -> responses(csv);
            case ADVERSE_EVENTS -> adverseEvents(csv);
        }
        csv.flush();
    }

    private void subjects(CSVPrinter csv) throws IOException, SQLException {
        Map<String, SubjectOutcome> outcomes = new HashMap<>();
        for (SubjectOutcome o : reader.outcomes()) {
            outcomes.put(o.subject(), o);
        }
        csv.printRecord("Subject", "Site", "Arm", "Sex", "Age", "Age unit", "Country", "First dose", "End date",
                "Death date", "Treated", "Evaluable", "Best overall response", "Best response date", "Best % change",
                "PFS days", "PFS months", "PFS event");
        try (ReportReader.Cursor c = reader.query("select s.usubjid, si.code, a.code, s.sex, s.age, s.age_unit,"
                + " s.country, s.first_dose_date, s.end_date, s.death_date from subject s join site si on si.id ="
                + " s.site_id join arm a on a.id = s.arm_id where" + reader.filter() + " order by s.id")) {
            while (c.next()) {
                ResultSet r = c.rs;
                SubjectOutcome o = outcomes.get(r.getString(1));
                List<Object> row = new ArrayList<>(List.of(text(r.getString(1)), text(r.getString(2)),
                        text(r.getString(3)), text(r.getString(4)), integer(r, 5), text(r.getString(6)),
                        text(r.getString(7)), date(r, 8), date(r, 9), date(r, 10), o == null ? "N" : "Y"));
                if (o == null) {
                    row.addAll(List.of("", "", "", "", "", "", ""));
                } else {
                    row.addAll(List.of(o.bor().evaluable() ? "Y" : "N", o.bor().category().name(),
                            text(o.bor().date()), number(o.bestPercentChange()), o.pfs().days(),
                            number(o.pfs().months()), o.pfs().event() ? "Y" : "N"));
                }
                csv.printRecord(row);
            }
        }
    }

    private void visits(CSVPrinter csv) throws IOException, SQLException {
        List<MarkerColumn> markers = reader.markerColumns(reader.testsInScope());
        List<String> header = new ArrayList<>(List.of("Subject", "Arm", "Site", "Visit number", "Visit", "Visit date",
                "Study day"));
        markers.forEach(m -> header.add(text(m.heading())));
        csv.printRecord(header);
        try (ReportData.VisitCursor visits = reader.visitCursor(markers)) {
            List<Object> row = new ArrayList<>(header.size());
            for (VisitRow v = visits.next(); v != null; v = visits.next()) {
                row.clear();
                row.add(text(v.subject()));
                row.add(text(v.arm()));
                row.add(text(v.site()));
                row.add(v.visitNumber().toPlainString());
                row.add(text(v.visit()));
                row.add(text(v.date()));
                row.add(v.studyDay() == null ? "" : v.studyDay());
                for (double value : v.values()) {
                    row.add(number(value));
                }
                csv.printRecord(row);
            }
        }
    }

    private void responses(CSVPrinter csv) throws IOException, SQLException {
        csv.printRecord("Subject", "Site", "Arm", "Visit number", "Visit", "Date", "Study day", "Test", "Response",
                "Evaluator", "Review");
        try (ReportReader.Cursor c = reader.query("select s.usubjid, si.code, a.code, v.visit_number, v.name,"
                + " x.assessed_on, s.first_dose_date, x.test_code, x.response, x.evaluator, x.review_status"
                + " from response_assessment x join subject s on s.id = x.subject_id join visit v on v.id = x.visit_id"
                + " join site si on si.id = s.site_id join arm a on a.id = s.arm_id where" + reader.filter()
                + reader.upToCutoff("x.assessed_on") + " order by s.id, x.assessed_on, x.seq, x.id")) {
            while (c.next()) {
                ResultSet r = c.rs;
                csv.printRecord(text(r.getString(1)), text(r.getString(2)), text(r.getString(3)),
                        plain(r.getBigDecimal(4)), text(r.getString(5)), date(r, 6), studyDay(r, 7, 6),
                        text(r.getString(8)), text(r.getString(9)), text(r.getString(10)), text(r.getString(11)));
            }
        }
    }

    private void adverseEvents(CSVPrinter csv) throws IOException, SQLException {
        List<String> header = new ArrayList<>(List.of("Subject", "Site", "Arm", "Sequence", "Term (coded)"));
        if (!scope.pseudonymised()) {
            header.add("Verbatim term");
        }
        header.addAll(List.of("CTCAE grade", "Serious", "Related", "Start date", "End date", "Study day of onset"));
        csv.printRecord(header);
        try (ReportReader.Cursor c = reader.query("select s.usubjid, si.code, a.code, x.seq, x.decoded_term, x.term,"
                + " x.grade, x.serious, x.related, x.start_date, x.end_date, s.first_dose_date from adverse_event x"
                + " join subject s on s.id = x.subject_id join site si on si.id = s.site_id"
                + " join arm a on a.id = s.arm_id where" + reader.filter() + reader.upToCutoff("x.start_date")
                + " order by s.id, x.seq, x.id")) {
            while (c.next()) {
                ResultSet r = c.rs;
                List<Object> row = new ArrayList<>(List.of(text(r.getString(1)), text(r.getString(2)),
                        text(r.getString(3)), integer(r, 4), r.getString(5) == null ? NOT_CODED : text(r.getString(5))));
                if (!scope.pseudonymised()) {
                    row.add(text(r.getString(6)));
                }
                row.addAll(List.of(r.getInt(7), r.getBoolean(8) ? "Y" : "N", r.getBoolean(9) ? "Y" : "N", date(r, 10),
                        date(r, 11), studyDay(r, 12, 10)));
                csv.printRecord(row);
            }
        }
    }

    /** A date column, blank when missing or after the cut-off (not yet known at the cut-off). */
    private String date(ResultSet r, int column) throws SQLException {
        LocalDate d = ReportReader.localDate(r.getDate(column));
        return d == null || Outcomes.after(d, scope.cutoff()) ? "" : d.toString();
    }

    private static Object studyDay(ResultSet r, int firstDoseColumn, int dateColumn) throws SQLException {
        LocalDate firstDose = ReportReader.localDate(r.getDate(firstDoseColumn));
        LocalDate date = ReportReader.localDate(r.getDate(dateColumn));
        return firstDose == null || date == null ? "" : StudyDay.of(firstDose, date);
    }

    private static Object integer(ResultSet r, int column) throws SQLException {
        int v = r.getInt(column);
        return r.wasNull() ? "" : v;
    }

    /**
     * A text cell: empty when missing, and defused when a spreadsheet would run it as a formula
     * (free text such as adverse event terms comes from people and imports). Numbers never pass
     * through here, so a negative number stays a number.
     */
    private static String text(Object value) {
        return value == null ? "" : SpreadsheetText.defused(value.toString());
    }

    private static String plain(BigDecimal number) {
        return number == null ? "" : number.stripTrailingZeros().toPlainString();
    }

    static String number(double value) {
        return Decimals.plain(value);
    }

    static String number(Double value) {
        return value == null ? "" : Decimals.plain(value);
    }
}
