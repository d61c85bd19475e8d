package org.cytotrial.report;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cytotrial.analysis.MarkerObservation;
import org.cytotrial.analysis.MarkerSummarizer;
import org.cytotrial.analysis.MarkerSummary;
import org.cytotrial.analysis.StudyDay;
import org.cytotrial.response.DatedResponse;
import org.cytotrial.response.MProteinMeasurement;
import org.cytotrial.response.NonTargetStatus;
import org.cytotrial.response.ResponseCategory;
import org.cytotrial.response.TumourAssessment;
import org.cytotrial.study.ResponseCriteria;

/**
 * A demo study's SDTM CSV turned into {@link ReportData} without a database: the same derivation
 * ({@link Outcomes}, the engine's summarizer) the reader feeds from SQL, so that the workbook can
 * be checked against the study's independently computed expected.json.
 */
final class DemoReportData {

    static Path demoDir() {
        String prop = System.getProperty("cytotrial.demo.dir");
        return prop != null && !prop.isBlank() ? Paths.get(prop) : Paths.get("../src/demo/studies");
    }

    final Path dir;
    final Map<String, String> parameters = new LinkedHashMap<>();
    /** usubjid -> DM row values */
    final Map<String, CSVRecord> dm = new LinkedHashMap<>();
    final Map<String, List<DatedResponse>> responses = new HashMap<>();
    final Map<String, TreeMap<LocalDate, Map<String, Double>>> scans = new HashMap<>();
    final Map<String, Set<String>> nodal = new HashMap<>();
    final Map<String, List<MProteinMeasurement>> mProtein = new HashMap<>();
    /** usubjid -> visit number -> [visit label, date, test -> value] */
    final Map<String, TreeMap<BigDecimal, Visit>> visits = new LinkedHashMap<>();
    final List<String[]> adverseEvents = new ArrayList<>();

    static final class Visit {
        String label;
        LocalDate date;
        final Map<String, Double> values = new LinkedHashMap<>();
    }

    DemoReportData(String study) throws IOException {
        this.dir = demoDir().resolve(study);
        each("TS.csv", r -> parameters.putIfAbsent(r.get("TSPARMCD").trim(), r.get("TSVAL").trim()));
        each("DM.csv", r -> dm.put(r.get("USUBJID"), r));
        each("RS.csv", r -> {
            String eval = r.isMapped("RSEVAL") ? r.get("RSEVAL") : "";
            if ("OVRLRESP".equals(r.get("RSTESTCD")) && (eval.isBlank() || eval.equalsIgnoreCase("INVESTIGATOR"))) {
                responses.computeIfAbsent(r.get("USUBJID"), k -> new ArrayList<>())
                        .add(new DatedResponse(date(r.get("RSDTC")), ResponseCategory.parse(r.get("RSORRES")),
                                new java.math.BigDecimal(r.get("VISITNUM").trim())));
            }
            visit(r.get("USUBJID"), r.get("VISITNUM"), r.get("VISIT"), r.get("RSDTC"));
        });
        Set<String> targets = new HashSet<>();
        each("TU.csv", r -> {
            String key = r.get("USUBJID") + "/" + r.get("TULNKID");
            if (r.get("TUORRES").equals("TARGET")) {
                targets.add(key);
            }
            if (r.get("TULOC").equals("LYMPH NODE")) {
                nodal.computeIfAbsent(r.get("USUBJID"), k -> new HashSet<>()).add(r.get("TULNKID"));
            }
            visit(r.get("USUBJID"), r.get("VISITNUM"), r.get("VISIT"), r.get("TUDTC"));
        });
        each("TR.csv", r -> {
            if (targets.contains(r.get("USUBJID") + "/" + r.get("TRLNKID"))) {
                scans.computeIfAbsent(r.get("USUBJID"), k -> new TreeMap<>())
                        .computeIfAbsent(date(r.get("TRDTC")), k -> new LinkedHashMap<>())
                        .put(r.get("TRLNKID"), r.get("TRORRES").isBlank() ? null : Double.valueOf(r.get("TRORRES")));
            }
            visit(r.get("USUBJID"), r.get("VISITNUM"), r.get("VISIT"), r.get("TRDTC"));
        });
        each("LB.csv", r -> {
            String test = r.get("LBTESTCD");
            double value = Double.parseDouble(r.get("LBORRES")) * factor(test, r.get("LBORRESU"));
            Visit v = visit(r.get("USUBJID"), r.get("VISITNUM"), r.get("VISIT"), r.get("LBDTC"));
            v.values.put(test, value);
            if (test.equals("MPROT")) {
                mProtein.computeIfAbsent(r.get("USUBJID"), k -> new ArrayList<>())
                        .add(new MProteinMeasurement(date(r.get("LBDTC")), value));
            }
        });
        each("AE.csv", r -> adverseEvents.add(new String[] {r.get("USUBJID"), r.get("AEDECOD"), r.get("AETOXGR"),
            r.get("AESTDTC")}));
    }

