package org.cytotrial.exchange.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.cytotrial.response.NonTargetStatus;
import org.cytotrial.response.RecistEvaluation;
import org.cytotrial.response.RecistEvaluator;
import org.cytotrial.response.ResponseCategory;
import org.cytotrial.response.TumourAssessment;

/**
 * Writes a realistic synthetic two-arm solid-tumour study (RECIST 1.1) as an SDTM zip:
 * subjects spread over sites, a visit every four weeks, immune markers and labs at every visit
 * (values drift by arm, some haemoglobin in g/dL), two or three target lesions per subject
 * measured at each assessment, the investigator's response (usually the RECIST response, now
 * and then a different call, as in real trials), progression and death for some, disposition and
 * adverse events.
 *
 * <p>Everything is streamed: a study of 100,000 subjects is written in constant memory.
 * The same {@link Options} (including the seed) always give the same bytes.
 *
 * <p>Command line: {@code --code SYN --subjects 10000 --sites 40 --visits 24 --assessments 12
 * --markers 20 --seed 1 [--complete] --out target/SYN.zip}
 *
 * <p>By default subjects leave the study after progression (one more visit) and some die, so a
 * study has fewer subject-visits than subjects x visits. With {@code --complete} every subject has
 * every planned visit: progression, responses, PFS and deaths are drawn exactly as by default, but
 * responses stop at progression while the visits (labs, markers, dosing) go on to the last planned
 * one, and a death falls after that visit. So 10,000 subjects x 24 visits are exactly 240,000
 * subject-visits, the shape of a benchmark that compares with writers of that many rows.
 */
public final class SyntheticStudyGenerator {

    /** Size and shape of the study. */
    public record Options(String code, int subjects, int sites, int visits, int assessments, int markers, long seed,
            boolean complete) {
        /** The default study: subjects leave after progression. */
        public Options(String code, int subjects, int sites, int visits, int assessments, int markers, long seed) {
            this(code, subjects, sites, visits, assessments, markers, seed, false);
        }

        public Options {
            if (subjects < 1 || sites < 1 || visits < 2 || assessments < 1 || markers < 1) {
                throw new IllegalArgumentException("subjects, sites, markers and assessments must be at least 1, visits at least 2");
            }
            if (assessments > visits - 1) {
                throw new IllegalArgumentException("at most one assessment per visit after baseline: assessments <= visits - 1");
            }
        }

        public static Options of(String code, int subjects) {
            return new Options(code, subjects, Math.max(1, Math.min(40, subjects / 25)), 12, 6, 20, 1);
        }
    }

    /** What one marker looks like: code, unit, typical baseline, spread and drift per arm. */
    private record MarkerProfile(String code, String name, String category, String unit, double baseline,
            double spread, double armEffect, double low, double high, int decimals) {}

