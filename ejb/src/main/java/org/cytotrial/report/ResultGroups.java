package org.cytotrial.report;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.cytotrial.analysis.MarkerObservation;
import org.cytotrial.analysis.MarkerSummarizer;
import org.cytotrial.analysis.MarkerSummary;
import org.cytotrial.analysis.StudyDay;

/**
 * Every result in a report's scope, read once in subject order (an index scan, no sort) and held
 * per arm x marker x visit number as primitive arrays (12 bytes a result), each group in subject
 * order by construction. It feeds the engine's summarizer group by group, and then gives the
 * Visits rows: the visits stream in subject order too, so each group is read with a cursor that
 * only moves forward.
 */
final class ResultGroups {

    private final Map<Long, String> arms;
    private final List<Long> armIds;
    final List<String> testCodes = new ArrayList<>();
    private final Map<String, Integer> testIndex = new HashMap<>();
    private final List<Double> visitNumbers = new ArrayList<>();
    private final Map<Double, Integer> visitIndex = new HashMap<>();
    private final Map<Long, Group> groups = new HashMap<>();

    /**
     * One group's results in arrival (subject) order, the forward-only read position, and the
     * group's label: the visit name of its first subject in USUBJID order (as the analytics label
     * a visit).
     */
    private static final class Group {
        String label;
        String labelSubject;
        long[] subjects = new long[64];
        double[] values = new double[64];
        int size;
        int position;

        Group(String label, String usubjid) {
            this.label = label;
            this.labelSubject = usubjid;
        }

        void label(String name, String usubjid) {
            if (usubjid.compareTo(labelSubject) < 0) {
                label = name;
                labelSubject = usubjid;
            }
        }

