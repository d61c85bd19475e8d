package org.cytotrial.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.cytotrial.response.ResponseCategory;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every demo study under {@code cytotrial.demo.dir}, recomputed from its SDTM CSV with the
 * analysis classes and compared with its {@code expected.json} (computed independently in R).
 * Whatever the file holds is checked; nothing is hard-coded here.
 */
class DemoStudiesTest {

    private static final double REL = 1e-6;
    private static final double ABS = 1e-9;

    static Path demoDir() {
        String prop = System.getProperty("cytotrial.demo.dir");
        Path dir = prop != null && !prop.isBlank() ? Paths.get(prop) : Paths.get("../src/demo/studies");
        assertTrue(Files.isDirectory(dir), "demo studies directory not found: " + dir.toAbsolutePath());
        return dir;
    }

    @TestFactory
    Stream<DynamicContainer> demoStudies() throws IOException {
        List<Path> studies;
        try (Stream<Path> s = Files.list(demoDir())) {
            studies = s.filter(p -> Files.isRegularFile(p.resolve("expected.json"))).sorted().toList();
        }
        assertFalse(studies.isEmpty(), "no study with expected.json under " + demoDir());
        return studies.stream().map(dir -> {
            Computed c = new Computed(dir);
            return DynamicContainer.dynamicContainer(dir.getFileName().toString(), Stream.of(
                    DynamicTest.dynamicTest("subjects", () -> c.run(c::checkSubjects)),
                    DynamicTest.dynamicTest("arms", () -> c.run(c::checkArms)),
                    DynamicTest.dynamicTest("markers", () -> c.run(c::checkMarkers)),
                    DynamicTest.dynamicTest("analyses", () -> c.run(c::checkAnalyses))));
        });
    }

    /** One study: its data, its expectations and what our classes compute from the data. */
    static final class Computed {
        final Path dir;
        SdtmStudy study;
        JsonObject expected;
        final Map<String, BestOverallResponse> bor = new HashMap<>();
        final Map<String, PfsOutcome> pfs = new HashMap<>();
        /** Mismatches of the running check: all are reported together, not just the first. */
        final List<String> problems = new ArrayList<>();

        Computed(Path dir) {
            this.dir = dir;
        }

        interface Check {
            void run() throws IOException;
        }

        void run(Check check) throws IOException {
            load();
            problems.clear();
            check.run();
            if (!problems.isEmpty()) {
                fail(dir.getFileName() + ": " + problems.size() + " mismatch(es)\n" + String.join("\n", problems));
            }
        }

        void eq(Object expected, Object actual, String what) {
            if (!java.util.Objects.equals(expected, actual)) {
                problems.add(what + ": expected " + expected + " but was " + actual);
            }
        }

        void load() throws IOException {
            if (study != null) {
                return;
            }
            study = SdtmStudy.read(dir);
            try (Reader r = Files.newBufferedReader(dir.resolve("expected.json"));
                 var json = Json.createReader(r)) {
                expected = json.readObject();
            }
            for (SdtmStudy.Subject s : study.subjects.values()) {
                bor.put(s.usubjid(), BestOverallResponse.derive(study.responsesOf(s.usubjid()), s.firstDose(),
                        study.sdMinDays()));
                if (s.firstDose() != null) {
                    pfs.put(s.usubjid(), PfsDerivation.derive(study.responsesOf(s.usubjid()), s.firstDose(), s.death()));
                }
            }
        }

        void checkSubjects() throws IOException {
            if (expected.containsKey("sdMinDays")) {
                eq(expected.getInt("sdMinDays"), study.sdMinDays(), "sdMinDays");
            }
            for (JsonValue v : expected.getJsonArray("subjects")) {
                JsonObject e = v.asJsonObject();
                String id = e.getString("usubjid");
                SdtmStudy.Subject s = study.subjects.get(id);
                assertNotNull(s, "subject " + id + " not in DM");
                if (e.containsKey("arm")) {
                    eq(e.getString("arm"), s.arm(), id + " arm");
                }
                BestOverallResponse b = bor.get(id);
                eq(e.getBoolean("evaluable"), b.evaluable(), id + " evaluable");
                eq(ResponseCategory.parse(e.getString("bestResponse")), b.category(), id + " BOR");
                PfsOutcome p = pfs.get(id);
                assertNotNull(p, id + " has no first dose, so no PFS");
                eq(e.getInt("pfsDays"), p.days(), id + " pfsDays");
                eq(e.getBoolean("pfsEvent"), p.event(), id + " pfsEvent");
            }
        }

        List<SdtmStudy.Subject> treated(Predicate<SdtmStudy.Subject> filter) {
            return study.subjects.values().stream().filter(s -> s.firstDose() != null).filter(filter).toList();
        }

