package org.cytotrial.report;

import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.cytotrial.analysis.MarkerObservation;
import org.cytotrial.analysis.MarkerSummarizer;
import org.cytotrial.analysis.MarkerSummary;
import org.cytotrial.analysis.StudyDay;
import org.cytotrial.response.DatedResponse;
import org.cytotrial.response.MProteinMeasurement;
import org.cytotrial.response.NonTargetStatus;
import org.cytotrial.response.ResponseAssessment;
import org.cytotrial.response.ResponseCategory;
import org.cytotrial.response.TumourAssessment;
import org.cytotrial.study.ResponseCriteria;

/**
 * Reads what a report needs with streaming queries (forward-only cursors with a fetch size), so
 * that memory depends on the number of subjects at most, never on visits x markers. Every query
 * applies the same filter (study, arms, sites) and the cut-off; the caller runs them all in one
 * read-only, repeatable-read transaction so the report is one consistent snapshot.
 *
 * <p>Per-subject data come from several cursors ordered by subject id and merged, rather than
 * from one join that would repeat every subject column on every row.
 */
public final class ReportReader {

    static final int FETCH_SIZE = 2_000;

    private final Connection connection;
    private final ReportScope scope;
    private final String filter;

    public ReportReader(Connection connection, ReportScope scope) {
        this.connection = connection;
        this.scope = scope;
        this.filter = " s.study_id = " + scope.studyId() + " and s.arm_id " + in(scope.arms().stream()
                .map(ReportScope.ArmRef::id).toList()) + " and s.site_id " + in(scope.sites().stream()
                .map(ReportScope.SiteRef::id).toList());
    }

    private static String in(List<Long> ids) {
        return ids.isEmpty() ? "in (-1)" : "in (" + ids.stream().map(String::valueOf).collect(Collectors.joining(","))
                + ")";
    }

    /** The subject filter of every query: study, arms, sites (on alias {@code s}). */
    public String filter() {
        return filter;
    }

    public Cursor query(String sql) throws SQLException {
        return new Cursor(sql);
    }

    /** Marker codes with results in scope (up to the cut-off). */
    public Set<String> testsInScope() throws SQLException {
        Set<String> tests = new HashSet<>();
        try (Cursor c = new Cursor("select distinct r.test_code from lab_result r join visit v on v.id = r.visit_id"
                + " join subject s on s.id = r.subject_id where" + filter
                + upToCutoff("coalesce(r.collected_on, v.visit_date)"))) {
            while (c.next()) {
                tests.add(c.rs.getString(1));
            }
        }
        return tests;
    }

    /** {@code and <column> <= cut-off}, nothing without a cut-off; a null date never passes a cut-off. */
    public String upToCutoff(String column) {
        return scope.cutoff() == null ? "" : " and " + column + " <= date '" + scope.cutoff() + "'";
    }

    /** Reads everything but the subject-visits, which {@link ReportData#visits()} streams later. */
    public ReportData read(ReportProgress progress, Instant generatedAt, String softwareVersion) throws SQLException {
        progress.step("Subjects, responses and measurements", 0, 15, subjectCount());
        List<SubjectOutcome> outcomes = outcomes(progress);
        progress.step("Counting visits", 15, 16, 1);
        long visits = visitCount();
        progress.step("Marker summaries", 16, 30, 1);
        List<MarkerSummary> summaries = new ArrayList<>();
        List<MarkerColumn> catalogue = markerColumns(null);
        long allVisits = scope.cutoff() == null ? visits : allVisitCount();
        if (allVisits * catalogue.size() <= IN_MEMORY_RESULTS) {
            // one read of the visits with their results serves the marker summaries and the Visits rows
            VisitMatrix matrix = VisitMatrix.read(this, catalogue, allVisits);
            matrix.summarize(summaries::add);
            List<MarkerColumn> markers = matrix.markers();
            progress.step("Adverse events", 30, 35, 1);
            return data(outcomes, visits, markers, summaries, () -> matrix.visits(markers), generatedAt,
                    softwareVersion);
        }
        Set<String> tests = new HashSet<>();
        markerSummariesSorted(summaries::add, tests);
        List<MarkerColumn> markers = markerColumns(tests);
        progress.step("Adverse events", 30, 35, 1);
        return data(outcomes, visits, markers, summaries, () -> visitCursor(markers), generatedAt, softwareVersion);
    }

