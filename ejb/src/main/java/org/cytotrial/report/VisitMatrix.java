package org.cytotrial.report;

import java.io.IOException;
import java.math.BigDecimal;
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
import org.cytotrial.analysis.MarkerSummarizer;
import org.cytotrial.analysis.MarkerSummary;
import org.cytotrial.analysis.StudyDay;

/**
 * Every subject-visit in scope with its results, read once ({@link VisitResults}: one row per
 * visit) and held as primitive arrays: a row per visit in subject and visit-number order, and a
 * matrix of doubles, a column per catalogue marker (NaN where not measured, or measured after the
 * cut-off). 8 bytes a cell, about 40 MB for 10,000 subjects x 24 visits x 20 markers, and no
 * object per result. It gives the marker summaries (column by column over the rows of each arm
 * and visit) and then the Visits rows without reading the database again.
 */
final class VisitMatrix {

    private static final int NO_DATE = Integer.MIN_VALUE;

    // the subjects in scope, in id (enrolment) order
    private final String[] usubjids;
    private final String[] subjectArms;
    private final String[] subjectSites;
    private final int[] firstDoses;
    /** Position of each subject in USUBJID order: the first one with a result labels a visit. */
    private final int[] usubjidRank;

    // the visits, in subject and visit-number order
    private int rows;
    private int[] subjectOf;
    private int[] numberOf;
    private String[] nameOf;
    private int[] dateOf;
    private double[] cells;
    private final int width;
    private final List<MarkerColumn> catalogue;
    private final boolean[] measured;

    /** Distinct visit numbers (as read, and stripped of trailing zeros for the rows) in order of appearance. */
    private final List<BigDecimal> numbers = new ArrayList<>();
    private final Map<BigDecimal, Integer> numberIndex = new HashMap<>();

    private final List<String> armCodes;
    private final LocalDate cutoff;