    private Visit visit(String subject, String number, String label, String date) {
        Visit v = visits.computeIfAbsent(subject, k -> new TreeMap<>())
                .computeIfAbsent(new BigDecimal(number).stripTrailingZeros(), k -> new Visit());
        if (v.label == null) {
            v.label = label;
        }
        LocalDate d = date(date);
        if (d != null && (v.date == null || d.isBefore(v.date))) {
            v.date = d;
        }
        return v;
    }

    ResponseCriteria criteria() {
        return ResponseCriteria.fromSdtm(parameters.get("RESPCRIT")).orElseThrow();
    }

    /** The scope of a report over every arm and site, optionally up to a cut-off. */
    ReportScope scope(LocalDate cutoff) {
        List<ReportScope.ArmRef> arms = new ArrayList<>();
        Set<String> seenArms = new java.util.TreeSet<>();
        Set<String> sites = new java.util.TreeSet<>();
        dm.values().forEach(r -> {
            seenArms.add(r.get("ARMCD") + "\t" + r.get("ARM"));
            sites.add(r.get("SITEID"));
        });
        long id = 1;
        for (String a : seenArms) {
            arms.add(new ReportScope.ArmRef(id++, a.split("\t")[0], a.split("\t")[1]));
        }
        List<ReportScope.SiteRef> siteRefs = new ArrayList<>();
        for (String s : sites) {
            siteRefs.add(new ReportScope.SiteRef(id++, s, s));
        }
        String sd = parameters.get("SDMINDY");
        String mr = parameters.get("MRLOWPCT");
        return new ReportScope(99, dir.getFileName().toString(), parameters.get("TITLE"), criteria(),
                sd == null ? 42 : Integer.parseInt(sd), mr == null ? null : Double.valueOf(mr), arms, true, siteRefs,
                true, cutoff, true, "sponsor");
    }