        void add(long subject, double value) {
            if (size == values.length) {
                subjects = Arrays.copyOf(subjects, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            subjects[size] = subject;
            values[size++] = value;
        }

        /** The subject's value, or NaN; subjects must be asked for in ascending order. */
        double valueOf(long subject) {
            while (position < size && subjects[position] < subject) {
                position++;
            }
            return position < size && subjects[position] == subject ? values[position] : Double.NaN;
        }
    }

    private ResultGroups(Map<Long, String> arms) {
        this.arms = arms;
        this.armIds = new ArrayList<>(arms.keySet());
    }

    /**
     * Reads the visits (number, name, date) first and then the results alone, without joining
     * the visit to each of them (that join doubles the database's work); the cut-off is applied
     * here, to the collection date or else the visit's date, as in the sorted strategy.
     */
    static ResultGroups read(ReportReader reader) throws SQLException {
        ResultGroups results = new ResultGroups(reader.armCodes());
        Map<Long, VisitInfo> visits = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<Long, String> usubjids = new HashMap<>();
        try (ReportReader.Cursor c = reader.query(reader.visitsOfScope())) {
            while (c.next()) {
                ResultSet r = c.rs();
                String name = r.getString(3);
                long subjectId = r.getLong(6);
                String usubjid = usubjids.get(subjectId);
                if (usubjid == null) {
                    usubjid = r.getString(7);
                    usubjids.put(subjectId, usubjid);
                }
                visits.put(r.getLong(1), new VisitInfo(results.visitIndex(r.getBigDecimal(2).doubleValue()),
                        names.computeIfAbsent(name, n -> n), ReportReader.localDate(r.getDate(4)),
                        results.armIds.indexOf(r.getLong(5)), usubjid));
            }
        }
        LocalDate cutoff = reader.cutoff();
        try (ReportReader.Cursor c = reader.query(reader.resultsInSubjectOrder())) {
            String lastTest = null;
            int test = -1;
            while (c.next()) {
                ResultSet r = c.rs();
                VisitInfo visit = visits.get(r.getLong(2));
                if (cutoff != null) {
                    LocalDate collected = ReportReader.localDate(r.getDate(5));
                    LocalDate date = collected != null ? collected : visit.date();
                    if (date == null || date.isAfter(cutoff)) {
                        continue;
                    }
                }
                String code = r.getString(3);
                if (!code.equals(lastTest)) {
                    lastTest = code;
                    test = results.testIndex.computeIfAbsent(code, t -> {
                        results.testCodes.add(t);
                        return results.testCodes.size() - 1;
                    });
                }
                long key = key(visit.arm(), test, visit.index());
                Group group = results.groups.get(key);
                if (group == null) {
                    group = new Group(visit.name(), visit.usubjid());
                    results.groups.put(key, group);
                } else {
                    group.label(visit.name(), visit.usubjid());
                }
                group.add(r.getLong(1), r.getDouble(4));
            }
        }
        return results;
    }

    /** A visit: index of its number, its name, its date, the index of its subject's arm, its subject. */
    private record VisitInfo(int index, String name, LocalDate date, int arm, String usubjid) {
    }

    private int visitIndex(double number) {
        return visitIndex.computeIfAbsent(number, k -> {
            visitNumbers.add(k);
            return visitNumbers.size() - 1;
        });
    }

    /**
     * Visit in the high half, arm and marker in the low one: {@link Long#hashCode} folds the halves
     * together, and these small indices then stay distinct (no colliding hash buckets).
     */
    private static long key(int arm, int test, int visit) {
        return ((long) visit << 32) | ((long) arm << 24) | test;
    }

    private String arm(long key) {
        return arms.get(armIds.get((int) ((key >>> 24) & 0xFF)));
    }

    private String test(long key) {
        return testCodes.get((int) (key & 0xFFFFFF));
    }

    private double visit(long key) {
        return visitNumbers.get((int) (key >>> 32));
    }

    /** The summaries, groups in the summarizer's order (arm, marker, visit number). */
    void summarize(Consumer<MarkerSummary> sink) {
        List<Long> order = new ArrayList<>(groups.keySet());
        order.sort(Comparator.comparing(this::arm).thenComparing(this::test).thenComparingDouble(this::visit));
        MarkerSummarizer summarizer = new MarkerSummarizer(sink);
        for (long key : order) {
            Group group = groups.get(key);
            String arm = arm(key);
            String test = test(key);
            double visit = visit(key);
            for (int i = 0; i < group.size; i++) {
                summarizer.accept(new MarkerObservation(arm, test, visit, group.label, Long.toString(group.subjects[i]),
                        group.values[i]));
            }
        }
        summarizer.finish();
    }

    /** The Visits rows: one query over the visits, values from the groups. */
    ReportData.VisitCursor visits(ReportReader reader, List<MarkerColumn> markers) throws IOException {
        groups.values().forEach(g -> g.position = 0);
        int[] columns = new int[markers.size()];
        for (int i = 0; i < columns.length; i++) {
            Integer t = testIndex.get(markers.get(i).code());
            columns[i] = t == null ? -1 : t;
        }
        ReportReader.Cursor visits;
        try {
            visits = reader.query(reader.visitRows());
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
                    ResultSet v = visits.rs();
                    long subject = v.getLong(2);
                    int arm = armIds.indexOf(v.getLong(10));
                    Integer visit = visitIndex.get(v.getBigDecimal(6).doubleValue());
                    double[] values = new double[columns.length];
                    for (int i = 0; i < columns.length; i++) {
                        Group group = columns[i] < 0 || visit == null ? null : groups.get(key(arm, columns[i], visit));
                        values[i] = group == null ? Double.NaN : group.valueOf(subject);
                    }
                    LocalDate date = ReportReader.localDate(v.getDate(8));
                    LocalDate firstDose = ReportReader.localDate(v.getDate(9));
                    return new VisitRow(v.getString(3), v.getString(4), v.getString(5),
                            v.getBigDecimal(6).stripTrailingZeros(), v.getString(7), date,
                            date == null || firstDose == null ? null : StudyDay.of(firstDose, date), values);
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
}