    private VisitMatrix(List<String> armCodes, List<MarkerColumn> catalogue, LocalDate cutoff, String[] usubjids,
            String[] arms, String[] sites, int[] firstDoses, int expectedRows) {
        this.armCodes = armCodes;
        this.catalogue = catalogue;
        this.cutoff = cutoff;
        this.width = catalogue.size();
        this.measured = new boolean[width];
        this.usubjids = usubjids;
        this.subjectArms = arms;
        this.subjectSites = sites;
        this.firstDoses = firstDoses;
        Integer[] order = new Integer[usubjids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> usubjids[i]));
        this.usubjidRank = new int[usubjids.length];
        for (int rank = 0; rank < order.length; rank++) {
            usubjidRank[order[rank]] = rank;
        }
        int capacity = Math.max(16, expectedRows);
        subjectOf = new int[capacity];
        numberOf = new int[capacity];
        nameOf = new String[capacity];
        dateOf = new int[capacity];
        cells = new double[capacity * width];
    }

    /**
     * Reads the subjects, then every visit of theirs with its results up to the cut-off.
     *
     * @param catalogue   every marker of the catalogue, in its display order: the matrix's columns
     * @param expectedRows the number of visits, to size the arrays once (they grow if there are more)
     */
    static VisitMatrix read(ReportReader reader, List<MarkerColumn> catalogue, long expectedRows) throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<String> usubjids = new ArrayList<>();
        List<String> arms = new ArrayList<>();
        List<String> sites = new ArrayList<>();
        List<Integer> doses = new ArrayList<>();
        Map<String, String> codes = new HashMap<>();
        try (ReportReader.Cursor c = reader.query("select s.id, s.usubjid, a.code, si.code, s.first_dose_date"
                + " from subject s join arm a on a.id = s.arm_id join site si on si.id = s.site_id where"
                + reader.filter() + " order by s.id")) {
            while (c.next()) {
                ResultSet r = c.rs();
                ids.add(r.getLong(1));
                usubjids.add(r.getString(2));
                arms.add(codes.computeIfAbsent(r.getString(3), k -> k));
                sites.add(codes.computeIfAbsent(r.getString(4), k -> k));
                LocalDate dose = ReportReader.localDate(r.getDate(5));
                doses.add(dose == null ? NO_DATE : (int) dose.toEpochDay());
            }
        }
        VisitMatrix matrix = new VisitMatrix(new ArrayList<>(reader.armCodes().values()), catalogue, reader.cutoff(),
                usubjids.toArray(String[]::new), arms.toArray(String[]::new), sites.toArray(String[]::new),
                doses.stream().mapToInt(Integer::intValue).toArray(), (int) Math.min(Integer.MAX_VALUE - 8, expectedRows));
        long[] subjectIds = ids.stream().mapToLong(Long::longValue).toArray();
        Map<String, String> names = new HashMap<>();
        try (VisitResults visits = new VisitResults(reader, catalogue.stream().map(MarkerColumn::code).toList(), false,
                false)) {
            int subject = 0;
            while (visits.next()) {
                long id = visits.subjectId();
                // visits and subjects both in id order, under the same filter
                while (subjectIds[subject] != id) {
                    subject++;
                }
                String name = names.computeIfAbsent(visits.visitName(), k -> k);
                LocalDate date = visits.visitDate();
                matrix.add(subject, visits.visitNumber(), name, date == null ? NO_DATE : (int) date.toEpochDay(),
                        visits.values);
            }
        }
        return matrix;
    }

    private void add(int subject, BigDecimal number, String name, int date, double[] values) {
        if (rows == subjectOf.length) {
            int capacity = Math.min(Integer.MAX_VALUE - 8, rows + (rows >> 1) + 16);
            subjectOf = Arrays.copyOf(subjectOf, capacity);
            numberOf = Arrays.copyOf(numberOf, capacity);
            nameOf = Arrays.copyOf(nameOf, capacity);
            dateOf = Arrays.copyOf(dateOf, capacity);
            cells = Arrays.copyOf(cells, capacity * width);
        }
        Integer index = numberIndex.get(number);
        if (index == null) {
            index = numbers.size();
            numbers.add(number.stripTrailingZeros());
            numberIndex.put(number, index);
        }
        subjectOf[rows] = subject;
        numberOf[rows] = index;
        nameOf[rows] = name;
        dateOf[rows] = date;
        System.arraycopy(values, 0, cells, rows * width, width);
        for (int c = 0; c < width; c++) {
            if (!measured[c] && !Double.isNaN(values[c])) {
                measured[c] = true;
            }
        }
        rows++;
    }

    /** The markers with at least one result in scope, in the catalogue's order: the Visits columns. */
    List<MarkerColumn> markers() {
        List<MarkerColumn> markers = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            if (measured[c]) {
                markers.add(catalogue.get(c));
            }
        }
        return markers;
    }

    /**
     * The marker summaries, exactly as {@link MarkerSummarizer} makes them from rows sorted by arm,
     * marker, visit number and subject: per arm, marker and visit number the values in subject
     * order, labelled with the visit name of the first subject in USUBJID order, and each
     * subject's fold change from its own value at the baseline visit (1) for visits from 1 on.
     * Emitted in the order arm code, marker code, visit number.
     */
    void summarize(Consumer<MarkerSummary> sink) {
        int visitNumbers = numbers.size();
        double baseline = MarkerSummarizer.DEFAULT_BASELINE_VISIT;
        // each subject's baseline row, if any
        int[] baselineRow = new int[usubjids.length];
        Arrays.fill(baselineRow, -1);
        // rows per arm and visit number, in subject order
        List<String> arms = new ArrayList<>(armCodes);
        Map<String, Integer> armIndex = new HashMap<>();
        for (int a = 0; a < arms.size(); a++) {
            armIndex.put(arms.get(a), a);
        }
        int[] armOf = new int[usubjids.length];
        for (int s = 0; s < usubjids.length; s++) {
            armOf[s] = armIndex.get(subjectArms[s]);
        }
        int[] counts = new int[arms.size() * visitNumbers];
        for (int r = 0; r < rows; r++) {
            counts[armOf[subjectOf[r]] * visitNumbers + numberOf[r]]++;
            if (numbers.get(numberOf[r]).doubleValue() == baseline && baselineRow[subjectOf[r]] < 0) {
                baselineRow[subjectOf[r]] = r;
            }
        }
        int[][] groups = new int[counts.length][];
        for (int g = 0; g < counts.length; g++) {
            groups[g] = new int[counts[g]];
            counts[g] = 0;
        }
        for (int r = 0; r < rows; r++) {
            int g = armOf[subjectOf[r]] * visitNumbers + numberOf[r];
            groups[g][counts[g]++] = r;
        }

        // one pass over each arm and visit's rows, every marker of a row at once (the row's cells
        // lie side by side in memory), then the summaries in the summarizer's order
        MarkerSummary[] summaries = new MarkerSummary[arms.size() * width * visitNumbers];
        double[][] values = new double[width][16];
        double[][] folds = new double[width][16];
        int[] n = new int[width];
        int[] nFolds = new int[width];
        int[] labelRank = new int[width];
        String[] label = new String[width];
        for (int a = 0; a < arms.size(); a++) {
            for (int v = 0; v < visitNumbers; v++) {
                int[] group = groups[a * visitNumbers + v];
                if (group.length == 0) {
                    continue;
                }
                boolean withFolds = numbers.get(v).doubleValue() >= baseline;
                Arrays.fill(n, 0);
                Arrays.fill(nFolds, 0);
                Arrays.fill(labelRank, Integer.MAX_VALUE);
                for (int c = 0; c < width; c++) {
                    if (values[c].length < group.length) {
                        values[c] = new double[group.length];
                        folds[c] = new double[group.length];
                    }
                }
                for (int r : group) {
                    int subject = subjectOf[r];
                    int rank = usubjidRank[subject];
                    int b = withFolds ? baselineRow[subject] : -1;
                    int row = r * width;
                    int baseRow = b * width;
                    for (int c = 0; c < width; c++) {
                        double value = cells[row + c];
                        if (Double.isNaN(value)) {
                            continue;
                        }
                        values[c][n[c]++] = value;
                        if (rank < labelRank[c]) {
                            labelRank[c] = rank;
                            label[c] = nameOf[r];
                        }
                        if (b >= 0) {
                            double fold = MarkerSummarizer.foldChange(value, cells[baseRow + c]);
                            if (!Double.isNaN(fold)) {
                                folds[c][nFolds[c]++] = fold;
                            }
                        }
                    }
                }
                for (int c = 0; c < width; c++) {
                    if (n[c] > 0) {
                        summaries[(a * width + c) * visitNumbers + v] = MarkerSummary.of(arms.get(a),
                                catalogue.get(c).code(), numbers.get(v).doubleValue(), label[c],
                                Arrays.copyOf(values[c], n[c]), Arrays.copyOf(folds[c], nFolds[c]));
                    }
                }
            }
        }
        Integer[] armOrder = sortedIndices(arms.size(), Comparator.comparing(arms::get));
        Integer[] columnOrder = sortedIndices(width, Comparator.comparing(c -> catalogue.get(c).code()));
        Integer[] visitOrder = sortedIndices(visitNumbers, Comparator.comparingDouble(v -> numbers.get(v).doubleValue()));
        for (int a : armOrder) {
            for (int c : columnOrder) {
                for (int v : visitOrder) {
                    MarkerSummary summary = summaries[(a * width + c) * visitNumbers + v];
                    if (summary != null) {
                        sink.accept(summary);
                    }
                }
            }
        }
    }

    private static Integer[] sortedIndices(int n, Comparator<Integer> order) {
        Integer[] indices = new Integer[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        Arrays.sort(indices, order);
        return indices;
    }

    /** The Visits rows: the visits dated up to the cut-off, with the given markers' values. */
    ReportData.VisitCursor visits(List<MarkerColumn> markers) {
        int[] columns = new int[markers.size()];
        Map<String, Integer> columnOf = new HashMap<>();
        for (int c = 0; c < width; c++) {
            columnOf.put(catalogue.get(c).code(), c);
        }
        for (int i = 0; i < columns.length; i++) {
            columns[i] = columnOf.getOrDefault(markers.get(i).code(), -1);
        }
        int last = cutoff == null ? Integer.MAX_VALUE : (int) cutoff.toEpochDay();
        return new ReportData.VisitCursor() {
            private int row;

            @Override
            public VisitRow next() {
                while (row < rows && cutoff != null && (dateOf[row] == NO_DATE || dateOf[row] > last)) {
                    row++;
                }
                if (row == rows) {
                    return null;
                }
                int r = row++;
                int subject = subjectOf[r];
                double[] values = new double[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    values[i] = columns[i] < 0 ? Double.NaN : cells[r * width + columns[i]];
                }
                LocalDate date = dateOf[r] == NO_DATE ? null : LocalDate.ofEpochDay(dateOf[r]);
                Integer studyDay = date == null || firstDoses[subject] == NO_DATE ? null
                        : StudyDay.of(LocalDate.ofEpochDay(firstDoses[subject]), date);
                return new VisitRow(usubjids[subject], subjectArms[subject], subjectSites[subject], numbers.get(numberOf[r]),
                        nameOf[r], date, studyDay, values);
            }

            @Override
            public void close() throws IOException {
                // nothing held but the matrix
            }
        };
    }
}