        void checkArms() throws IOException {
            for (JsonValue v : expected.getJsonArray("arms")) {
                JsonObject e = v.asJsonObject();
                String arm = e.getString("arm");
                List<SdtmStudy.Subject> subjects = treated(s -> s.arm().equals(arm));
                ResponseSummary rs = ResponseSummary.of(subjects.stream().map(s -> bor.get(s.usubjid())).toList());
                eq(e.getInt("treated"), rs.treated(), arm + " treated");
                eq(e.getInt("evaluable"), rs.evaluable(), arm + " evaluable");
                JsonObject counts = e.getJsonObject("bestResponse");
                for (String code : counts.keySet()) {
                    eq(counts.getInt(code), rs.count(ResponseCategory.parse(code)), arm + " BOR " + code);
                }
                checkProportion(e.getJsonObject("orr"), rs.objectiveResponse(), arm + " ORR");
                checkProportion(e.getJsonObject("dcr"), rs.diseaseControl(), arm + " DCR");
                checkSurvival(e.getJsonObject("pfs"), pfsSummary(subjects), arm + " PFS");
            }
        }

        SurvivalSummary pfsSummary(List<SdtmStudy.Subject> subjects) {
            return KaplanMeier.estimate(subjects.stream().map(s -> pfs.get(s.usubjid()).toObservation()).toList())
                    .summary().inMonths();
        }

        void checkMarkers() throws IOException {
            List<MarkerObservation> rows = new ArrayList<>();
            for (SdtmStudy.LabResult r : study.labs) {
                SdtmStudy.Subject s = study.subjects.get(r.usubjid());
                assertNotNull(s, "lab result of unknown subject " + r.usubjid());
                rows.add(new MarkerObservation(s.arm(), r.test(), r.visitNum(), r.visit(), r.usubjid(), r.value()));
            }
            rows.sort(Comparator.comparing(MarkerObservation::arm).thenComparing(MarkerObservation::test)
                    .thenComparingDouble(MarkerObservation::visitNum).thenComparing(MarkerObservation::subject));
            Map<String, MarkerSummary> computed = new LinkedHashMap<>();
            new MarkerSummarizerRun(rows, computed).run();

            var markers = expected.getJsonArray("markers");
            eq(markers.size(), computed.size(), "number of arm x test x visit marker rows");
            for (JsonValue v : markers) {
                JsonObject e = v.asJsonObject();
                String key = key(e.getString("arm"), e.getString("test"), e.getJsonNumber("visitnum").doubleValue());
                MarkerSummary m = computed.get(key);
                assertNotNull(m, "no marker summary for " + key);
                if (e.containsKey("visit")) {
                    eq(e.getString("visit"), m.visit(), key + " visit");
                }
                eq(e.getInt("n"), m.n(), key + " n");
                close(e, "median", m.median(), key);
                close(e, "q1", m.q1(), key);
                close(e, "q3", m.q3(), key);
                close(e, "mean", m.mean(), key);
                close(e, "sd", m.sd(), key);
                close(e, "medianFoldChange", m.medianFoldChange(), key);
            }
        }

        private record MarkerSummarizerRun(List<MarkerObservation> rows, Map<String, MarkerSummary> out) {
            void run() {
                MarkerSummarizer s = new MarkerSummarizer(m -> {
                    if (out.put(key(m.arm(), m.test(), m.visitNum()), m) != null) {
                        fail("two summaries for " + key(m.arm(), m.test(), m.visitNum()));
                    }
                });
                rows.forEach(s);
                s.finish();
            }
        }

        static String key(String arm, String test, double visitNum) {
            return arm + "/" + test + "/" + visitNum;
        }

        private static final Pattern SPEARMAN = Pattern.compile("spearman(\\w+?)vs(\\w+?)Baseline");
        private static final Pattern MANN_WHITNEY = Pattern.compile("mannWhitney(\\w+)");
        private static final Pattern LOGRANK_CUTOFF = Pattern.compile("logrankPfs(\\w+)AboveCutoff");

        void checkAnalyses() throws IOException {
            if (!expected.containsKey("analyses") || expected.isNull("analyses")) {
                return;
            }
            JsonObject analyses = expected.getJsonObject("analyses");
            for (String name : analyses.keySet()) {
                JsonObject e = analyses.getJsonObject(name);
                Matcher m;
                if ((m = SPEARMAN.matcher(name)).matches()) {
                    checkSpearman(e, m.group(1), m.group(2), name);
                } else if ((m = MANN_WHITNEY.matcher(name)).matches()) {
                    checkMannWhitney(e, m.group(1), name);
                } else if (name.equals("logrankPfsByArm")) {
                    Map<String, List<SurvivalObservation>> groups = new LinkedHashMap<>();
                    for (SdtmStudy.Subject s : treated(s -> true)) {
                        groups.computeIfAbsent(s.arm(), k -> new ArrayList<>()).add(pfs.get(s.usubjid()).toObservation());
                    }
                    checkLogRank(e, LogRank.test(groups), name);
                } else if ((m = LOGRANK_CUTOFF.matcher(name)).matches()) {
                    checkLogRankCutoff(e, m.group(1), name);
                } else {
                    fail("expected.json analysis '" + name + "' is not understood by this test");
                }
            }
        }

