package org.cytotrial.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.cytotrial.response.LesionKind;

/**
 * Writes a study as a zip of SDTM CSV files, streaming every query (memory does not grow with
 * the study). Rows come out in the order they went in (subjects in enrolment order, then each
 * domain's sequence number), with values as entered, so that importing an export and exporting
 * again gives identical files. LB also carries the standardised value and unit.
 *
 * <p>Lines end with LF, as the demo files do; quoting is minimal (RFC 4180 otherwise).
 * Pseudonymised exports (for sponsors) replace free text that could identify a person (AE and
 * DS verbatim terms) by the coded term.
 */
public final class SdtmExporter {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setRecordSeparator("\n")
            .setQuoteMode(QuoteMode.MINIMAL)
            .get();

    private static final MathContext STANDARD_DIGITS = new MathContext(10);

    private final Connection connection;
    private final long studyId;
    private final String studyCode;
    private final boolean pseudonymised;
    private final String siteCondition;

    /**
     * @param visibleSiteIds the sites whose subjects to export; null for all
     */
    public SdtmExporter(Connection connection, long studyId, String studyCode, boolean pseudonymised,
            Set<Long> visibleSiteIds) {
        this.connection = connection;
        this.studyId = studyId;
        this.studyCode = studyCode;
        this.pseudonymised = pseudonymised;
        this.siteCondition = visibleSiteIds == null ? ""
                : visibleSiteIds.isEmpty() ? " and 1 = 0"
                : " and s.site_id in (" + String.join(",", visibleSiteIds.stream().map(String::valueOf).toList()) + ")";
    }

