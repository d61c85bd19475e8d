package org.cytotrial.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.cytotrial.exchange.SdtmRecords.AeRow;
import org.cytotrial.exchange.SdtmRecords.DmRow;
import org.cytotrial.exchange.SdtmRecords.DsRow;
import org.cytotrial.exchange.SdtmRecords.ExRow;
import org.cytotrial.exchange.SdtmRecords.LbRow;
import org.cytotrial.exchange.SdtmRecords.RsRow;
import org.cytotrial.exchange.SdtmRecords.TrRow;
import org.cytotrial.exchange.SdtmRecords.TsRow;
import org.cytotrial.exchange.SdtmRecords.TuRow;
import org.cytotrial.exchange.StudyPlan.LesionPlan;
import org.cytotrial.exchange.StudyPlan.SubjectPlan;
import org.cytotrial.exchange.StudyPlan.VisitPlan;
import org.cytotrial.marker.Marker;
import org.cytotrial.marker.MarkerCatalogue;
import org.cytotrial.study.ResponseCriteria;
import org.cytotrial.study.Study;

/**
 * First pass of an import: reads every file of the archive and reports every problem, while
 * building the {@link StudyPlan} that the writer follows. Nothing touches the database here
 * except through the two questions passed in (is a study code taken, the marker catalogue), so
 * the whole rule set is unit-tested without a container.
 */
public final class StudyValidator {

    /** The request parameter that imports under another study code; problems about it name it as their column. */
    static final String CODE_PARAMETER = "code";

    private static final Set<String> SINGLE_VALUED_PARAMETERS = Set.of("TITLE", "RESPCRIT", "SDMINDY", "MRLOWPCT");

    private final MarkerCatalogue catalogue;
    private final Predicate<String> studyCodeTaken;
    private final ImportProblems problems;
    private final StudyPlan plan = new StudyPlan();

    private final Set<Long> sequences = new HashSet<>();
    /** Subjects whose DM row was refused: their other rows are not reported again. */
    private final Set<String> refusedSubjects = new HashSet<>();
    /** Rows of subjects missing from DM, per file and subject: reported once, with a count. */
    private final Map<String, int[]> unknownSubjectRows = new java.util.LinkedHashMap<>();
    private final Map<String, ImportProblem> unknownSubjectFirst = new java.util.LinkedHashMap<>();
    private final Set<Long> resultKeys = new HashSet<>();
    private final Map<String, Integer> testIndex = new HashMap<>();

    public StudyValidator(MarkerCatalogue catalogue, Predicate<String> studyCodeTaken, ImportProblems problems) {
        this.catalogue = catalogue;
        this.studyCodeTaken = studyCodeTaken;
        this.problems = problems;
    }

    /**
     * Validates the archive. {@code codeOverride} imports the files under another study code
     * (their STUDYID must still agree with each other).
     */
    StudyPlan validate(StudyArchive archive, String codeOverride) {
        read(archive, SdtmDomain.TS, this::ts);
        finishStudy(codeOverride);
        read(archive, SdtmDomain.DM, this::dm);
        read(archive, SdtmDomain.EX, row -> subjectRow(SdtmDomain.EX, row, SdtmRecords.ex(row), ExRow::usubjid, ExRow::seq));
        read(archive, SdtmDomain.DS, row -> subjectRow(SdtmDomain.DS, row, SdtmRecords.ds(row), DsRow::usubjid, DsRow::seq));
        read(archive, SdtmDomain.AE, row -> subjectRow(SdtmDomain.AE, row, SdtmRecords.ae(row), AeRow::usubjid, AeRow::seq));
        read(archive, SdtmDomain.TU, this::tu);
        read(archive, SdtmDomain.TR, this::tr);
        read(archive, SdtmDomain.RS, this::rs);
        read(archive, SdtmDomain.LB, this::lb);
        return plan;
    }

    private void read(StudyArchive archive, SdtmDomain domain, Consumer<Row> handler) {
        Optional<InputStream> in;
        try {
            in = archive.open(domain);
        } catch (IOException e) {
            problems.add(ImportProblem.ofFile(domain.fileName(), "cannot be read from the zip: " + e.getMessage()));
            return;
        }
        if (in.isEmpty()) {
            return;
        }
        try (InputStream stream = in.get(); CsvRows rows = CsvRows.open(domain, stream, problems)) {
            if (rows == null) {
                return;
            }
            if (!rows.notKept().isEmpty()) {
                plan.columnsNotKept.put(domain.fileName(), rows.notKept());
            }
            int[] count = {0};
            rows.forEach(row -> {
                count[0]++;
                checkIdentity(domain, row);
                handler.accept(row);
            });
            plan.rowCounts.put(domain, count[0]);
            reportUnknownSubjects();
        } catch (IOException e) {
            problems.add(ImportProblem.ofFile(domain.fileName(), "cannot be read from the zip: " + e.getMessage()));
        }
    }