    /** The catalogue's enterable markers with typical values of advanced-cancer patients. */
    private static final List<MarkerProfile> PROFILES = List.of(
            new MarkerProfile("EOS", "Eosinophils", "HEMATOLOGY", "10^9/L", 0.25, 0.45, 0.08, 0.01, 45, 2),
            new MarkerProfile("LYM", "Lymphocytes", "HEMATOLOGY", "10^9/L", 1.4, 0.35, 0.03, 0.1, 400, 2),
            new MarkerProfile("WBC", "Leukocytes", "HEMATOLOGY", "10^9/L", 6.5, 0.3, 0.01, 0.5, 900, 1),
            new MarkerProfile("HGB", "Hemoglobin", "HEMATOLOGY", "g/L", 108, 0.12, 0.01, 40, 240, 0),
            new MarkerProfile("RBC", "Erythrocytes", "HEMATOLOGY", "10^12/L", 3.9, 0.1, 0.005, 1, 9, 2),
            new MarkerProfile("HCT", "Hematocrit", "HEMATOLOGY", "%", 33, 0.1, 0.005, 10, 70, 1),
            new MarkerProfile("CD4", "CD4+ T Lymphocytes", "IMMUNOPHENOTYPING", "%", 38, 0.2, 0.01, 2, 95, 1),
            new MarkerProfile("CD8", "CD8+ T Lymphocytes", "IMMUNOPHENOTYPING", "%", 32, 0.2, -0.005, 2, 95, 1),
            new MarkerProfile("CD25", "CD25+ of CD4+ T Lymphocytes", "IMMUNOPHENOTYPING", "%", 8, 0.3, 0.04, 0.5, 95, 1),
            new MarkerProfile("NKCD56", "CD56+ NK Cells", "IMMUNOPHENOTYPING", "%", 14, 0.3, 0.03, 1, 95, 1),
            new MarkerProfile("CD69", "CD69+ Activated Lymphocytes", "IMMUNOPHENOTYPING", "%", 6, 0.35, 0.03, 0.5, 95, 1),
            new MarkerProfile("NKACT", "NK Cytotoxic Activity", "IMMUNE FUNCTION", "%", 18, 0.3, 0.02, 1, 95, 1),
            new MarkerProfile("LAKACT", "LAK Cytotoxic Activity", "IMMUNE FUNCTION", "%", 20, 0.3, 0.03, 1, 95, 1),
            new MarkerProfile("SIL2R", "Soluble Interleukin-2 Receptor", "CYTOKINES", "U/mL", 900, 0.4, 0.05, 50, 150000, 0),
            new MarkerProfile("IL6", "Interleukin 6", "CYTOKINES", "pg/mL", 12, 0.8, -0.06, 0.5, 90000, 1),
            new MarkerProfile("IFNG", "Interferon Gamma", "CYTOKINES", "pg/mL", 8, 0.6, 0.02, 0.2, 90000, 1),
            new MarkerProfile("IL4", "Interleukin 4", "CYTOKINES", "pg/mL", 5, 0.6, -0.01, 0.2, 90000, 1),
            new MarkerProfile("CRP", "C Reactive Protein", "CHEMISTRY", "mg/L", 14, 0.7, -0.04, 0.2, 900, 1),
            new MarkerProfile("MPROT", "Serum M-Protein", "CHEMISTRY", "g/L", 0.5, 0.5, 0, 0, 150, 1));

    private static final String[] LOCATIONS = {"LIVER", "LUNG", "LYMPH NODE", "KIDNEY", "BONE", "ADRENAL GLAND"};
    private static final String[][] ADVERSE_EVENTS = {
        {"Fever", "Pyrexia"}, {"Tiredness", "Fatigue"}, {"Feeling sick", "Nausea"}, {"Rash on arms", "Rash"},
        {"Low platelets", "Thrombocytopenia"}, {"Raised liver enzymes", "Alanine aminotransferase increased"},
        {"Diarrhoea", "Diarrhoea"}, {"Headache", "Headache"}};
    private static final int VISIT_INTERVAL_DAYS = 28;
    /** Entry time in the zip: fixed, so that the same options give the same bytes. */
    private static final long FIXED_TIME = 1_577_836_800_000L;

    private final Options options;
    private final List<MarkerProfile> markers;

    public SyntheticStudyGenerator(Options options) {
        this.options = options;
        this.markers = PROFILES.subList(0, Math.min(options.markers(), PROFILES.size()));
    }

