package org.cytotrial.marker;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.cytotrial.analysis.MarkerSummary;

/**
 * The marker slices of a study (migration V61): the standardised results of one test, one arm,
 * one visit number and one site, sorted, with the fold changes from baseline of the subjects
 * that have one, sorted too. The summaries of any set of sites merge the slices of those sites,
 * so a site-bound investigator's numbers and the whole study's come from the same few thousand
 * rows, read in key order, instead of millions of results joined and sorted on every read.
 *
 * <p>The slices are derived from {@code lab_result} alone and kept in step with it:
 * <ul>
 *   <li>the import builds a new study's slices in its own transaction ({@link #build});</li>
 *   <li>every later change of a result records its subject, test and visit number in
 *       {@code marker_slice_change}, in the transaction of the change ({@link #recordChanges});</li>
 *   <li>a reader first brings them up to date ({@link #refresh}): for each recorded change it
 *       rebuilds that test's slices of the subject's arm and site at every visit — one indexed
 *       pass over that site's subjects, and it covers a changed baseline, which moves the fold
 *       changes of the subject's later visits — and deletes exactly the change rows it saw, so a
 *       change committed meanwhile is rebuilt by the next read.</li>
 * </ul>
 * Readers of one study take turns (a row lock on its {@code marker_slice_study} row). A study
 * without that row (created before slices existed) is built on its first read.
 *
 * <p>Fold change, as {@code MarkerSummarizer}: value / the subject's own result of the test at the
 * baseline visit (visit number 1); none without a baseline, for a baseline of 0, or for visits
 * numbered before the baseline.
 *
 * <p>Plain JDBC on the caller's connection and transaction, for the container's services and for
 * the unit tests alike.
 */
public final class MarkerSlices {

    public static final BigDecimal BASELINE_VISIT = BigDecimal.ONE;

    /** Ids per statement when asking by a list of ids. */
    private static final int IDS_PER_QUERY = 500;
    private static final int FETCH_SIZE = 2000;

    /**
     * One slice.
     *
     * @param values the results in the marker's standard unit, ascending
     * @param folds  the fold changes from baseline of those subjects that have one, ascending
     */
    public record Slice(String test, boolean derived, long armId, BigDecimal visitNumber, long siteId, double[] values,
            double[] folds) {}

    /** The slices of one test, arm and site, all visits: what a changed result is rebuilt with. */
    private record Partition(String test, long armId, long siteId) {}

    private final Connection connection;
    private final boolean postgres;