    public void write(OutputStream out) throws SQLException, IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        for (SdtmDomain domain : List.of(SdtmDomain.TS, SdtmDomain.DM, SdtmDomain.EX, SdtmDomain.TU, SdtmDomain.TR,
                SdtmDomain.RS, SdtmDomain.DS, SdtmDomain.AE, SdtmDomain.LB)) {
            writeDomain(zip, domain);
        }
        zip.finish();
    }

    private void writeDomain(ZipOutputStream zip, SdtmDomain domain) throws SQLException, IOException {
        boolean always = domain == SdtmDomain.TS || domain == SdtmDomain.DM;
        try (PreparedStatement statement = connection.prepareStatement(query(domain))) {
            statement.setFetchSize(1000);
            statement.setLong(1, studyId);
            try (ResultSet rs = statement.executeQuery()) {
                CSVPrinter printer = null;
                while (rs.next()) {
                    if (printer == null) {
                        printer = open(zip, domain);
                    }
                    printer.printRecord(values(domain, rs));
                }
                if (printer == null && always) {
                    printer = open(zip, domain);
                }
                if (printer != null) {
                    printer.flush();
                    zip.closeEntry();
                }
            }
        }
    }

    private CSVPrinter open(ZipOutputStream zip, SdtmDomain domain) throws IOException {
        zip.putNextEntry(new ZipEntry(domain.fileName()));
        Writer writer = new OutputStreamWriter(CloseShieldOutputStream.wrap(zip), StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, FORMAT);
        printer.printRecord(domain.columns());
        return printer;
    }

    private String query(SdtmDomain domain) {
        String subjects = " from subject s join study st on st.id = s.study_id ";
        String visit = " join visit v on v.id = x.visit_id ";
        String where = " where s.study_id = ?" + siteCondition;
        return switch (domain) {
            case TS -> "select seq, code, name, val from study_parameter where study_id = ? order by position";
            case DM -> "select s.usubjid, s.subjid, si.code as site, s.consent_date, s.first_dose_date, s.end_date,"
                    + " s.death_date, s.death_flag, s.age, s.age_unit, s.sex, a.code as armcd, a.name as arm, s.country"
                    + subjects + " join site si on si.id = s.site_id left join arm a on a.id = s.arm_id" + where
                    + " order by s.id";
            case EX -> "select s.usubjid, x.seq, x.treatment, x.dose, x.dose_unit, x.frequency, x.route, x.start_date,"
                    + " x.end_date from exposure x join subject s on s.id = x.subject_id" + where
                    + " order by s.id, x.seq, x.id";
            case TU -> "select s.usubjid, x.seq, x.link_id, x.kind, x.location, v.visit_number, v.name as visit,"
                    + " x.identified_on from lesion x join subject s on s.id = x.subject_id"
                    + " join visit v on v.id = x.identified_visit_id" + where + " order by s.id, x.seq, x.id";
            case TR -> "select s.usubjid, x.seq, l.link_id, x.test_code, x.test_name, x.original_value,"
                    + " x.original_unit, v.visit_number, v.name as visit, x.measured_on from lesion_measurement x"
                    + " join lesion l on l.id = x.lesion_id join subject s on s.id = l.subject_id" + visit + where
                    + " order by s.id, x.seq, x.id";
            case RS -> "select s.usubjid, x.seq, x.test_code, x.test_name, x.response, x.evaluator,"
                    + " v.visit_number, v.name as visit, x.assessed_on from response_assessment x"
                    + " join subject s on s.id = x.subject_id" + visit + where + " order by s.id, x.seq, x.id";
            case DS -> "select s.usubjid, x.seq, x.term, x.decoded_term, x.category, x.event_date"
                    + " from disposition_event x join subject s on s.id = x.subject_id" + where
                    + " order by s.id, x.seq, x.id";
            case AE -> "select s.usubjid, x.seq, x.term, x.decoded_term, x.grade, x.serious, x.related,"
                    + " x.start_date, x.end_date from adverse_event x join subject s on s.id = x.subject_id" + where
                    + " order by s.id, x.seq, x.id";
            case LB -> "select s.usubjid, x.seq, x.test_code, x.test_name, x.category, x.original_value,"
                    + " x.original_unit, v.visit_number, v.name as visit, x.collected_on, x.standard_value,"
                    + " x.standard_unit from lab_result x join subject s on s.id = x.subject_id" + visit + where
                    + " and x.derived = false order by s.id, x.seq, x.id";
        };
    }

    private List<Object> values(SdtmDomain domain, ResultSet rs) throws SQLException {
        String d = domain.name();
        return switch (domain) {
            case TS -> List.of(studyCode, d, rs.getInt("seq"), rs.getString("code"), rs.getString("name"),
                    rs.getString("val"));
            case DM -> list(studyCode, d, rs.getString("usubjid"), rs.getString("subjid"), rs.getString("site"),
                    date(rs, "consent_date"), date(rs, "first_dose_date"), date(rs, "end_date"),
                    date(rs, "death_date"), rs.getBoolean("death_flag") ? "Y" : "", integer(rs, "age"),
                    rs.getString("age_unit"), rs.getString("sex"), rs.getString("armcd"), rs.getString("arm"),
                    rs.getString("country"));
            case EX -> list(studyCode, d, rs.getString("usubjid"), integer(rs, "seq"), rs.getString("treatment"),
                    rs.getString("dose"), rs.getString("dose_unit"), rs.getString("frequency"), rs.getString("route"),
                    date(rs, "start_date"), date(rs, "end_date"));
            case TU -> list(studyCode, d, rs.getString("usubjid"), integer(rs, "seq"), rs.getString("link_id"),
                    "TUMIDENT", "Tumor Identification", LesionKind.valueOf(rs.getString("kind")).sdtmValue(),
                    rs.getString("location"), visitNumber(rs), rs.getString("visit"), date(rs, "identified_on"));
            case TR -> list(studyCode, d, rs.getString("usubjid"), integer(rs, "seq"), rs.getString("link_id"),
                    rs.getString("test_code"), rs.getString("test_name"), rs.getString("original_value"),
                    rs.getString("original_unit"), visitNumber(rs), rs.getString("visit"), date(rs, "measured_on"));
            case RS -> list(studyCode, d, rs.getString("usubjid"), integer(rs, "seq"), rs.getString("test_code"),
                    rs.getString("test_name"), rs.getString("response"), rs.getString("evaluator"), visitNumber(rs),
                    rs.getString("visit"), date(rs, "assessed_on"));
            case DS -> list(studyCode, d, rs.getString("usubjid"), integer(rs, "seq"),
                    pseudonymised ? rs.getString("decoded_term") : rs.getString("term"), rs.getString("decoded_term"),
                    rs.getString("category"), date(rs, "event_date"));
            case AE -> list(studyCode, d, rs.getString("usubjid"), integer(rs, "seq"),
                    pseudonymised ? coded(rs.getString("decoded_term")) : rs.getString("term"),
                    rs.getString("decoded_term"), integer(rs, "grade"), rs.getBoolean("serious") ? "Y" : "N",
                    rs.getBoolean("related") ? "Y" : "N", date(rs, "start_date"), date(rs, "end_date"));
            case LB -> list(studyCode, d, rs.getString("usubjid"), integer(rs, "seq"), rs.getString("test_code"),
                    rs.getString("test_name"), rs.getString("category"), rs.getString("original_value"),
                    rs.getString("original_unit"), visitNumber(rs), rs.getString("visit"), date(rs, "collected_on"),
                    standardNumber(rs.getDouble("standard_value")), rs.getString("standard_unit"));
        };
    }

    private static String coded(String decoded) {
        return decoded == null ? "[not coded]" : decoded;
    }

    private static List<Object> list(Object... values) {
        java.util.ArrayList<Object> list = new java.util.ArrayList<>(values.length);
        for (Object v : values) {
            list.add(v == null ? "" : v);
        }
        return list;
    }

    private static String date(ResultSet rs, String column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? "" : date.toLocalDate().toString();
    }

    private static String integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? "" : Integer.toString(value);
    }

    private static String visitNumber(ResultSet rs) throws SQLException {
        BigDecimal number = rs.getBigDecimal("visit_number");
        return number == null ? "" : number.stripTrailingZeros().toPlainString();
    }

    /** Ten significant digits: enough for any lab value, without binary noise (102.69999999999999). */
    static String standardNumber(double value) {
        return new BigDecimal(value).round(STANDARD_DIGITS).stripTrailingZeros().toPlainString();
    }

}
