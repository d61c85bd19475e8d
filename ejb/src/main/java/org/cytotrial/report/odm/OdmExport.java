package org.cytotrial.report.odm;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamException;
import org.cytotrial.report.MarkerColumn;
import org.cytotrial.report.ReportReader;
import org.cytotrial.report.ReportScope;
import org.cytotrial.study.ResponseCriteria;

/**
 * Reads a study (in the report's scope, up to its cut-off) and writes it as ODM: six cursors in
 * subject order (subjects, adverse events, visits, results, tumour measurements, responses)
 * merged one subject at a time.
 */
public final class OdmExport {

    private final ReportReader reader;
    private final ReportScope scope;
    private final String softwareVersion;

    public OdmExport(ReportReader reader, ReportScope scope, String softwareVersion) {
        this.reader = reader;
        this.scope = scope;
        this.softwareVersion = softwareVersion;
    }

    public void write(OutputStream out, Instant created) throws SQLException, IOException {
        List<MarkerColumn> markers = reader.markerColumns(reader.testsInScope());
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < markers.size(); i++) {
            column.put(markers.get(i).code(), i);
        }
        boolean tumours = scope.criteria() == ResponseCriteria.RECIST_1_1;
        String f = reader.filter();
        try {
            OdmWriter odm = new OdmWriter(out);
            odm.begin(new OdmWriter.StudyInfo(scope.studyCode(), scope.title(), null, visits(), markers, tumours,
                    !scope.pseudonymised()), created, softwareVersion, description());
            try (ReportReader.Cursor subjects = reader.query("select s.id, s.usubjid, si.code, a.code, s.sex, s.age,"
                    + " s.age_unit, s.country, s.first_dose_date, s.end_date, s.death_date from subject s"
                    + " join site si on si.id = s.site_id join arm a on a.id = s.arm_id where" + f + " order by s.id");
                    ReportReader.Cursor events = reader.query("select x.subject_id, x.seq, x.decoded_term, x.term,"
                            + " x.grade, x.serious, x.related, x.start_date, x.end_date from adverse_event x"
                            + " join subject s on s.id = x.subject_id where" + f + reader.upToCutoff("x.start_date")
                            + " order by x.subject_id, x.seq, x.id");
                    ReportReader.Cursor visits = reader.query("select v.subject_id, v.id, v.visit_number, v.visit_date"
                            + " from visit v join subject s on s.id = v.subject_id where" + f
                            + reader.upToCutoff("v.visit_date") + " order by v.subject_id, v.visit_number");
                    ReportReader.Cursor results = reader.query("select r.subject_id, r.visit_id, r.test_code,"
                            + " r.standard_value from lab_result r join visit v on v.id = r.visit_id"
                            + " join subject s on s.id = r.subject_id where" + f
                            + reader.upToCutoff("coalesce(r.collected_on, v.visit_date)") + " order by r.subject_id");
                    ReportReader.Cursor lesions = reader.query("select l.subject_id, m.visit_id, l.link_id, m.test_code,"
                            + " m.original_value, m.original_unit, m.measured_on from lesion_measurement m"
                            + " join lesion l on l.id = m.lesion_id join visit v on v.id = m.visit_id"
                            + " join subject s on s.id = l.subject_id where" + f + (tumours ? "" : " and 1 = 0")
                            + reader.upToCutoff("coalesce(m.measured_on, v.visit_date)")
                            + " order by l.subject_id, m.seq, m.id");
                    ReportReader.Cursor responses = reader.query("select x.subject_id, x.visit_id, x.test_code,"
                            + " x.response, x.evaluator, x.assessed_on from response_assessment x"
                            + " join subject s on s.id = x.subject_id where" + f + reader.upToCutoff("x.assessed_on")
                            + " order by x.subject_id, x.assessed_on, x.seq, x.id")) {
                while (subjects.next()) {
                    odm.subject(subject(subjects.rs(), events, visits, results, lesions, responses, column,
                            markers.size()));
                }
            }
            odm.end();
        } catch (XMLStreamException e) {
            throw new IOException("Writing ODM failed: " + e.getMessage(), e);
        }
    }

    private String description() {
        return "Study " + scope.studyCode() + ", arms " + String.join(", ", scope.armCodes()) + ", sites "
                + String.join(", ", scope.siteCodes()) + (scope.cutoff() == null ? ", all data"
                        : ", data up to the cut-off " + scope.cutoff())
                + (scope.pseudonymised() ? "; pseudonymised (coded terms only)" : "");
    }

    /** The study's visit numbers with data in scope, named as the schedule names them (else as the data do). */
    private List<OdmWriter.VisitEvent> visits() throws SQLException {
        Map<BigDecimal, String> scheduled = new HashMap<>();
        try (ReportReader.Cursor c = reader.query("select visit_number, name from visit_definition where study_id = "
                + scope.studyId())) {
            while (c.next()) {
                scheduled.put(c.rs().getBigDecimal(1).stripTrailingZeros(), c.rs().getString(2));
            }
        }
        List<OdmWriter.VisitEvent> events = new ArrayList<>();
        try (ReportReader.Cursor c = reader.query("select v.visit_number, min(v.name) from visit v"
                + " join subject s on s.id = v.subject_id where" + reader.filter() + reader.upToCutoff("v.visit_date")
                + " group by v.visit_number order by v.visit_number")) {
            while (c.next()) {
                BigDecimal number = c.rs().getBigDecimal(1).stripTrailingZeros();
                events.add(new OdmWriter.VisitEvent(number, scheduled.getOrDefault(number, c.rs().getString(2))));
            }
        }
        return events;
    }

    private OdmWriter.SubjectRecord subject(ResultSet s, ReportReader.Cursor events, ReportReader.Cursor visits,
            ReportReader.Cursor results, ReportReader.Cursor lesions, ReportReader.Cursor responses,
            Map<String, Integer> column, int width) throws SQLException {
        long id = s.getLong(1);
        Map<String, String> dm = new LinkedHashMap<>();
        dm.put("SITEID", s.getString(3));
        dm.put("ARMCD", s.getString(4));
        dm.put("SEX", s.getString(5));
        int age = s.getInt(6);
        dm.put("AGE", s.wasNull() ? null : Integer.toString(age));
        dm.put("AGEU", s.getString(7));
        dm.put("COUNTRY", s.getString(8));
        dm.put("RFSTDTC", date(s, 9));
        dm.put("RFENDTC", date(s, 10));
        dm.put("DTHDTC", date(s, 11));

        List<OdmWriter.AdverseEventRecord> aes = new ArrayList<>();
        while (events.at(id)) {
            ResultSet e = events.rs();
            aes.add(new OdmWriter.AdverseEventRecord(e.getInt(2), e.getString(3) == null ? "[not coded]"
                    : e.getString(3), e.getString(4), e.getInt(5), e.getBoolean(6), e.getBoolean(7),
                    localDate(e, 8), localDate(e, 9)));
            events.advance();
        }

        Map<Long, VisitData> byId = new LinkedHashMap<>();
        while (visits.at(id)) {
            ResultSet v = visits.rs();
            double[] values = new double[width];
            Arrays.fill(values, Double.NaN);
            byId.put(v.getLong(2), new VisitData(v.getBigDecimal(3), localDate(v, 4), values, new ArrayList<>(),
                    new ArrayList<>()));
            visits.advance();
        }
        while (results.at(id)) {
            VisitData v = byId.get(results.rs().getLong(2));
            Integer c = column.get(results.rs().getString(3));
            if (v != null && c != null) {
                v.values[c] = results.rs().getDouble(4);
            }
            results.advance();
        }
        while (lesions.at(id)) {
            ResultSet l = lesions.rs();
            VisitData v = byId.get(l.getLong(2));
            if (v != null) {
                v.tumours.add(new OdmWriter.TumourRecord(l.getString(3), l.getString(4), l.getString(5),
                        l.getString(6), localDate(l, 7)));
            }
            lesions.advance();
        }
        while (responses.at(id)) {
            ResultSet r = responses.rs();
            VisitData v = byId.get(r.getLong(2));
            if (v != null) {
                v.responses.add(new OdmWriter.ResponseRecord(r.getString(3), r.getString(4), r.getString(5),
                        localDate(r, 6)));
            }
            responses.advance();
        }
        TreeMap<BigDecimal, OdmWriter.VisitRecord> ordered = new TreeMap<>();
        for (VisitData v : byId.values()) {
            ordered.put(v.number, new OdmWriter.VisitRecord(v.number, v.date, v.values, v.tumours, v.responses));
        }
        return new OdmWriter.SubjectRecord(s.getString(2), dm, aes, List.copyOf(ordered.values()));
    }

    private record VisitData(BigDecimal number, LocalDate date, double[] values, List<OdmWriter.TumourRecord> tumours,
            List<OdmWriter.ResponseRecord> responses) {
    }

    private String date(ResultSet rs, int column) throws SQLException {
        LocalDate d = localDate(rs, column);
        return d == null || (scope.cutoff() != null && d.isAfter(scope.cutoff())) ? null : d.toString();
    }

    private LocalDate localDate(ResultSet rs, int column) throws SQLException {
        java.sql.Date d = rs.getDate(column);
        LocalDate date = d == null ? null : d.toLocalDate();
        return date == null || (scope.cutoff() != null && date.isAfter(scope.cutoff())) ? null : date;
    }
}
