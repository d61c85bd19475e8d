package org.cytotrial.marker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cytotrial.analysis.MarkerObservation;
import org.cytotrial.analysis.MarkerSummarizer;
import org.cytotrial.analysis.MarkerSummary;
import org.cytotrial.exchange.H2Import;
import org.cytotrial.testing.Zips;
import org.junit.jupiter.api.Test;

/**
 * The marker slices on the real import into H2: built from scratch they give the R numbers of
 * expected.json; kept up to date change by change they equal a build from scratch; a subset of
 * sites gives what the summarizer computes from those sites' results alone.
 */
class MarkerSlicesTest {

    private static final double REL = 1e-6;

    private static String arm(H2Import.Loaded study, long armId) {
        return study.armIds().entrySet().stream().filter(e -> e.getValue() == armId).findFirst().orElseThrow().getKey();
    }

    private static List<MarkerSummary> summaries(H2Import.Loaded study, Set<Long> sites) throws SQLException {
        return new MarkerSlices(study.connection()).summaries(study.studyId(), List.of(), false, sites,
                id -> arm(study, id));
    }

    @Test
    void builtSlicesGiveTheIndependentlyComputedSummaries() throws Exception {
        for (String name : List.of("IL2-MM", "RECIST-DEMO")) {
            H2Import.Loaded study = H2Import.load(Zips.demo(name));
            new MarkerSlices(study.connection()).build(study.studyId());
            Map<String, MarkerSummary> computed = new HashMap<>();
            for (MarkerSummary m : summaries(study, null)) {
                computed.put(m.arm() + "/" + m.test() + "/" + m.visitNum(), m);
            }
            JsonObject expected;
            try (Reader r = Files.newBufferedReader(Path.of("../src/demo/studies", name, "expected.json"));
                 var json = Json.createReader(r)) {
                expected = json.readObject();
            }
            var markers = expected.getJsonArray("markers");
            assertEquals(markers.size(), computed.size(), name + ": one summary per arm, test and visit");
            for (JsonValue v : markers) {
                JsonObject e = v.asJsonObject();
                String key = e.getString("arm") + "/" + e.getString("test") + "/" + e.getJsonNumber("visitnum").doubleValue();
                MarkerSummary m = computed.get(key);
                assertNotNull(m, name + " " + key);
                assertEquals(e.getInt("n"), m.n(), key);
                close(e, "median", m.median(), key);
                close(e, "q1", m.q1(), key);
                close(e, "q3", m.q3(), key);
                close(e, "mean", m.mean(), key);
                close(e, "sd", m.sd(), key);
                close(e, "medianFoldChange", m.medianFoldChange(), key);
            }
        }
    }

    private static void close(JsonObject e, String field, Double actual, String key) {
        if (e.isNull(field)) {
            assertEquals(null, actual, key + " " + field);
            return;
        }
        double expected = ((JsonNumber) e.get(field)).doubleValue();
        assertNotNull(actual, key + " " + field);
        assertEquals(expected, actual, Math.max(REL * Math.abs(expected), 1e-9), key + " " + field);
    }

    @Test
    void keptUpToDateChangeByChangeTheyEqualABuildFromScratch() throws Exception {
        H2Import.Loaded study = H2Import.load(Zips.demo("IL2-MM"));
        Connection c = study.connection();
        MarkerSlices slices = new MarkerSlices(c);
        slices.build(study.studyId());
        List<MarkerSummary> before = summaries(study, null);

        // every EOS baseline doubled (halves each subject's later fold changes), a later result
        // removed, another corrected
        List<long[]> baselines = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select r.id, r.subject_id from lab_result r join visit v"
                + " on v.id = r.visit_id where r.test_code = 'EOS' and v.visit_number = 1");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                baselines.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        for (long[] baseline : baselines) {
            update(c, "update lab_result set standard_value = standard_value * 2 where id = ?", baseline[0]);
            MarkerSlices.recordChanges(c, study.studyId(), baseline[1], BigDecimal.ONE, List.of("EOS"));
        }
        long[] later = result(c, "CD25", 3, 1);
        update(c, "delete from lab_result where id = ?", later[0]);
        MarkerSlices.recordChanges(c, study.studyId(), later[1], new BigDecimal("3"), List.of("CD25"));
        long[] other = result(c, "NKCD56", 2, 2);
        update(c, "update lab_result set standard_value = standard_value + 7 where id = ?", other[0]);
        MarkerSlices.recordChanges(c, study.studyId(), other[1], new BigDecimal("2"), List.of("NKCD56"));