    private ReportData data(List<SubjectOutcome> outcomes, long visits, List<MarkerColumn> markers,
            List<MarkerSummary> summaries, ReportData.VisitSource source, Instant generatedAt, String version)
            throws SQLException {
        return new ReportData(scope, Outcomes.arms(scope, outcomes), Outcomes.logRank(scope, outcomes), outcomes,
                markers, summaries, adverseEvents(outcomes), visits, source, generatedAt, version);
    }

    /** Markers in the catalogue: with the visits, an upper bound of the results in scope. */
    private long catalogueSize() throws SQLException {
        try (Cursor c = new Cursor("select count(*) from marker")) {
            c.next();
            return c.rs.getLong(1);
        }
    }

    // --- subjects and their outcomes -----------------------------------------------------------

    /** One per treated subject (as of the cut-off), in enrolment order. */
    public List<SubjectOutcome> outcomes() throws SQLException {
        return outcomes(new ReportProgress());
    }

    private List<SubjectOutcome> outcomes(ReportProgress progress) throws SQLException {
        List<SubjectOutcome> outcomes = new ArrayList<>();
        subjects(s -> {
            progress.advance(1);
            SubjectOutcome o = Outcomes.derive(s, scope);
            if (o != null) {
                outcomes.add(o);
            }
        });
        return outcomes;
    }

    /** Every subject in scope with responses and measurements, in enrolment order, before the cut-off is applied. */
    void subjects(java.util.function.Consumer<Outcomes.SubjectData> sink) throws SQLException {
        boolean imwg = scope.criteria() == ResponseCriteria.IMWG;
        String subjects = "select s.id, s.usubjid, si.code as site, a.code as arm, s.first_dose_date, s.death_date"
                + " from subject s join site si on si.id = s.site_id join arm a on a.id = s.arm_id where" + filter
                + " order by s.id";
        String responses = "select x.subject_id, x.assessed_on, x.response, xv.visit_number from response_assessment x"
                + " join subject s on s.id = x.subject_id join visit xv on xv.id = x.visit_id where" + filter
                + " and x.test_code = 'OVRLRESP'"
                + " and " + ResponseAssessment.byInvestigator("x")
                + " order by x.subject_id, x.assessed_on, xv.visit_number, x.id";
        String measurements = imwg
                ? "select r.subject_id, coalesce(r.collected_on, v.visit_date) as d, r.visit_id, v.visit_number,"
                        + " r.standard_value as measured, r.test_code from lab_result r join visit v on v.id = r.visit_id"
                        + " join subject s on s.id = r.subject_id where" + filter + " and r.test_code = 'MPROT'"
                        + " order by r.subject_id, d, v.visit_number, r.id"
                : "select l.subject_id, coalesce(m.measured_on, v.visit_date) as d, l.link_id, l.nodal,"
                        + " m.diameter_mm as measured, m.test_code from lesion_measurement m join lesion l on l.id = m.lesion_id"
                        + " join visit v on v.id = m.visit_id join subject s on s.id = l.subject_id where" + filter
                        + " and l.kind = 'TARGET' and m.test_code in ('LDIAM', 'SAXIS', 'DIAMETER')"
                        + " order by l.subject_id, d, m.id";
        try (Cursor subject = new Cursor(subjects); Cursor response = new Cursor(responses);
                Cursor measurement = new Cursor(measurements)) {
            while (subject.next()) {
                ResultSet s = subject.rs;
                long id = s.getLong(1);
                List<DatedResponse> rs = new ArrayList<>();
                while (response.at(id)) {
                    Date d = response.rs.getDate(2);
                    if (d != null) {
                        rs.add(new DatedResponse(d.toLocalDate(), ResponseCategory.parse(response.rs.getString(3)),
                                response.rs.getBigDecimal(4)));
                    }
                    response.advance();
                }
                List<TumourAssessment> tumours = new ArrayList<>();
                List<MProteinMeasurement> mProtein = new ArrayList<>();
                TreeMap<LocalDate, Map<String, Double>> scans = new TreeMap<>();
                Map<List<Object>, Integer> preference = new HashMap<>();
                Set<String> nodal = new HashSet<>();
                while (measurement.at(id)) {
                    ResultSet m = measurement.rs;
                    Date d = m.getDate(2);
                    double value = m.getDouble(5);
                    Double v = m.wasNull() ? null : value;
                    if (d != null) {
                        if (imwg) {
                            mProtein.add(new MProteinMeasurement(d.toLocalDate(), v, m.getLong(3), m.getBigDecimal(4)));
                        } else {
                            // a node is measured by its short axis, any other lesion by its longest diameter
                            String link = m.getString(3);
                            boolean isNode = m.getBoolean(4);
                            String test = m.getString(6);
                            int rank = test.equals(isNode ? "SAXIS" : "LDIAM") ? 3 : test.equals("DIAMETER") ? 2 : 1;
                            Integer previous = preference.put(List.of(d.toLocalDate(), link), rank);
                            if (previous == null || previous < rank) {
                                scans.computeIfAbsent(d.toLocalDate(), k -> new LinkedHashMap<>()).put(link, v);
                            } else {
                                preference.put(List.of(d.toLocalDate(), link), previous);
                            }
                            if (isNode) {
                                nodal.add(link);
                            }
                        }
                    }
                    measurement.advance();
                }
                scans.forEach((date, diameters) -> tumours.add(new TumourAssessment(date, diameters, nodal, false,
                        NonTargetStatus.ABSENT)));
                sink.accept(new Outcomes.SubjectData(s.getString(2), s.getString(4), s.getString(3),
                        localDate(s.getDate(5)), localDate(s.getDate(6)), rs, tumours, mProtein));
            }
        }
    }