        /** First result of each subject for a test at a visit. */
        Map<String, Double> valuesAt(String test, double visitNum) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (SdtmStudy.LabResult r : study.labs) {
                if (r.test().equals(test) && r.visitNum() == visitNum) {
                    out.putIfAbsent(r.usubjid(), r.value());
                }
            }
            return out;
        }

        void checkSpearman(JsonObject e, String testX, String testY, String name) {
            Map<String, Double> x = valuesAt(testX, 1);
            Map<String, Double> y = valuesAt(testY, 1);
            List<String> both = x.keySet().stream().filter(y::containsKey).toList();
            SpearmanResult r = Spearman.test(both.stream().mapToDouble(x::get).toArray(),
                    both.stream().mapToDouble(y::get).toArray());
            eq(e.getInt("n"), r.n(), name + " n");
            close(e, "rho", r.rho(), name);
            close(e, "p", r.p(), name);
        }

        void checkMannWhitney(JsonObject e, String test, String name) {
            double visitNum = e.getJsonNumber("visitnum").doubleValue();
            Map<String, Double> values = valuesAt(test, visitNum);
            double[][] groups = new double[2][];
            for (int g = 0; g < 2; g++) {
                String arm = e.getString("arm" + (g + 1));
                groups[g] = values.entrySet().stream().filter(en -> study.subjects.get(en.getKey()).arm().equals(arm))
                        .mapToDouble(Map.Entry::getValue).toArray();
            }
            MannWhitneyResult r = MannWhitney.test(groups[0], groups[1]);
            eq(e.getInt("n1"), r.n1(), name + " n1");
            eq(e.getInt("n2"), r.n2(), name + " n2");
            close(e, "W", r.w(), name);
            close(e, "p", r.p(), name);
        }

        void checkLogRankCutoff(JsonObject e, String test, String name) {
            double cutoff = e.getJsonNumber("cutoff").doubleValue();
            Map<String, Double> baseline = valuesAt(test, 1);
            List<SurvivalObservation> high = new ArrayList<>();
            List<SurvivalObservation> low = new ArrayList<>();
            for (SdtmStudy.Subject s : treated(s -> baseline.containsKey(s.usubjid()))) {
                (baseline.get(s.usubjid()) > cutoff ? high : low).add(pfs.get(s.usubjid()).toObservation());
            }
            if (e.containsKey("nHigh")) {
                eq(e.getInt("nHigh"), high.size(), name + " nHigh");
            }
            if (e.containsKey("nLow")) {
                eq(e.getInt("nLow"), low.size(), name + " nLow");
            }
            Map<String, List<SurvivalObservation>> groups = new LinkedHashMap<>();
            groups.put("high", high);
            groups.put("low", low);
            checkLogRank(e, LogRank.test(groups), name);
            for (String g : List.of("high", "low")) {
                if (e.containsKey(g)) {
                    checkSurvival(e.getJsonObject(g), KaplanMeier.estimate(groups.get(g)).summary().inMonths(),
                            name + " " + g);
                }
            }
        }

        void checkLogRank(JsonObject e, LogRankResult r, String name) {
            close(e, "chisq", r.chiSquare(), name);
            close(e, "p", r.p(), name);
        }

        void checkProportion(JsonObject e, Proportion p, String what) {
            eq(e.getInt("count"), p.count(), what + " count");
            if (e.containsKey("n")) {
                eq(e.getInt("n"), p.n(), what + " n");
            }
            close(e, "rate", p.rate(), what);
            close(e, "lower", p.lower(), what);
            close(e, "upper", p.upper(), what);
        }

        void checkSurvival(JsonObject e, SurvivalSummary s, String what) {
            eq(e.getInt("events"), s.events(), what + " events");
            eq(e.getInt("censored"), s.censored(), what + " censored");
            close(e, "medianMonths", s.median(), what);
            close(e, "lowerMonths", s.medianLower(), what);
            close(e, "upperMonths", s.medianUpper(), what);
            close(e, "minMonths", s.minTime(), what);
            close(e, "maxMonths", s.maxTime(), what);
        }

        /** Expected null (or absent-as-null) must be null; numbers agree to 1e-6 relative. */
        void close(JsonObject e, String field, Double actual, String what) {
            assertTrue(e.containsKey(field), what + ": expected.json has no '" + field + "'");
            JsonValue v = e.get(field);
            if (v.getValueType() == JsonValue.ValueType.NULL) {
                if (actual != null) {
                    problems.add(what + " " + field + ": expected null but was " + actual);
                }
                return;
            }
            double exp = ((JsonNumber) v).doubleValue();
            if (actual == null || !(Math.abs(actual - exp) <= Math.max(REL * Math.abs(exp), ABS))) {
                problems.add(what + " " + field + ": expected " + exp + " but was " + actual);
            }
        }
    }
}
