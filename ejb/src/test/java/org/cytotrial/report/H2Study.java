package org.cytotrial.report;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cytotrial.study.ResponseCriteria;
import org.cytotrial.testing.H2Schema;

/**
 * A demo study written with plain SQL into a fresh in-memory H2 database migrated by the real
 * migrations: what the report reader's queries run against in unit tests. Only the columns the
 * reports read are filled; visit dates are the earliest date recorded at the visit, as the
 * importer does.
 */
final class H2Study {

    final Connection connection;
    final long studyId;
    final String code;
    final DemoReportData demo;
    private long nextId = 1000;

    private H2Study(Connection connection, long studyId, String code, DemoReportData demo) {
        this.connection = connection;
        this.studyId = studyId;
        this.code = code;
        this.demo = demo;
    }

    static H2Study load(String study) throws IOException, SQLException {
        String url = H2Schema.migrate("report-" + study + "-" + System.nanoTime());
        Connection c = DriverManager.getConnection(url, "sa", "");
        DemoReportData demo = new DemoReportData(study);
        H2Study h2 = new H2Study(c, 1, study, demo);
        h2.write();
        return h2;
    }

    /** The scope over everything, as DemoReportData builds it, with this database's ids. */
    ReportScope scope(LocalDate cutoff) throws SQLException {
        return scope(cutoff, true);
    }

    /** The scope over everything; not pseudonymised is the view of an administrator, investigator or monitor. */
    ReportScope scope(LocalDate cutoff, boolean pseudonymised) throws SQLException {
        ReportScope demoScope = demo.scope(cutoff);
        List<ReportScope.ArmRef> arms = new ArrayList<>();
        for (ReportScope.ArmRef a : demoScope.arms()) {
            arms.add(new ReportScope.ArmRef(armIds.get(a.code()), a.code(), a.name()));
        }
        List<ReportScope.SiteRef> sites = new ArrayList<>();
        for (ReportScope.SiteRef s : demoScope.sites()) {
            sites.add(new ReportScope.SiteRef(siteIds.get(s.code()), s.code(), s.name()));
        }
        return new ReportScope(studyId, code, demoScope.title(), demoScope.criteria(), demoScope.sdMinDays(),
                demoScope.mrLowPercent(), arms, true, sites, true, cutoff, pseudonymised, "test");
    }

    private final Map<String, Long> armIds = new LinkedHashMap<>();
    private final Map<String, Long> siteIds = new LinkedHashMap<>();
    private final Map<String, Long> subjectIds = new LinkedHashMap<>();
    private final Map<String, Long> visitIds = new HashMap<>();
    private final Map<String, LocalDate> visitDates = new HashMap<>();
    private final Map<String, String> visitNames = new HashMap<>();
    private final Map<String, Long> lesionIds = new HashMap<>();