    // --- markers ---------------------------------------------------------------------------

    /**
     * Results in scope (as visits x catalogue markers, the cells of {@link VisitMatrix}) up to which
     * they are read once and held, 8 bytes each (8 million are 64 MB; 10,000 subjects x 24 visits
     * x 20 markers are 4.8 million), to give both the marker summaries and the Visits rows; above
     * it, the summaries come from a stream the database sorts and the rows from a second pass, in
     * constant memory but slower. Both ways give the same summaries (the engine's summarizer, or
     * the same arithmetic on the same values) and the same rows.
     */
    public static final long IN_MEMORY_RESULTS = Long.getLong("cytotrial.report.in-memory-results", 8_000_000L);

    /**
     * Marker summaries per arm, marker and visit, by the engine's summarizer: all subjects of the
     * chosen arms and sites count (as in the analytics), with results dated up to the cut-off, in
     * subject (enrolment) order within each arm, marker and visit.
     */
    void markerSummaries(java.util.function.Consumer<MarkerSummary> sink, Set<String> tests, boolean inMemory)
            throws SQLException {
        if (inMemory) {
            VisitMatrix matrix = VisitMatrix.read(this, markerColumns(null), 1024);
            matrix.summarize(sink);
            matrix.markers().forEach(m -> tests.add(m.code()));
        } else {
            markerSummariesSorted(sink, tests);
        }
    }

    private String markerRows() {
        return "select s.arm_id, r.test_code, cast(v.visit_number as double precision), v.name, r.subject_id,"
                + " r.standard_value from lab_result r join visit v on v.id = r.visit_id"
                + " join subject s on s.id = r.subject_id where" + filter
                + upToCutoff("coalesce(r.collected_on, v.visit_date)");
    }