    /** Writes the zip; returns the number of rows written per domain. */
    public Map<String, Long> write(OutputStream out) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            // One pass per domain, each regenerating its subjects from the same per-subject seed:
            // constant memory whatever the study size.
            for (String domain : List.of("TS", "DM", "EX", "TU", "TR", "RS", "DS", "AE", "LB")) {
                ZipEntry entry = new ZipEntry(domain + ".csv");
                entry.setTime(FIXED_TIME);
                zip.putNextEntry(entry);
                Writer writer = new BufferedWriter(new OutputStreamWriter(CloseShieldOutputStream.wrap(zip), StandardCharsets.UTF_8), 1 << 16);
                long rows = writeDomain(domain, writer);
                writer.flush();
                zip.closeEntry();
                counts.put(domain, rows);
            }
        }
        return counts;
    }

    private long writeDomain(String domain, Writer w) throws IOException {
        String code = options.code();
        switch (domain) {
            case "TS" -> {
                w.write("STUDYID,DOMAIN,TSSEQ,TSPARMCD,TSPARM,TSVAL\n");
                w.write(code + ",TS,1,TITLE,Trial Title,\"Synthetic two-arm study (" + options.subjects() + " subjects, generated)\"\n");
                w.write(code + ",TS,2,RESPCRIT,Response Criteria,RECIST 1.1\n");
                w.write(code + ",TS,3,SDMINDY,Minimum Days From First Dose For Stable Disease,42\n");
                w.write(code + ",TS,4,MRLOWPCT,\"Minor Response Lower Bound, Percent Decrease\",10\n");
                return 4;
            }
            case "DM" -> w.write("STUDYID,DOMAIN,USUBJID,SUBJID,SITEID,RFICDTC,RFSTDTC,RFENDTC,DTHDTC,DTHFL,AGE,AGEU,SEX,ARMCD,ARM,COUNTRY\n");
            case "EX" -> w.write("STUDYID,DOMAIN,USUBJID,EXSEQ,EXTRT,EXDOSE,EXDOSU,EXDOSFRQ,EXROUTE,EXSTDTC,EXENDTC\n");
            case "TU" -> w.write("STUDYID,DOMAIN,USUBJID,TUSEQ,TULNKID,TUTESTCD,TUTEST,TUORRES,TULOC,VISITNUM,VISIT,TUDTC\n");
            case "TR" -> w.write("STUDYID,DOMAIN,USUBJID,TRSEQ,TRLNKID,TRTESTCD,TRTEST,TRORRES,TRORRESU,VISITNUM,VISIT,TRDTC\n");
            case "RS" -> w.write("STUDYID,DOMAIN,USUBJID,RSSEQ,RSTESTCD,RSTEST,RSORRES,RSEVAL,VISITNUM,VISIT,RSDTC\n");
            case "DS" -> w.write("STUDYID,DOMAIN,USUBJID,DSSEQ,DSTERM,DSDECOD,DSCAT,DSSTDTC\n");
            case "AE" -> w.write("STUDYID,DOMAIN,USUBJID,AESEQ,AETERM,AEDECOD,AETOXGR,AESER,AEREL,AESTDTC,AEENDTC\n");
            case "LB" -> w.write("STUDYID,DOMAIN,USUBJID,LBSEQ,LBTESTCD,LBTEST,LBCAT,LBORRES,LBORRESU,VISITNUM,VISIT,LBDTC\n");
            default -> throw new IllegalArgumentException(domain);
        }
        long rows = 0;
        StringBuilder line = new StringBuilder(256);
        for (int i = 1; i <= options.subjects(); i++) {
            SubjectCourse subject = new SubjectCourse(i);
            rows += subject.write(domain, w, line);
        }
        return rows;
    }

    /** One subject's whole course, derived from its own seed so every domain pass agrees. */
    private final class SubjectCourse {
        final String usubjid;
        final boolean treatmentArm;
        final String site;
        final LocalDate consent;
        final LocalDate firstDose;
        final int age;
        final String sex;
        /** Visits the subject had (1 = baseline); fewer than planned after progression unless complete. */
        final int visitsDone;
        final List<TumourAssessment> tumours = new ArrayList<>();
        final List<RecistEvaluation> evaluations;
        final int[] assessmentVisits;
        final String[] lesionIds;
        final String[] lesionLocations;
        final List<ResponseCategory> investigator = new ArrayList<>();
        final LocalDate death;
        final int progressionVisit;
        final long seed;

        SubjectCourse(int index) {
            seed = options.seed() * 1_000_003L + index;
            Random random = new Random(seed);
            usubjid = options.code() + "-" + String.format(Locale.ROOT, "%06d", index);
            treatmentArm = index % 2 == 1;
            site = "SITE" + String.format(Locale.ROOT, "%03d", 1 + random.nextInt(options.sites()));
            consent = LocalDate.of(2019, 1, 1).plusDays(random.nextInt(1000));
            firstDose = consent.plusDays(3 + random.nextInt(12));
            age = 35 + random.nextInt(50);
            sex = random.nextBoolean() ? "M" : "F";

            int lesions = 2 + random.nextInt(2);
            lesionIds = new String[lesions];
            lesionLocations = new String[lesions];
            double[] size = new double[lesions];
            for (int l = 0; l < lesions; l++) {
                lesionIds[l] = "T" + String.format(Locale.ROOT, "%02d", l + 1);
                lesionLocations[l] = LOCATIONS[random.nextInt(LOCATIONS.length)];
                size[l] = lesionLocations[l].equals("LYMPH NODE") ? 15 + random.nextInt(20) : 12 + random.nextInt(45);
            }
            // Assessments at evenly spread visits after baseline.
            assessmentVisits = new int[options.assessments()];
            for (int a = 0; a < assessmentVisits.length; a++) {
                assessmentVisits[a] = 2 + (int) ((long) a * (options.visits() - 1) / assessmentVisits.length);
            }
            double trend = (treatmentArm ? -0.045 : -0.01) + random.nextGaussian() * 0.04;
            int planned = options.visits();
            int progressed = 0;
            tumours.add(assessment(visitDate(1).minusDays(2), lesionIds, size, lesionLocations, false));
            for (int a = 0; a < assessmentVisits.length && progressed == 0; a++) {
                int visit = assessmentVisits[a];
                boolean newLesion = random.nextDouble() < 0.015 * a;
                for (int l = 0; l < lesions; l++) {
                    size[l] = Math.max(0, Math.round(size[l] * (1 + trend + random.nextGaussian() * 0.05)));
                }
                tumours.add(assessment(visitDate(visit), lesionIds, size, lesionLocations, newLesion));
                trend += 0.012 + random.nextGaussian() * 0.01;
                if (newLesion) {
                    progressed = visit;
                }
            }
            evaluations = RecistEvaluator.evaluate(tumours, 10.0);
            int firstPd = 0;
            for (int e = 1; e < evaluations.size(); e++) {
                ResponseCategory computed = evaluations.get(e).category();
                ResponseCategory called = random.nextDouble() < 0.03 ? neighbour(computed, random) : computed;
                investigator.add(called);
                if (computed == ResponseCategory.PD && firstPd == 0) {
                    firstPd = assessmentVisits[e - 1];
                }
            }
            progressionVisit = firstPd;
            // the last visit with a tumour assessment: the one after progression at the latest
            int assessedUpTo = firstPd == 0 ? planned : Math.min(planned, firstPd + 1);
            visitsDone = options.complete() ? planned : assessedUpTo;
            // the same draws with or without complete, so both have the same responses and deaths
            death = firstPd != 0 && random.nextDouble() < 0.4
                    ? visitDate(options.complete() ? planned : firstPd).plusDays(30 + random.nextInt(200))
                    : null;
            // keep only the assessments up to the last assessed visit
            while (tumours.size() - 1 > countAssessmentsUpTo(assessedUpTo)) {
                tumours.remove(tumours.size() - 1);
                investigator.remove(investigator.size() - 1);
            }
        }

        int countAssessmentsUpTo(int visit) {
            int n = 0;
            for (int v : assessmentVisits) {
                if (v <= visit) {
                    n++;
                }
            }
            return n;
        }

        LocalDate visitDate(int visit) {
            return firstDose.plusDays((long) (visit - 1) * VISIT_INTERVAL_DAYS);
        }

        String visitName(int visit) {
            return visit == 1 ? "BASELINE" : "WEEK " + ((visit - 1) * VISIT_INTERVAL_DAYS / 7);
        }

        long write(String domain, Writer w, StringBuilder line) throws IOException {
            String prefix = options.code() + "," + domain + "," + usubjid + ",";
            long rows = 0;
            switch (domain) {
                case "DM" -> {
                    LocalDate last = visitDate(visitsDone);
                    emit(w, line, prefix, String.format(Locale.ROOT, "%06d", Integer.parseInt(usubjid.substring(usubjid.length() - 6))),
                            site, consent, firstDose, last, death == null ? "" : death, death == null ? "" : "Y", age, "YEARS",
                            sex, treatmentArm ? "IL6R" : "CTRL",
                            treatmentArm ? "Anti-IL-6R (tocilizumab) 8 mg/kg q4w" : "Standard care", "DEU");
                    rows++;
                }
                case "EX" -> {
                    int seq = 0;
                    for (int v = 1; v <= visitsDone; v++) {
                        LocalDate date = visitDate(v);
                        emit(w, line, prefix, ++seq, treatmentArm ? "TOCILIZUMAB" : "STANDARD CARE", treatmentArm ? "8" : "",
                                treatmentArm ? "mg/kg" : "", treatmentArm ? "Q4W" : "", treatmentArm ? "INTRAVENOUS" : "",
                                date, date);
                        rows++;
                    }
                }
                case "TU" -> {
                    for (int l = 0; l < lesionIds.length; l++) {
                        emit(w, line, prefix, l + 1, lesionIds[l], "TUMIDENT", "Tumor Identification", "TARGET",
                                lesionLocations[l], 1, visitName(1), tumours.get(0).date());
                        rows++;
                    }
                    for (int t = 1; t < tumours.size(); t++) {
                        if (tumours.get(t).newLesion()) {
                            int visit = assessmentVisits[t - 1];
                            emit(w, line, prefix, lesionIds.length + 1, "NEW01", "TUMIDENT", "Tumor Identification", "NEW",
                                    "LIVER", visit, visitName(visit), tumours.get(t).date());
                            rows++;
                            break;
                        }
                    }
                }
                case "TR" -> {
                    int seq = 0;
                    for (int t = 0; t < tumours.size(); t++) {
                        int visit = t == 0 ? 1 : assessmentVisits[t - 1];
                        TumourAssessment tumour = tumours.get(t);
                        for (String id : lesionIds) {
                            emit(w, line, prefix, ++seq, id, "LDIAM", "Longest Diameter",
                                    (long) (double) tumour.targetDiametersMm().get(id), "mm", visit, visitName(visit), tumour.date());
                            rows++;
                        }
                    }
                }
                case "RS" -> {
                    for (int a = 0; a < investigator.size(); a++) {
                        int visit = assessmentVisits[a];
                        emit(w, line, prefix, a + 1, "OVRLRESP", "Overall Response", investigator.get(a).name(),
                                "INVESTIGATOR", visit, visitName(visit), visitDate(visit));
                        rows++;
                    }
                }
                case "DS" -> {
                    int seq = 0;
                    if (progressionVisit != 0) {
                        emit(w, line, prefix, ++seq, "Progressive disease", "PROGRESSIVE DISEASE", "DISPOSITION EVENT",
                                visitDate(progressionVisit));
                        rows++;
                    }
                    if (death != null) {
                        emit(w, line, prefix, ++seq, "Died of progressive disease", "DEATH", "DISPOSITION EVENT", death);
                        rows++;
                    }
                }
                case "AE" -> {
                    Random random = new Random(seed ^ 0x5DEECE66DL);
                    int events = random.nextInt(4);
                    for (int e = 1; e <= events; e++) {
                        String[] term = ADVERSE_EVENTS[random.nextInt(ADVERSE_EVENTS.length)];
                        LocalDate start = firstDose.plusDays(random.nextInt(Math.max(1, (visitsDone - 1) * VISIT_INTERVAL_DAYS + 1)));
                        int grade = 1 + Math.min(4, (int) Math.abs(random.nextGaussian() * 1.3));
                        emit(w, line, prefix, e, term[0], term[1], grade, grade >= 3 ? "Y" : "N",
                                random.nextDouble() < 0.6 ? "Y" : "N", start, random.nextBoolean() ? start.plusDays(1 + random.nextInt(20)) : "");
                        rows++;
                    }
                }
                case "LB" -> {
                    Random random = new Random(seed ^ 0x2545F4914F6CDD1DL);
                    double[] subjectLevel = new double[markers.size()];
                    for (int m = 0; m < markers.size(); m++) {
                        subjectLevel[m] = markers.get(m).baseline() * Math.exp(random.nextGaussian() * markers.get(m).spread());
                    }
                    int seq = 0;
                    for (int v = 1; v <= visitsDone; v++) {
                        LocalDate date = visitDate(v);
                        for (int m = 0; m < markers.size(); m++) {
                            MarkerProfile p = markers.get(m);
                            double effect = treatmentArm ? p.armEffect() : p.armEffect() / 4;
                            double value = subjectLevel[m] * Math.exp(effect * (v - 1) + random.nextGaussian() * p.spread() / 4);
                            value = Math.max(p.low(), Math.min(p.high(), value));
                            String unit = p.unit();
                            if (p.code().equals("HGB") && random.nextDouble() < 0.2) {
                                value /= 10;
                                unit = "g/dL";
                                emit(w, line, prefix, ++seq, p.code(), p.name(), p.category(), format(value, 1), unit, v,
                                        visitName(v), date);
                            } else {
                                emit(w, line, prefix, ++seq, p.code(), p.name(), p.category(), format(value, p.decimals()),
                                        unit, v, visitName(v), date);
                            }
                            rows++;
                        }
                    }
                }
                default -> throw new IllegalArgumentException(domain);
            }
            return rows;
        }
    }

    private static TumourAssessment assessment(LocalDate date, String[] ids, double[] sizes, String[] locations, boolean newLesion) {
        Map<String, Double> diameters = new LinkedHashMap<>();
        java.util.Set<String> nodal = new java.util.HashSet<>();
        for (int i = 0; i < ids.length; i++) {
            diameters.put(ids[i], sizes[i]);
            if (locations[i].equals("LYMPH NODE")) {
                nodal.add(ids[i]);
            }
        }
        return new TumourAssessment(date, diameters, Set.copyOf(nodal), newLesion, NonTargetStatus.ABSENT);
    }

    private static ResponseCategory neighbour(ResponseCategory category, Random random) {
        ResponseCategory[] order = {ResponseCategory.CR, ResponseCategory.PR, ResponseCategory.MR, ResponseCategory.SD,
            ResponseCategory.PD};
        for (int i = 0; i < order.length; i++) {
            if (order[i] == category) {
                int j = i + (random.nextBoolean() ? 1 : -1);
                return order[Math.max(0, Math.min(order.length - 1, j))];
            }
        }
        return category;
    }

    private static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static void emit(Writer w, StringBuilder line, String prefix, Object... values) throws IOException {
        line.setLength(0);
        line.append(prefix);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String text = String.valueOf(values[i]);
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0) {
                line.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else {
                line.append(text);
            }
        }
        line.append('\n');
        w.write(line.toString());
    }

    private static final List<String> OPTION_NAMES = List.of("code", "subjects", "sites", "visits", "assessments",
            "markers", "seed", "complete", "out");

    public static void main(String[] args) throws IOException {
        Map<String, String> arguments = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected --name value pairs or --complete, got " + args[i]);
            }
            String name = args[i].substring(2);
            if (!OPTION_NAMES.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + "; the options are --"
                        + String.join(", --", OPTION_NAMES));
            }
            boolean flag = i + 1 == args.length || args[i + 1].startsWith("--");
            arguments.put(name, flag ? "true" : args[++i]);
        }
        int subjects = Integer.parseInt(arguments.getOrDefault("subjects", "1000"));
        Options options = new Options(arguments.getOrDefault("code", "SYN-" + subjects), subjects,
                Integer.parseInt(arguments.getOrDefault("sites", String.valueOf(Math.max(1, Math.min(40, subjects / 25))))),
                Integer.parseInt(arguments.getOrDefault("visits", "24")),
                Integer.parseInt(arguments.getOrDefault("assessments", "12")),
                Integer.parseInt(arguments.getOrDefault("markers", "20")),
                Long.parseLong(arguments.getOrDefault("seed", "1")),
                Boolean.parseBoolean(arguments.getOrDefault("complete", "false")));
        Path out = Path.of(arguments.getOrDefault("out", "target/" + options.code() + ".zip"));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        long started = System.nanoTime();
        Map<String, Long> counts;
        try (OutputStream stream = Files.newOutputStream(out)) {
            counts = new SyntheticStudyGenerator(options).write(stream);
        }
        System.out.printf(Locale.ROOT, "%s: %s rows %s in %.1f s (%d bytes)%n", out, options.code(), counts,
                (System.nanoTime() - started) / 1e9, Files.size(out));
    }
}