    ReportData data(ReportScope scope) {
        List<SubjectOutcome> outcomes = new ArrayList<>();
        for (CSVRecord r : dm.values()) {
            String id = r.get("USUBJID");
            List<TumourAssessment> tumours = new ArrayList<>();
            scans.getOrDefault(id, new TreeMap<>()).forEach((d, m) -> tumours.add(new TumourAssessment(d, m,
                    nodal.getOrDefault(id, Set.of()), false, NonTargetStatus.ABSENT)));
            SubjectOutcome o = Outcomes.derive(new Outcomes.SubjectData(id, r.get("ARMCD"), r.get("SITEID"),
                    date(r.get("RFSTDTC")), date(r.get("DTHDTC")), responses.getOrDefault(id, List.of()), tumours,
                    mProtein.getOrDefault(id, List.of())), scope);
            if (o != null) {
                outcomes.add(o);
            }
        }
        List<String> order = List.of("EOS", "LYM", "WBC", "HGB", "RBC", "HCT", "CD4", "CD8", "CD4/CD8", "CD25",
                "NKCD56", "CD69", "NKACT", "LAKACT", "SIL2R", "IL6", "IFNG", "IL4", "CRP", "MPROT");
        Set<String> tests = new HashSet<>();
        List<MarkerObservation> observations = new ArrayList<>();
        visits.forEach((subject, byNumber) -> byNumber.forEach((number, v) -> v.values.forEach((test, value) -> {
            if (scope.cutoff() == null || (v.date != null && !v.date.isAfter(scope.cutoff()))) {
                tests.add(test);
                observations.add(new MarkerObservation(dm.get(subject).get("ARMCD"), test, number.doubleValue(),
                        v.label, subject, value));
            }
        })));
        // within a visit in USUBJID order: the first subject's visit name labels the visit
        observations.sort(Comparator.comparing(MarkerObservation::arm).thenComparing(MarkerObservation::test)
                .thenComparingDouble(MarkerObservation::visitNum).thenComparing(MarkerObservation::subject));
        List<MarkerSummary> summaries = new ArrayList<>();
        MarkerSummarizer summarizer = new MarkerSummarizer(summaries::add);
        observations.forEach(summarizer);
        summarizer.finish();
        List<MarkerColumn> markers = order.stream().filter(tests::contains)
                .map(code -> new MarkerColumn(code, code + " name", unit(code))).toList();

        List<VisitRow> rows = new ArrayList<>();
        for (String subject : dm.keySet()) {
            LocalDate firstDose = date(dm.get(subject).get("RFSTDTC"));
            visits.getOrDefault(subject, new TreeMap<>()).forEach((number, v) -> {
                if (scope.cutoff() != null && (v.date == null || v.date.isAfter(scope.cutoff()))) {
                    return;
                }
                double[] values = new double[markers.size()];
                Arrays.fill(values, Double.NaN);
                for (int i = 0; i < markers.size(); i++) {
                    Double value = v.values.get(markers.get(i).code());
                    if (value != null) {
                        values[i] = value;
                    }
                }
                rows.add(new VisitRow(subject, dm.get(subject).get("ARMCD"), dm.get(subject).get("SITEID"), number,
                        v.label, v.date, v.date == null || firstDose == null ? null : StudyDay.of(firstDose, v.date),
                        values));
            });
        }

        Map<String, Integer> treatedPerArm = new HashMap<>();
        outcomes.forEach(o -> treatedPerArm.merge(o.arm(), 1, Integer::sum));
        Map<List<String>, int[]> counts = new LinkedHashMap<>();
        // every arm has its "any adverse event" row, with zeros when none of its subjects had one
        scope.arms().forEach(a -> counts.put(List.of(a.code(), AdverseEventCount.ANY), new int[5]));
        Map<List<String>, Integer> worst = new HashMap<>();
        Map<String, SubjectOutcome> treated = new HashMap<>();
        outcomes.forEach(o -> treated.put(o.subject(), o));
        for (String[] ae : adverseEvents) {
            SubjectOutcome o = treated.get(ae[0]);
            if (o != null && (scope.cutoff() == null || !date(ae[3]).isAfter(scope.cutoff()))) {
                worst.merge(List.of(ae[0], ae[1]), Integer.parseInt(ae[2]), Math::max);
                worst.merge(List.of(ae[0], AdverseEventCount.ANY), Integer.parseInt(ae[2]), Math::max);
            }
        }
        worst.forEach((key, grade) -> counts.computeIfAbsent(List.of(treated.get(key.get(0)).arm(), key.get(1)),
                k -> new int[5])[grade - 1]++);
        List<AdverseEventCount> aes = new ArrayList<>();
        counts.forEach((k, v) -> aes.add(new AdverseEventCount(k.get(0), k.get(1), treatedPerArm.getOrDefault(k.get(0), 0),
                v)));

        return new ReportData(scope, Outcomes.arms(scope, outcomes), Outcomes.logRank(scope, outcomes), outcomes,
                markers, summaries, aes, rows.size(), ReportData.of(rows), Instant.parse("2026-01-02T03:04:05Z"),
                "test");
    }

    private static String unit(String code) {
        return switch (code) {
            case "EOS", "LYM", "WBC" -> "10^9/L";
            case "HGB", "MPROT" -> "g/L";
            case "IL6", "IFNG", "IL4" -> "pg/mL";
            case "CRP" -> "mg/L";
            case "SIL2R" -> "U/mL";
            case "CD4/CD8" -> "ratio";
            default -> "%";
        };
    }

    private static double factor(String test, String unit) {
        String u = unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT);
        return (test.equals("HGB") && u.equals("g/dl")) || (test.equals("CRP") && u.equals("mg/dl")) ? 10.0 : 1.0;
    }

    private void each(String file, Consumer<CSVRecord> action) throws IOException {
        Path p = dir.resolve(file);
        if (!Files.exists(p)) {
            return;
        }
        try (Reader in = Files.newBufferedReader(p, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            for (CSVRecord r : parser) {
                action.accept(r);
            }
        }
    }

    static LocalDate date(String iso) {
        return iso == null || iso.isBlank() ? null : LocalDate.parse(iso.trim().substring(0, 10));
    }
}