    /** The database sorts; nothing is held but one visit's values. */
    private void markerSummariesSorted(java.util.function.Consumer<MarkerSummary> sink, Set<String> tests)
            throws SQLException {
        tuneForLargeSort();
        Map<Long, String> arms = armCodes();
        MarkerSummarizer summarizer = new MarkerSummarizer(sink);
        // within a visit, subjects in USUBJID order: the first one's visit name labels the visit
        try (Cursor c = new Cursor(markerRows() + " order by s.arm_id, r.test_code, v.visit_number, s.usubjid")) {
            while (c.next()) {
                ResultSet r = c.rs;
                String test = r.getString(2);
                tests.add(test);
                summarizer.accept(new MarkerObservation(arms.get(r.getLong(1)), test, r.getDouble(3), r.getString(4),
                        Long.toString(r.getLong(5)), r.getDouble(6)));
            }
        }
        summarizer.finish();
    }

    Map<Long, String> armCodes() {
        Map<Long, String> arms = new LinkedHashMap<>();
        scope.arms().forEach(a -> arms.put(a.id(), a.code()));
        return arms;
    }

    LocalDate cutoff() {
        return scope.cutoff();
    }

    /**
     * A large sort on PostgreSQL: enough memory to sort in memory rather than on disk. Local to
     * this read-only transaction; other databases keep their defaults.
     */
    private void tuneForLargeSort() throws SQLException {
        if (isPostgreSql(connection)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local work_mem = '256MB'");
            }
        }
    }

    /**
     * Settings for a report's read-only transaction on PostgreSQL: no JIT compilation, which
     * costs seconds of compile time on these large queries that run once. Local to the transaction.
     */
    public static void tuneTransaction(Connection connection) throws SQLException {
        if (isPostgreSql(connection)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set local jit = off");
            }
        }
    }

    private static boolean isPostgreSql(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    /** The catalogue entries of the given marker codes (null: all), in the catalogue's display order. */
    public List<MarkerColumn> markerColumns(Set<String> codes) throws SQLException {
        List<MarkerColumn> columns = new ArrayList<>();
        try (Cursor c = new Cursor("select code, name, standard_unit from marker order by display_order, code")) {
            while (c.next()) {
                if (codes == null || codes.contains(c.rs.getString(1))) {
                    columns.add(new MarkerColumn(c.rs.getString(1), c.rs.getString(2), c.rs.getString(3)));
                }
            }
        }
        return columns;
    }

    // --- adverse events --------------------------------------------------------------------

    /** Subjects by worst grade per arm and coded term, and for any event, among the treated. */
    List<AdverseEventCount> adverseEvents(List<SubjectOutcome> treated) throws SQLException {
        Map<String, Integer> inArm = new LinkedHashMap<>();
        scope.arms().forEach(a -> inArm.put(a.code(), 0));
        treated.forEach(o -> inArm.merge(o.arm(), 1, Integer::sum));
        String events = " from adverse_event x join subject s on s.id = x.subject_id join arm a on a.id = s.arm_id"
                + " where" + filter + " and s.first_dose_date is not null" + upToCutoff("s.first_dose_date")
                + upToCutoff("x.start_date");
        String term = "coalesce(x.decoded_term, '" + CsvListings.NOT_CODED + "')";
        String byTerm = "select arm, term, worst, count(*) from (select a.code as arm, " + term + " as term,"
                + " max(x.grade) as worst" + events + " group by s.id, a.code, " + term + ") t group by arm, term, worst";
        String any = "select arm, worst, count(*) from (select a.code as arm, max(x.grade) as worst" + events
                + " group by s.id, a.code) t group by arm, worst";
        Map<List<String>, int[]> counts = new LinkedHashMap<>();
        for (String arm : inArm.keySet()) {
            counts.put(List.of(arm, AdverseEventCount.ANY), new int[5]);
        }
        try (Cursor c = new Cursor(any)) {
            while (c.next()) {
                counts.computeIfAbsent(List.of(c.rs.getString(1), AdverseEventCount.ANY), k -> new int[5])[
                        c.rs.getInt(2) - 1] += c.rs.getInt(3);
            }
        }
        try (Cursor c = new Cursor(byTerm)) {
            while (c.next()) {
                counts.computeIfAbsent(List.of(c.rs.getString(1), c.rs.getString(2)), k -> new int[5])[
                        c.rs.getInt(3) - 1] += c.rs.getInt(4);
            }
        }
        List<AdverseEventCount> result = new ArrayList<>();
        counts.forEach((key, grades) -> result.add(new AdverseEventCount(key.get(0), key.get(1),
                inArm.getOrDefault(key.get(0), 0), grades)));
        return result;
    }

    // --- subject-visits ----------------------------------------------------------------------

    /** The USUBJIDs of every subject in scope (arms and sites; treated or not). */
    public Set<String> subjectCodes() throws SQLException {
        Set<String> codes = new HashSet<>();
        try (Cursor c = new Cursor("select s.usubjid from subject s where" + filter)) {
            while (c.next()) {
                codes.add(c.rs.getString(1));
            }
        }
        return codes;
    }

    long subjectCount() throws SQLException {
        try (Cursor c = new Cursor("select count(*) from subject s where" + filter)) {
            c.next();
            return c.rs.getLong(1);
        }
    }

    long visitCount() throws SQLException {
        try (Cursor c = new Cursor("select count(*) from visit v join subject s on s.id = v.subject_id where" + filter
                + upToCutoff("v.visit_date"))) {
            c.next();
            return c.rs.getLong(1);
        }
    }

    /** Every visit of the subjects in scope, whatever its date (results count by their own dates). */
    long allVisitCount() throws SQLException {
        try (Cursor c = new Cursor("select count(*) from visit v join subject s on s.id = v.subject_id where" + filter)) {
            c.next();
            return c.rs.getLong(1);
        }
    }

    /**
     * The subject-visits dated up to the cut-off with the given markers, wide, streamed: one row per
     * visit from the database ({@link VisitResults}), nothing held.
     */
    ReportData.VisitCursor visitCursor(List<MarkerColumn> markers) throws IOException {
        VisitResults visits;
        try {
            visits = new VisitResults(this, markers.stream().map(MarkerColumn::code).toList(), true, true);
        } catch (SQLException e) {
            throw new IOException("Reading the visits failed: " + e.getMessage(), e);
        }
        return new ReportData.VisitCursor() {
            @Override
            public VisitRow next() throws IOException {
                try {
                    if (!visits.next()) {
                        return null;
                    }
                    ResultSet s = visits.subjectColumns();
                    LocalDate date = visits.visitDate();
                    LocalDate firstDose = localDate(s.getDate(9));
                    return new VisitRow(s.getString(6), s.getString(7), s.getString(8),
                            visits.visitNumber().stripTrailingZeros(), visits.visitName(), date,
                            date == null || firstDose == null ? null : StudyDay.of(firstDose, date), visits.values.clone());
                } catch (SQLException e) {
                    throw new IOException("Reading the visits failed: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    visits.close();
                } catch (SQLException e) {
                    throw new IOException(e);
                }
            }
        };
    }

    // --- cursors ---------------------------------------------------------------------------

    /**
     * A forward-only result set with one row of look-ahead, for merging cursors ordered by
     * subject id: {@link #at} says whether the current row belongs to a subject.
     */
    public final class Cursor implements AutoCloseable {
        private final PreparedStatement statement;
        final ResultSet rs;
        private boolean started;
        boolean done;

        Cursor(String sql) throws SQLException {
            statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            rs = statement.executeQuery();
        }

        public ResultSet rs() {
            return rs;
        }

        /** Moves to the next row; false (and done) after the last. */
        public boolean next() throws SQLException {
            started = true;
            done = !rs.next();
            return !done;
        }

        public void advance() throws SQLException {
            next();
        }

        /** Whether the current row (the first, on the first call) is the given subject's; skips rows of earlier subjects. */
        public boolean at(long subjectId) throws SQLException {
            if (!started) {
                next();
            }
            while (!done && rs.getLong(1) < subjectId) {
                next();
            }
            return !done && rs.getLong(1) == subjectId;
        }

        @Override
        public void close() throws SQLException {
            try {
                rs.close();
            } finally {
                statement.close();
            }
        }
    }

    static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