    /** Every row names its study and its domain; both must agree with the rest of the upload. */
    private void checkIdentity(SdtmDomain domain, Row row) {
        String domainValue = row.text("DOMAIN");
        if (domainValue != null && !domainValue.equals(domain.name())) {
            row.problem("DOMAIN", "'" + domainValue + "' in " + domain.fileName() + "; expected " + domain.name());
        }
        String studyId = row.text("STUDYID");
        if (studyId == null) {
            return;
        }
        if (plan.sourceStudyId == null) {
            plan.sourceStudyId = studyId;
            plan.studyCodeOrigin = new StudyPlan.Origin(row.file(), row.line(), "STUDYID");
        } else if (!plan.sourceStudyId.equals(studyId)) {
            row.problem("STUDYID", "'" + studyId + "' differs from the study '" + plan.sourceStudyId + "' of TS.csv");
        }
    }

    // ---- TS

    private final Set<String> seenSingleParameters = new HashSet<>();
    private final Set<String> seenParameterSeqs = new HashSet<>();

    private void ts(Row row) {
        TsRow ts = SdtmRecords.ts(row);
        if (ts == null) {
            return;
        }
        if (!seenParameterSeqs.add(ts.code() + "|" + ts.seq())) {
            row.problem("TSSEQ", "TSSEQ " + ts.seq() + " is used twice for parameter " + ts.code());
            return;
        }
        if (SINGLE_VALUED_PARAMETERS.contains(ts.code()) && !seenSingleParameters.add(ts.code())) {
            row.problem("TSPARMCD", "parameter " + ts.code() + " is given twice; it takes one value");
            return;
        }
        try {
            switch (ts.code()) {
                case "RESPCRIT" -> ResponseCriteria.fromSdtm(ts.value()).orElseThrow(() -> new IllegalArgumentException(
                        "response criteria '" + ts.value() + "' are not supported; use RECIST 1.1 or IMWG"));
                case "SDMINDY" -> Study.parseSdMinDays(ts.value());
                case "MRLOWPCT" -> Study.parseMinorResponseBand(ts.value());
                default -> {
                    // kept as information
                }
            }
        } catch (IllegalArgumentException e) {
            row.problem("TSVAL", e.getMessage());
            return;
        }
        plan.parameters.add(ts);
    }

    /** A problem about the study code, placed where the code came from (see {@link StudyPlan#studyCodeOrigin}). */
    static ImportProblem studyCodeProblem(StudyPlan plan, String reason) {
        StudyPlan.Origin origin = plan.studyCodeOrigin;
        return new ImportProblem(origin.file(), origin.line(), origin.column(), reason);
    }