    private void write() throws IOException, SQLException {
        Map<String, String> ts = demo.parameters;
        ResponseCriteria criteria = demo.criteria();
        exec("insert into study (id, code, title, response_criteria, sd_min_days, mr_low_percent, status, created_at)"
                + " values (?, ?, ?, ?, ?, ?, 'ACTIVE', ?)", studyId, code, ts.get("TITLE"), criteria.name(),
                ts.containsKey("SDMINDY") ? Integer.parseInt(ts.get("SDMINDY")) : 42,
                ts.containsKey("MRLOWPCT") ? Double.valueOf(ts.get("MRLOWPCT")) : null,
                new Timestamp(System.currentTimeMillis()));
        List<CSVRecord> dm = read("DM.csv");
        for (CSVRecord r : dm) {
            siteIds.computeIfAbsent(r.get("SITEID"), k -> {
                long id = id();
                exec("insert into site (id, code, name) values (?, ?, ?)", id, k, k);
                exec("insert into study_site (study_id, site_id) values (?, ?)", studyId, id);
                return id;
            });
            armIds.computeIfAbsent(r.get("ARMCD"), k -> {
                long id = id();
                exec("insert into arm (id, study_id, code, name) values (?, ?, ?, ?)", id, studyId, k, r.get("ARM"));
                return id;
            });
        }
        for (CSVRecord r : dm) {
            long id = id();
            subjectIds.put(r.get("USUBJID"), id);
            exec("insert into subject (id, study_id, usubjid, site_id, arm_id, first_dose_date, death_date, death_flag,"
                    + " age, sex) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, studyId, r.get("USUBJID"),
                    siteIds.get(r.get("SITEID")), armIds.get(r.get("ARMCD")), date(r.get("RFSTDTC")),
                    date(r.get("DTHDTC")), !r.get("DTHDTC").isBlank(), Integer.parseInt(r.get("AGE")), r.get("SEX"));
        }
        // visits: every (subject, VISITNUM) of any domain, dated by its earliest record
        for (String domain : List.of("LB", "RS", "TU", "TR")) {
            for (CSVRecord r : read(domain + ".csv")) {
                String key = r.get("USUBJID") + "/" + new BigDecimal(r.get("VISITNUM")).stripTrailingZeros();
                LocalDate d = LocalDate.parse(r.get(domain + "DTC").substring(0, 10));
                visitDates.merge(key, d, (a, b) -> a.isBefore(b) ? a : b);
                visitNames.putIfAbsent(key, r.get("VISIT"));
            }
        }
        for (Map.Entry<String, LocalDate> v : visitDates.entrySet()) {
            long id = id();
            visitIds.put(v.getKey(), id);
            String[] key = v.getKey().split("/");
            exec("insert into visit (id, subject_id, visit_number, name, visit_date, status) values (?, ?, ?, ?, ?, 'DONE')",
                    id, subjectIds.get(key[0]), new BigDecimal(key[1]), visitNames.get(v.getKey()), date(v.getValue()));
        }
        for (CSVRecord r : read("LB.csv")) {
            String test = r.get("LBTESTCD");
            double factor = org.cytotrial.testing.H2Schema.catalogue().find(test)
                    .flatMap(m -> m.factorFor(r.get("LBORRESU"))).orElseThrow();
            exec("insert into lab_result (id, subject_id, visit_id, seq, test_code, test_name, original_value,"
                    + " original_unit, standard_value, standard_unit, collected_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?)", id(), subjectIds.get(r.get("USUBJID")), visit(r), Integer.parseInt(r.get("LBSEQ")),
                    test, r.get("LBTEST"), r.get("LBORRES"), r.get("LBORRESU"),
                    Double.parseDouble(r.get("LBORRES")) * factor, r.get("LBORRESU"), date(r.get("LBDTC")));
        }
        for (CSVRecord r : read("RS.csv")) {
            exec("insert into response_assessment (id, subject_id, visit_id, seq, test_code, test_name, response,"
                    + " evaluator, assessed_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", id(),
                    subjectIds.get(r.get("USUBJID")), visit(r), Integer.parseInt(r.get("RSSEQ")), r.get("RSTESTCD"),
                    r.get("RSTEST"), r.get("RSORRES"), r.get("RSEVAL"), date(r.get("RSDTC")));
        }
        for (CSVRecord r : read("TU.csv")) {
            long id = id();
            lesionIds.put(r.get("USUBJID") + "/" + r.get("TULNKID"), id);
            String kind = switch (r.get("TUORRES")) {
                case "TARGET" -> "TARGET";
                case "NEW" -> "NEW";
                default -> "NON_TARGET";
            };
            exec("insert into lesion (id, subject_id, link_id, seq, kind, location, nodal, identified_visit_id,"
                    + " identified_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, subjectIds.get(r.get("USUBJID")),
                    r.get("TULNKID"), Integer.parseInt(r.get("TUSEQ")), kind, r.get("TULOC"),
                    r.get("TULOC").equals("LYMPH NODE"), visit(r), date(r.get("TUDTC")));
        }
        for (CSVRecord r : read("TR.csv")) {
            exec("insert into lesion_measurement (id, lesion_id, visit_id, seq, test_code, test_name, original_value,"
                    + " original_unit, diameter_mm, measured_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id(),
                    lesionIds.get(r.get("USUBJID") + "/" + r.get("TRLNKID")), visit(r), Integer.parseInt(r.get("TRSEQ")),
                    r.get("TRTESTCD"), r.get("TRTEST"), r.get("TRORRES"), r.get("TRORRESU"),
                    r.get("TRORRES").isBlank() ? null : Double.valueOf(r.get("TRORRES")), date(r.get("TRDTC")));
        }
        for (CSVRecord r : read("AE.csv")) {
            exec("insert into adverse_event (id, subject_id, seq, term, decoded_term, grade, serious, related, start_date,"
                    + " end_date) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id(), subjectIds.get(r.get("USUBJID")),
                    Integer.parseInt(r.get("AESEQ")), r.get("AETERM"), r.get("AEDECOD"),
                    Integer.parseInt(r.get("AETOXGR")), r.get("AESER").equals("Y"), r.get("AEREL").equals("Y"),
                    date(r.get("AESTDTC")), date(r.get("AEENDTC")));
        }
    }

    private long visit(CSVRecord r) {
        return visitIds.get(r.get("USUBJID") + "/" + new BigDecimal(r.get("VISITNUM")).stripTrailingZeros());
    }

    private long id() {
        return nextId++;
    }

    private void exec(String sql, Object... values) {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private List<CSVRecord> read(String file) throws IOException {
        Path p = demo.dir.resolve(file);
        if (!Files.exists(p)) {
            return List.of();
        }
        try (Reader in = Files.newBufferedReader(p, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            return parser.getRecords();
        }
    }

    private static Date date(String iso) {
        return iso == null || iso.isBlank() ? null : Date.valueOf(LocalDate.parse(iso.substring(0, 10)));
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    int count(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