        slices.refresh(study.studyId());
        assertEquals(0, slices.counts(study.studyId())[1], "the changes seen are done");
        List<MarkerSummary> refreshed = summaries(study, null);
        assertNotEquals(before, refreshed);
        assertEquals(fold(before, "EOS", 2) / 2, fold(refreshed, "EOS", 2), 1e-12, "baselines move the later fold changes");

        slices.build(study.studyId());
        assertEquals(summaries(study, null), refreshed, "change by change = from scratch");
    }

    @Test
    void aStudyWithoutSlicesIsBuiltOnItsFirstRefresh() throws Exception {
        H2Import.Loaded study = H2Import.load(Zips.demo("RECIST-DEMO"));
        MarkerSlices slices = new MarkerSlices(study.connection());
        assertEquals(0, slices.counts(study.studyId())[0]);
        slices.refresh(study.studyId());
        assertTrue(slices.counts(study.studyId())[0] > 0);
        assertFalse(summaries(study, null).isEmpty());
    }

    @Test
    void theSlicesOfSomeSitesGiveTheSummariesOfThoseSitesResults() throws Exception {
        H2Import.Loaded study = H2Import.load(Zips.demo("IL2-MM"));
        new MarkerSlices(study.connection()).build(study.studyId());
        long site = study.siteIds().get("HAMBURG");
        List<MarkerSummary> fromSlices = summaries(study, Set.of(site));

        List<MarkerObservation> rows = new ArrayList<>();
        try (PreparedStatement s = study.connection().prepareStatement("select s.arm_id, r.test_code, v.visit_number,"
                + " s.usubjid, r.standard_value from lab_result r join subject s on s.id = r.subject_id"
                + " join visit v on v.id = r.visit_id where s.site_id = ? and not r.derived")) {
            s.setLong(1, site);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new MarkerObservation(arm(study, rs.getLong(1)), rs.getString(2), rs.getDouble(3), null,
                            rs.getString(4), rs.getDouble(5)));
                }
            }
        }
        rows.sort(Comparator.comparing(MarkerObservation::arm).thenComparing(MarkerObservation::test)
                .thenComparingDouble(MarkerObservation::visitNum).thenComparing(MarkerObservation::subject));
        List<MarkerSummary> reference = MarkerSummarizer.summarize(rows);
        assertEquals(reference.size(), fromSlices.size());
        for (int i = 0; i < reference.size(); i++) {
            MarkerSummary e = reference.get(i);
            MarkerSummary a = fromSlices.get(i);
            String key = e.test() + "/" + e.visitNum();
            assertEquals(e.n(), a.n(), key);
            assertEquals(e.median(), a.median(), 1e-12, key);
            assertEquals(e.q1(), a.q1(), 1e-12, key);
            assertEquals(e.q3(), a.q3(), 1e-12, key);
            assertEquals(e.mean(), a.mean(), 1e-9, key);
            assertEquals(e.sd() == null, a.sd() == null, key);
            assertEquals(e.medianFoldChange(), a.medianFoldChange(), key);
        }
    }

    /**
     * Zero is a plausible value of most markers (the catalogue's low end is 0 for all but HGB, RBC
     * and HCT: a cytokine under the detection limit), so a baseline of 0 can be imported. Its
     * ratios are undefined (R: x / 0 is Inf, 0 / 0 is NaN); the subject has no fold change, as
     * R's {@code median(fc[is.finite(fc)])}, while its values count in n, median and quartiles.
     */
    @Test
    void aZeroBaselineIsImportedAndGivesNoFoldChange() throws Exception {
        Map<String, String> zeros = Map.of("RD-001,1,IL6,Interleukin 6,CYTOKINES,12.2,", "RD-001,1,IL6,Interleukin 6,CYTOKINES,0,",
                "RD-003,1,IL6,Interleukin 6,CYTOKINES,10.1,", "RD-003,1,IL6,Interleukin 6,CYTOKINES,0,",
                "RD-003,4,IL6,Interleukin 6,CYTOKINES,7.8,", "RD-003,4,IL6,Interleukin 6,CYTOKINES,0,");
        H2Import.Loaded study = H2Import.load(Zips.demoWith("RECIST-DEMO", "LB.csv", lb -> {
            for (Map.Entry<String, String> zero : zeros.entrySet()) {
                assertTrue(lb.contains(zero.getKey()), zero.getKey());
                lb = lb.replace(zero.getKey(), zero.getValue());
            }
            return lb;
        }));
        new MarkerSlices(study.connection()).build(study.studyId());
        long arm = study.armIds().get("IL6R");
        Map<String, Double> baseline = new HashMap<>();
        List<Double> week12 = new ArrayList<>();
        List<Double> finiteFolds = new ArrayList<>();
        try (PreparedStatement s = study.connection().prepareStatement("select s.usubjid, v.visit_number, r.standard_value"
                + " from lab_result r join subject s on s.id = r.subject_id join visit v on v.id = r.visit_id"
                + " where s.arm_id = ? and r.test_code = 'IL6' order by v.visit_number, s.usubjid")) {
            s.setLong(1, arm);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    double value = rs.getDouble(3);
                    if (rs.getInt(2) == 1) {
                        baseline.put(rs.getString(1), value);
                    } else if (rs.getInt(2) == 3) {
                        week12.add(value);
                        double fold = value / baseline.get(rs.getString(1));
                        if (Double.isFinite(fold)) {
                            finiteFolds.add(fold);
                        }
                    }
                }
            }
        }
        assertEquals(0.0, baseline.get("RD-001"), "a zero baseline imports");
        assertEquals(0.0, baseline.get("RD-003"));
        assertEquals(12, week12.size());
        assertEquals(10, finiteFolds.size(), "RD-001 (x / 0) and RD-003 (0 / 0) have none");
        finiteFolds.sort(null);
        double rMedian = (finiteFolds.get(4) + finiteFolds.get(5)) / 2;
        MarkerSummary w12 = summaries(study, null).stream().filter(m -> m.arm().equals("IL6R") && m.test().equals("IL6")
                && m.visitNum() == 3).findFirst().orElseThrow();
        assertEquals(12, w12.n(), "the zero results are values");
        assertEquals(rMedian, w12.medianFoldChange(), 1e-12);
        MarkerSummary base = summaries(study, null).stream().filter(m -> m.arm().equals("IL6R") && m.test().equals("IL6")
                && m.visitNum() == 1).findFirst().orElseThrow();
        assertEquals(12, base.n(), "the zero baselines are values");
        assertEquals(1.0, base.medianFoldChange(), "the other baselines are 1");
    }

    private static Double fold(List<MarkerSummary> summaries, String test, double visit) {
        return summaries.stream().filter(m -> m.test().equals(test) && m.visitNum() == visit).findFirst().orElseThrow()
                .medianFoldChange();
    }

    /** The id and subject of the n-th (by id) result of a test at a visit number whose subject has later results too. */
    private static long[] result(Connection c, String test, int visit, int n) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select r.id, r.subject_id from lab_result r join visit v on v.id = r.visit_id"
                + " where r.test_code = ? and v.visit_number = ? and exists (select 1 from lab_result l join visit lv"
                + " on lv.id = l.visit_id where l.subject_id = r.subject_id and l.test_code = r.test_code"
                + " and lv.visit_number > ?) order by r.id")) {
            s.setString(1, test);
            s.setInt(2, visit);
            s.setInt(3, visit);
            try (ResultSet rs = s.executeQuery()) {
                for (int i = 0; i <= n; i++) {
                    assertTrue(rs.next(), "a " + test + " result at visit " + visit);
                }
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private static void update(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            assertEquals(1, s.executeUpdate());
        }
    }
}