    private void finishStudy(String codeOverride) {
        if (plan.sourceStudyId == null) {
            if (problems.isEmpty()) {
                problems.add(ImportProblem.ofFile("TS.csv", "no trial summary rows; TS.csv needs at least TITLE and RESPCRIT"));
            }
            return;
        }
        for (String required : new String[] {"TITLE", "RESPCRIT"}) {
            if (plan.parameters.stream().noneMatch(p -> p.code().equals(required))) {
                problems.add("TS.csv", null, "TSPARMCD", "parameter " + required + " is required");
            }
        }
        boolean overridden = codeOverride != null && !codeOverride.isBlank();
        String code = overridden ? codeOverride.strip() : plan.sourceStudyId;
        if (overridden) {
            plan.studyCodeOrigin = new StudyPlan.Origin(null, null, CODE_PARAMETER);
        }
        if (!code.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,39}")) {
            problems.add(studyCodeProblem(plan,
                    "study code '" + code + "' must be 1 to 40 letters, digits, dots, underscores or hyphens"));
        } else if (studyCodeTaken.test(code)) {
            problems.add(studyCodeProblem(plan,
                    "study " + code + " is already present; import it under another code or remove the existing one first"));
        }
        plan.studyCode = code;
    }

    // ---- DM

    private final Map<String, Integer> armLines = new HashMap<>();
    private final Set<String> reportedConflicts = new HashSet<>();

    private void dm(Row row) {
        DmRow dm = SdtmRecords.dm(row);
        if (dm == null || !row.valid()) {
            if (row.text("USUBJID") != null) {
                refusedSubjects.add(row.text("USUBJID"));
            }
            return;
        }
        if (plan.subjects.containsKey(dm.usubjid())) {
            row.problem("USUBJID", "subject " + dm.usubjid() + " appears twice in DM.csv (line "
                    + plan.subjects.get(dm.usubjid()).dm.line() + ")");
            return;
        }
        String knownArm = plan.arms.putIfAbsent(dm.armCode(), dm.armName());
        armLines.putIfAbsent(dm.armCode(), row.line());
        if (knownArm != null && !knownArm.equals(dm.armName())
                && reportedConflicts.add("ARM|" + dm.armCode() + "|" + dm.armName())) {
            // an arm-level problem, reported once per differing name; the subject itself is fine
            row.problem("ARM", "arm " + dm.armCode() + " is named '" + dm.armName() + "' here but '" + knownArm
                    + "' on line " + armLines.get(dm.armCode()) + " of DM.csv");
        }
        plan.sites.add(dm.siteId());
        SubjectPlan subject = new SubjectPlan(plan.subjectsByIndex.size(), dm);
        plan.subjects.put(dm.usubjid(), subject);
        plan.subjectsByIndex.add(subject);
    }

    private SubjectPlan subject(Row row, String usubjid) {
        if (usubjid == null) {
            return null;
        }
        SubjectPlan subject = plan.subjects.get(usubjid);
        if (subject == null && !refusedSubjects.contains(usubjid)) {
            String key = row.file() + "|" + usubjid;
            int[] count = unknownSubjectRows.computeIfAbsent(key, k -> new int[1]);
            if (count[0]++ == 0) {
                unknownSubjectFirst.put(key, new ImportProblem(row.file(), row.line(), "USUBJID",
                        "subject " + usubjid + " is not in DM.csv"));
            }
            row.invalidate();
        }
        return subject;
    }

    /** One problem per file and unknown subject, naming how many rows it affects. */
    private void reportUnknownSubjects() {
        unknownSubjectFirst.forEach((key, first) -> {
            int rows = unknownSubjectRows.get(key)[0];
            problems.add(rows == 1 ? first : new ImportProblem(first.file(), first.line(), first.column(),
                    first.reason() + " (" + rows + " rows of this file, from this line on)"));
        });
        unknownSubjectFirst.clear();
        unknownSubjectRows.clear();
    }

    private <T> SubjectPlan subjectRow(SdtmDomain domain, Row row, T parsed, java.util.function.Function<T, String> usubjid,
            java.util.function.Function<T, Integer> seq) {
        if (parsed == null) {
            subject(row, row.text("USUBJID"));
            return null;
        }
        SubjectPlan subject = subject(row, usubjid.apply(parsed));
        if (subject != null) {
            checkSequence(domain, row, subject, seq.apply(parsed));
        }
        return subject;
    }

    /** xxSEQ identifies a row within a subject and domain: no repeats. */
    private void checkSequence(SdtmDomain domain, Row row, SubjectPlan subject, Integer seq) {
        long key = ((long) domain.ordinal() << 56) | ((long) subject.index << 32) | (seq & 0xffffffffL);
        if (!sequences.add(key)) {
            row.problem(domain.name() + "SEQ", domain.name() + "SEQ " + seq + " is used twice for subject " + subject.dm.usubjid());
        }
    }

    // ---- visits

    /** Registers the visit a row belongs to; the same VISITNUM must carry the same VISIT name. */
    private VisitPlan visit(Row row, SubjectPlan subject, BigDecimal number, String name, LocalDate date) {
        if (subject == null || number == null || name == null) {
            return null;
        }
        int visitIndex = plan.visitIndex(number);
        long key = StudyPlan.visitKey(subject.index, visitIndex);
        VisitPlan visit = plan.visits.get(key);
        if (visit == null) {
            visit = new VisitPlan(subject.index, number, name, row.file() + " line " + row.line());
            plan.visits.put(key, visit);
            plan.visitNames.putIfAbsent(number, name);
        } else if (!visit.name.equals(name)) {
            if (reportedConflicts.add("VISIT|" + key + "|" + name)) {
                row.problem("VISIT", "'" + name + "' differs from '" + visit.name + "' given in " + visit.origin
                        + " for VISITNUM " + number.toPlainString() + " of subject " + subject.dm.usubjid());
            } else {
                row.invalidate();
            }
            return null;
        }
        if (date != null && (visit.earliest == null || date.isBefore(visit.earliest))) {
            visit.earliest = date;
        }
        return visit;
    }

    // ---- tumours

    private void tu(Row row) {
        TuRow tu = SdtmRecords.tu(row);
        SubjectPlan subject = subjectRow(SdtmDomain.TU, row, tu, TuRow::usubjid, TuRow::seq);
        if (tu == null || subject == null) {
            return;
        }
        VisitPlan visit = visit(row, subject, tu.visitNumber(), tu.visitName(), tu.date());
        if (visit == null) {
            return;
        }
        String key = StudyPlan.lesionKey(subject.index, tu.linkId());
        if (plan.lesions.containsKey(key)) {
            row.problem("TULNKID", "lesion " + tu.linkId() + " of subject " + subject.dm.usubjid()
                    + " is identified twice (line " + plan.lesions.get(key).tu.line() + ")");
            return;
        }
        plan.lesions.put(key, new LesionPlan(tu, subject.index,
                StudyPlan.visitKey(subject.index, plan.visitIndex(tu.visitNumber()))));
    }

    private void tr(Row row) {
        TrRow tr = SdtmRecords.tr(row);
        SubjectPlan subject = subjectRow(SdtmDomain.TR, row, tr, TrRow::usubjid, TrRow::seq);
        if (tr == null || subject == null) {
            return;
        }
        LesionPlan lesion = plan.lesions.get(StudyPlan.lesionKey(subject.index, tr.linkId()));
        if (lesion == null) {
            row.problem("TRLNKID", "no lesion " + tr.linkId() + " of subject " + subject.dm.usubjid()
                    + " is identified in TU.csv; a measurement needs its lesion");
            return;
        }
        VisitPlan visit = visit(row, subject, tr.visitNumber(), tr.visitName(), tr.date());
        if (visit == null) {
            return;
        }
        if (tr.date() != null && lesion.tu.date() != null && tr.date().isBefore(lesion.tu.date())) {
            row.problem("TRDTC", "the measurement date " + tr.date() + " is before lesion " + tr.linkId()
                    + " was identified (" + lesion.tu.date() + ")");
            return;
        }
        long key = resultKey(2, subject, tr.visitNumber(), tr.linkId() + "|" + tr.testCode());
        if (!resultKeys.add(key)) {
            row.problem("TRTESTCD", tr.testCode() + " of lesion " + tr.linkId() + " is given twice at VISITNUM "
                    + tr.visitNumber().toPlainString() + " of subject " + subject.dm.usubjid());
        }
    }

    // ---- responses

    private void rs(Row row) {
        RsRow rs = SdtmRecords.rs(row);
        SubjectPlan subject = subjectRow(SdtmDomain.RS, row, rs, RsRow::usubjid, RsRow::seq);
        if (rs == null || subject == null) {
            return;
        }
        visit(row, subject, rs.visitNumber(), rs.visitName(), rs.date());
    }

    // ---- labs

    private void lb(Row row) {
        LbRow lb = SdtmRecords.lb(row);
        SubjectPlan subject = subjectRow(SdtmDomain.LB, row, lb, LbRow::usubjid, LbRow::seq);
        if (lb == null || subject == null) {
            return;
        }
        Optional<Marker> marker = catalogue.find(lb.testCode());
        if (marker.isEmpty()) {
            row.problem("LBTESTCD", "test " + lb.testCode() + " is not in the marker catalogue; known tests: "
                    + String.join(", ", catalogue.enterableCodes()));
            return;
        }
        if (marker.get().isDerived()) {
            row.problem("LBTESTCD", lb.testCode() + " is derived by the system from its components; leave it out");
            return;
        }
        if (standardise(row, marker.get(), lb) == null) {
            return;
        }
        if (visit(row, subject, lb.visitNumber(), lb.visitName(), lb.date()) == null) {
            return;
        }
        long key = resultKey(1, subject, lb.visitNumber(), lb.testCode());
        if (!resultKeys.add(key)) {
            row.problem("LBTESTCD", lb.testCode() + " is given twice at VISITNUM " + lb.visitNumber().toPlainString()
                    + " of subject " + subject.dm.usubjid());
        }
    }

    /** The standardised value, or null after reporting a bad number, unit or implausible value. */
    static org.cytotrial.marker.Quantity standardise(Row row, Marker marker, LbRow lb) {
        Double value = row.parseNumber("LBORRES", lb.originalValue());
        if (value == null) {
            return null;
        }
        if (marker.factorFor(lb.originalUnit()).isEmpty()) {
            row.problem("LBORRESU", "unit '" + lb.originalUnit() + "' is not accepted for " + marker.getCode()
                    + "; accepted: " + String.join(", ", marker.acceptedUnits()));
            return null;
        }
        try {
            return marker.standardise(value, lb.originalUnit());
        } catch (IllegalArgumentException e) {
            row.problem("LBORRES", e.getMessage());
            return null;
        }
    }

    private long resultKey(int kind, SubjectPlan subject, BigDecimal visitNumber, String test) {
        int visit = plan.visitIndex(visitNumber);
        int testId = testIndex.computeIfAbsent(test, t -> testIndex.size());
        return ((long) kind << 60) | ((long) subject.index << 36) | ((long) visit << 20) | testId;
    }
}