    public MarkerSlices(Connection connection) throws SQLException {
        this.connection = connection;
        this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    /**
     * Records that the subject's results of these tests at this visit number changed; call in
     * the transaction of the change. Append-only, so concurrent saves never wait on each other.
     */
    public static void recordChanges(Connection connection, long studyId, long subjectId, BigDecimal visitNumber,
            Collection<String> testCodes) throws SQLException {
        if (testCodes.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into marker_slice_change"
                + " (study_id, subject_id, test_code, visit_number) values (?, ?, ?, ?)")) {
            for (String test : new TreeSet<>(testCodes)) {
                insert.setLong(1, studyId);
                insert.setLong(2, subjectId);
                insert.setString(3, test);
                insert.setBigDecimal(4, visitNumber);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Makes the study's slices current: all of them when the study has none yet, else what changed. */
    public void refresh(long studyId) throws SQLException {
        if (!lockStudy(studyId)) {
            buildLocked(studyId);
            return;
        }
        List<long[]> changeIds = new ArrayList<>();
        Map<Long, List<Object[]>> bySubject = new HashMap<>();
        try (PreparedStatement changes = connection.prepareStatement("select id, subject_id, test_code, visit_number"
                + " from marker_slice_change where study_id = ? order by id")) {
            changes.setLong(1, studyId);
            try (ResultSet rs = changes.executeQuery()) {
                while (rs.next()) {
                    changeIds.add(new long[] {rs.getLong(1)});
                    bySubject.computeIfAbsent(rs.getLong(2), s -> new ArrayList<>())
                            .add(new Object[] {rs.getString(3), rs.getBigDecimal(4)});
                }
            }
        }
        if (changeIds.isEmpty()) {
            return;
        }
        // A few slices by their keys: index lookups, i.e. nested loops, which whole-study analytic
        // reads switch off (Jdbc.withConnection); on here, and as they were afterwards.
        String nestedLoops = setting("enable_nestloop");
        set("enable_nestloop", "on");
        try {
            applyChanges(studyId, bySubject);
        } finally {
            set("enable_nestloop", nestedLoops);
        }
        deleteChanges(changeIds.stream().mapToLong(c -> c[0]).toArray());
    }

    private void applyChanges(long studyId, Map<Long, List<Object[]>> bySubject) throws SQLException {
        Set<Partition> touched = new LinkedHashSet<>();
        Map<Long, long[]> armAndSite = armsAndSites(bySubject.keySet());
        for (Map.Entry<Long, List<Object[]>> subject : bySubject.entrySet()) {
            long[] where = armAndSite.get(subject.getKey());
            if (where == null) {
                continue; // no arm: the subject is in no summary
            }
            for (Object[] change : subject.getValue()) {
                touched.add(new Partition((String) change[0], where[0], where[1]));
            }
        }
        Map<List<Long>, List<String>> testsByArmAndSite = new java.util.LinkedHashMap<>();
        for (Partition partition : touched) {
            testsByArmAndSite.computeIfAbsent(List.of(partition.armId(), partition.siteId()), k -> new ArrayList<>())
                    .add(partition.test());
        }
        try (SliceWriter writer = new SliceWriter(studyId)) {
            for (Map.Entry<List<Long>, List<String>> at : testsByArmAndSite.entrySet()) {
                long arm = at.getKey().get(0);
                long site = at.getKey().get(1);
                List<String> tests = at.getValue();
                try (PreparedStatement delete = connection.prepareStatement("delete from marker_slice where study_id = ?"
                        + " and arm_id = ? and site_id = ? and test_code in (" + "?, ".repeat(tests.size() - 1) + "?)")) {
                    delete.setLong(1, studyId);
                    delete.setLong(2, arm);
                    delete.setLong(3, site);
                    for (int i = 0; i < tests.size(); i++) {
                        delete.setString(4 + i, tests.get(i));
                    }
                    delete.executeUpdate();
                }
                build(studyId, tests, new long[] {arm, site}, writer);
            }
        }
    }

    /** A PostgreSQL setting of this transaction; null elsewhere. */
    private String setting(String name) throws SQLException {
        if (!postgres) {
            return null;
        }
        try (Statement show = connection.createStatement(); ResultSet rs = show.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void set(String name, String value) throws SQLException {
        if (postgres && value != null) {
            try (PreparedStatement set = connection.prepareStatement("select set_config(?, ?, true)")) {
                set.setString(1, name);
                set.setString(2, value);
                set.execute();
            }
        }
    }

    /** Builds every slice of the study from its results, replacing any there were. */
    public void build(long studyId) throws SQLException {
        lockStudy(studyId);
        buildLocked(studyId);
    }

    private void buildLocked(long studyId) throws SQLException {
        if (postgres) {
            // as every analytic read: hash joins over the whole study, whatever the statistics say
            // (right after an import they still describe empty tables); ends with the transaction
            try (Statement tune = connection.createStatement()) {
                tune.execute("set local enable_nestloop = off");
            }
        }
        List<Long> seen = new ArrayList<>();
        try (PreparedStatement changes = connection.prepareStatement("select id from marker_slice_change where study_id = ?")) {
            changes.setLong(1, studyId);
            try (ResultSet rs = changes.executeQuery()) {
                while (rs.next()) {
                    seen.add(rs.getLong(1));
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("delete from marker_slice where study_id = ?")) {
            delete.setLong(1, studyId);
            delete.executeUpdate();
        }
        List<String> tests = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select distinct r.test_code from lab_result r"
                + " join subject s on s.id = r.subject_id where s.study_id = ? order by r.test_code")) {
            select.setLong(1, studyId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    tests.add(rs.getString(1));
                }
            }
        }
        try (SliceWriter writer = new SliceWriter(studyId)) {
            for (String test : tests) {
                buildTest(studyId, test, writer);
            }
        }
        deleteChanges(seen.stream().mapToLong(Long::longValue).toArray());
        try (PreparedStatement built = connection.prepareStatement(
                "update marker_slice_study set built_at = ? where study_id = ?")) {
            built.setTimestamp(1, Timestamp.from(Instant.now()));
            built.setLong(2, studyId);
            built.executeUpdate();
        }
    }

    /**
     * One pass over a test's results in slice order (the whole study, or one arm and site only).
     * Within an arm the baseline visit comes before every later visit, so each subject's baseline
     * is known when its later results pass.
     */
    private void buildTest(long studyId, String test, SliceWriter writer) throws SQLException {
        build(studyId, List.of(test), null, writer);
    }

    /**
     * One pass over results in slice order: of some tests in the whole study, or in one arm and
     * site only ({@code at}: arm id, site id). Per test, within an arm the baseline visit comes
     * before every later visit, so each subject's baseline is known when its later results pass.
     */
    private void build(long studyId, List<String> tests, long[] at, SliceWriter writer) throws SQLException {
        String sql = "select r.test_code, r.derived, s.arm_id, v.visit_number, s.site_id, r.subject_id, r.standard_value"
                + " from lab_result r join subject s on s.id = r.subject_id join visit v on v.id = r.visit_id"
                + " where s.study_id = ? and r.test_code in (" + "?, ".repeat(tests.size() - 1) + "?)"
                + " and s.arm_id is not null" + (at == null ? "" : " and s.arm_id = ? and s.site_id = ?")
                + " order by r.test_code, s.arm_id, v.visit_number, s.site_id, r.derived";
        Map<Long, Double> baselines = new HashMap<>();
        SliceBuilder current = null;
        try (PreparedStatement select = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            select.setFetchSize(FETCH_SIZE);
            int p = 1;
            select.setLong(p++, studyId);
            for (String test : tests) {
                select.setString(p++, test);
            }
            if (at != null) {
                select.setLong(p++, at[0]);
                select.setLong(p, at[1]);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String test = rs.getString(1);
                    boolean derived = rs.getBoolean(2);
                    long arm = rs.getLong(3);
                    BigDecimal visit = rs.getBigDecimal(4).stripTrailingZeros();
                    long site = rs.getLong(5);
                    long subject = rs.getLong(6);
                    double value = rs.getDouble(7);
                    if (current == null || !current.is(test, derived, arm, visit, site)) {
                        if (current != null) {
                            writer.write(current.slice());
                            if (!current.test.equals(test)) {
                                baselines.clear();
                            }
                        }
                        current = new SliceBuilder(test, derived, arm, visit, site);
                    }
                    if (visit.compareTo(BASELINE_VISIT) == 0) {
                        baselines.putIfAbsent(subject, value);
                    }
                    current.add(value, foldChange(visit, value, baselines.get(subject)));
                }
            }
        }
        if (current != null) {
            writer.write(current.slice());
        }
    }

    private static Double foldChange(BigDecimal visit, double value, Double baseline) {
        if (baseline == null || baseline == 0.0 || visit.compareTo(BASELINE_VISIT) < 0) {
            return null;
        }
        return value / baseline;
    }

    /**
     * Streams the study's slices in the order test, arm, visit number, site (the key's), so that
     * the slices of one test, arm and visit arrive together.
     *
     * @param tests          test codes to read; empty for all
     * @param includeDerived whether derived tests (CD4/CD8) are read
     * @param siteIds        the sites to read; null for all
     */
    public void read(long studyId, List<String> tests, boolean includeDerived, Set<Long> siteIds, Consumer<Slice> sink)
            throws SQLException {
        StringBuilder sql = new StringBuilder("select test_code, derived, arm_id, visit_number, site_id, value_bytes,"
                + " fold_bytes from marker_slice where study_id = ?");
        if (!tests.isEmpty()) {
            sql.append(" and test_code in (").append("?, ".repeat(tests.size() - 1)).append("?)");
        }
        if (!includeDerived) {
            sql.append(" and derived = false");
        }
        if (siteIds != null) {
            if (siteIds.isEmpty()) {
                return;
            }
            sql.append(" and site_id in (").append("?, ".repeat(siteIds.size() - 1)).append("?)");
        }
        sql.append(" order by test_code, arm_id, visit_number, site_id, derived");
        try (PreparedStatement select = connection.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            select.setFetchSize(200);
            int p = 1;
            select.setLong(p++, studyId);
            for (String test : tests) {
                select.setString(p++, test);
            }
            if (siteIds != null) {
                for (Long site : new TreeSet<>(siteIds)) {
                    select.setLong(p++, site);
                }
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new Slice(rs.getString(1), rs.getBoolean(2), rs.getLong(3),
                            rs.getBigDecimal(4).stripTrailingZeros(), rs.getLong(5), decode(rs.getBytes(6)),
                            decode(rs.getBytes(7))));
                }
            }
        }
    }

    /**
     * The summaries per arm, test and visit number (DOMAIN.md rule 6) of the slices read, merged
     * over their sites; one test, arm and visit is held at a time. Ordered by test, arm id and
     * visit number; the visit label is left to the caller (null here).
     *
     * @param armCode the code of an arm id
     */
    public List<MarkerSummary> summaries(long studyId, List<String> tests, boolean includeDerived, Set<Long> siteIds,
            LongFunction<String> armCode) throws SQLException {
        List<MarkerSummary> out = new ArrayList<>();
        Merger merger = new Merger(armCode, out);
        read(studyId, tests, includeDerived, siteIds, merger);
        merger.finish();
        return out;
    }

    /** Merges the slices of one test, arm and visit (one per site and kind, arriving together). */
    private static final class Merger implements Consumer<Slice> {
        private final LongFunction<String> armCode;
        private final List<MarkerSummary> out;
        private Slice first;
        private final List<double[]> values = new ArrayList<>();
        private final List<double[]> folds = new ArrayList<>();

        Merger(LongFunction<String> armCode, List<MarkerSummary> out) {
            this.armCode = armCode;
            this.out = out;
        }

        @Override
        public void accept(Slice slice) {
            if (first != null && !(first.test().equals(slice.test()) && first.armId() == slice.armId()
                    && first.visitNumber().compareTo(slice.visitNumber()) == 0)) {
                finish();
            }
            if (first == null) {
                first = slice;
            }
            values.add(slice.values());
            folds.add(slice.folds());
        }

        void finish() {
            if (first != null) {
                out.add(MarkerSummary.of(armCode.apply(first.armId()), first.test(), first.visitNumber().doubleValue(),
                        null, concat(values), concat(folds)));
            }
            first = null;
            values.clear();
            folds.clear();
        }

        private static double[] concat(List<double[]> parts) {
            double[] all = new double[parts.stream().mapToInt(p -> p.length).sum()];
            int at = 0;
            for (double[] part : parts) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            return all;
        }
    }

    /**
     * Takes the study's turn (its marker_slice_study row, created when missing).
     *
     * @return whether the study's slices were built before
     */
    private boolean lockStudy(long studyId) throws SQLException {
        String ensure = postgres
                ? "insert into marker_slice_study (study_id, built_at) values (?, null) on conflict do nothing"
                : "insert into marker_slice_study (study_id, built_at) select ?, null"
                        + " where not exists (select 1 from marker_slice_study where study_id = ?)";
        try (PreparedStatement insert = connection.prepareStatement(ensure)) {
            insert.setLong(1, studyId);
            if (!postgres) {
                insert.setLong(2, studyId);
            }
            insert.executeUpdate();
        }
        try (PreparedStatement lock = connection.prepareStatement(
                "select built_at from marker_slice_study where study_id = ? for update")) {
            lock.setLong(1, studyId);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) != null;
            }
        }
    }

    private Map<Long, long[]> armsAndSites(Collection<Long> subjectIds) throws SQLException {
        Map<Long, long[]> out = new HashMap<>();
        List<Long> ids = new ArrayList<>(subjectIds);
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            try (PreparedStatement select = connection.prepareStatement("select id, arm_id, site_id from subject"
                    + " where arm_id is not null and id in (" + "?, ".repeat(chunk.size() - 1) + "?)")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
        }
        return out;
    }

    private void deleteChanges(long[] ids) throws SQLException {
        for (int from = 0; from < ids.length; from += IDS_PER_QUERY) {
            int to = Math.min(ids.length, from + IDS_PER_QUERY);
            try (PreparedStatement delete = connection.prepareStatement("delete from marker_slice_change where id in ("
                    + "?, ".repeat(to - from - 1) + "?)")) {
                for (int i = from; i < to; i++) {
                    delete.setLong(i - from + 1, ids[i]);
                }
                delete.executeUpdate();
            }
        }
    }

    static byte[] encode(double[] sorted) {
        ByteBuffer buffer = ByteBuffer.allocate(sorted.length * Double.BYTES);
        buffer.asDoubleBuffer().put(sorted);
        return buffer.array();
    }

    static double[] decode(byte[] bytes) {
        double[] values = new double[bytes.length / Double.BYTES];
        ByteBuffer.wrap(bytes).asDoubleBuffer().get(values);
        return values;
    }

    /** The values of one slice as they pass. */
    private static final class SliceBuilder {
        private final String test;
        private final boolean derived;
        private final long arm;
        private final BigDecimal visit;
        private final long site;
        private double[] values = new double[64];
        private double[] folds = new double[64];
        private int nValues;
        private int nFolds;

        SliceBuilder(String test, boolean derived, long arm, BigDecimal visit, long site) {
            this.test = test;
            this.derived = derived;
            this.arm = arm;
            this.visit = visit;
            this.site = site;
        }

        boolean is(String otherTest, boolean otherDerived, long otherArm, BigDecimal otherVisit, long otherSite) {
            return test.equals(otherTest) && derived == otherDerived && arm == otherArm && site == otherSite && visit.compareTo(otherVisit) == 0;
        }

        void add(double value, Double fold) {
            if (nValues == values.length) {
                values = Arrays.copyOf(values, nValues * 2);
            }
            values[nValues++] = value;
            if (fold != null) {
                if (nFolds == folds.length) {
                    folds = Arrays.copyOf(folds, nFolds * 2);
                }
                folds[nFolds++] = fold;
            }
        }

        Slice slice() {
            double[] v = Arrays.copyOf(values, nValues);
            double[] f = Arrays.copyOf(folds, nFolds);
            Arrays.sort(v);
            Arrays.sort(f);
            return new Slice(test, derived, arm, visit, site, v, f);
        }
    }

    /** Batched inserts of slices; empty slices are not stored. */
    private final class SliceWriter implements AutoCloseable {
        private final long studyId;
        private final PreparedStatement insert;
        private int pending;

        SliceWriter(long studyId) throws SQLException {
            this.studyId = studyId;
            this.insert = connection.prepareStatement("insert into marker_slice (study_id, test_code, derived, arm_id,"
                    + " visit_number, site_id, n, value_bytes, fold_bytes) values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }

        void write(Slice slice) throws SQLException {
            if (slice.values().length == 0) {
                return;
            }
            insert.setLong(1, studyId);
            insert.setString(2, slice.test());
            insert.setBoolean(3, slice.derived());
            insert.setLong(4, slice.armId());
            insert.setBigDecimal(5, slice.visitNumber());
            insert.setLong(6, slice.siteId());
            insert.setInt(7, slice.values().length);
            insert.setBytes(8, encode(slice.values()));
            insert.setBytes(9, encode(slice.folds()));
            insert.addBatch();
            if (++pending == 100) {
                insert.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                if (pending > 0) {
                    insert.executeBatch();
                }
            } finally {
                insert.close();
            }
        }
    }

    /** For tests and diagnostics: the number of slices and of changes not yet applied. */
    public long[] counts(long studyId) throws SQLException {
        long[] out = new long[2];
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) from marker_slice where study_id = " + studyId)) {
                rs.next();
                out[0] = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("select count(*) from marker_slice_change where study_id = " + studyId)) {
                rs.next();
                out[1] = rs.getLong(1);
            }
        }
        return out;
    }
}
