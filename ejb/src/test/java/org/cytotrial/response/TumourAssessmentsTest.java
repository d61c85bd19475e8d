package org.cytotrial.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.cytotrial.response.TumourAssessments.LesionFact;
import org.cytotrial.response.TumourAssessments.Reading;
import org.junit.jupiter.api.Test;

class TumourAssessmentsTest {

    private static final LocalDate BASELINE = LocalDate.of(2024, 1, 10);

    @Test
    void targetDiametersNewLesionsAndNonTargetStatusPerVisit() {
        List<LesionFact> lesions = List.of(
                new LesionFact("T01", LesionKind.TARGET, false, 1),
                new LesionFact("T02", LesionKind.TARGET, true, 1),
                new LesionFact("NT01", LesionKind.NON_TARGET, false, 1),
                new LesionFact("NEW01", LesionKind.NEW, false, 3));
        Map<Long, LocalDate> dates = Map.of(1L, BASELINE, 2L, BASELINE.plusWeeks(6), 3L, BASELINE.plusWeeks(12),
                4L, BASELINE.plusWeeks(18));
        List<Reading> readings = List.of(
                new Reading("T01", 1, 50.0, null), new Reading("T02", 1, 20.0, null),
                new Reading("NT01", 1, null, NonTargetStatus.PRESENT),
                new Reading("T01", 2, 30.0, null), new Reading("T02", 2, 9.0, null),
                new Reading("NT01", 2, null, NonTargetStatus.ABSENT),
                new Reading("T01", 3, 31.0, null));
        List<TumourAssessments.VisitAssessment> assessments = TumourAssessments.build(lesions, readings, dates);
        assertEquals(List.of(1L, 2L, 3L), assessments.stream().map(TumourAssessments.VisitAssessment::visit).toList(),
                "visit 4 has no reading and no lesion: no assessment");
        TumourAssessment week6 = assessments.get(1).assessment();
        assertEquals(Map.of("T01", 30.0, "T02", 9.0), week6.targetDiametersMm());
        assertEquals(java.util.Set.of("T02"), week6.nodalLesionIds());
        assertEquals(NonTargetStatus.ABSENT, week6.nonTarget());
        assertFalse(week6.newLesion());
        TumourAssessment week12 = assessments.get(2).assessment();
        assertTrue(week12.newLesion());
        assertEquals(NonTargetStatus.NOT_EVALUATED, week12.nonTarget(), "NT01 not read at week 12");

        Map<Long, RecistEvaluation> evaluated = TumourAssessments.evaluate(assessments, null);
        assertTrue(evaluated.get(1L).isBaseline());
        assertEquals(70.0, evaluated.get(1L).sumOfDiametersMm());
        assertEquals(ResponseCategory.PR, evaluated.get(2L).category(), "39 mm is 44 % below 70");
        assertEquals(ResponseCategory.PD, evaluated.get(3L).category(), "a new lesion is progression");
    }

    @Test
    void unequivocalNonTargetProgressionWins() {
        List<LesionFact> lesions = List.of(new LesionFact("T01", LesionKind.TARGET, false, 1),
                new LesionFact("NT01", LesionKind.NON_TARGET, false, 1), new LesionFact("NT02", LesionKind.NON_TARGET, false, 1));
        List<Reading> readings = List.of(new Reading("T01", 1, 40.0, null), new Reading("T01", 2, 20.0, null),
                new Reading("NT01", 2, null, NonTargetStatus.UNEQUIVOCAL_PROGRESSION));
        var assessments = TumourAssessments.build(lesions, readings, Map.of(1L, BASELINE, 2L, BASELINE.plusWeeks(8)));
        assertEquals(NonTargetStatus.UNEQUIVOCAL_PROGRESSION, assessments.get(1).assessment().nonTarget());
        assertEquals(ResponseCategory.PD, TumourAssessments.evaluate(assessments, null).get(2L).category());
    }

    @Test
    void anIncompleteBaselineComputesNothing() {
        List<LesionFact> lesions = List.of(new LesionFact("T01", LesionKind.TARGET, false, 1),
                new LesionFact("T02", LesionKind.TARGET, false, 1));
        var assessments = TumourAssessments.build(lesions, List.of(new Reading("T01", 1, 40.0, null)), Map.of(1L, BASELINE));
        assertTrue(TumourAssessments.evaluate(assessments, null).isEmpty());
    }

    @Test
    void statesAreReadAsWrittenInTr() {
        assertEquals(NonTargetStatus.UNEQUIVOCAL_PROGRESSION, TumourAssessments.parseState("unequivocal progression").orElseThrow());
        assertEquals(NonTargetStatus.ABSENT, TumourAssessments.parseState(" ABSENT ").orElseThrow());
        assertTrue(TumourAssessments.parseState("gone").isEmpty());
        assertEquals("UNEQUIVOCAL PROGRESSION", TumourAssessments.stateText(NonTargetStatus.UNEQUIVOCAL_PROGRESSION));
    }

    /** The demo study's TU/TR, read the way the database holds them, reproduce every investigator response. */
    @Test
    void theRecistDemoStudyAgreesWithItsInvestigator() throws IOException {
        String prop = System.getProperty("cytotrial.demo.dir");
        Path dir = (prop != null && !prop.isBlank() ? Paths.get(prop) : Paths.get("../src/demo/studies")).resolve("RECIST-DEMO");
        assumeTrue(Files.isRegularFile(dir.resolve("TR.csv")), "RECIST-DEMO not present");
        Map<String, Long> visitIds = new HashMap<>();
        Map<Long, LocalDate> dates = new HashMap<>();
        Map<String, List<LesionFact>> lesions = new LinkedHashMap<>();
        Map<String, List<Reading>> readings = new LinkedHashMap<>();
        for (CSVRecord r : read(dir.resolve("TU.csv"))) {
            long visit = visit(visitIds, dates, r.get("USUBJID"), r.get("VISITNUM"), r.get("TUDTC"));
            lesions.computeIfAbsent(r.get("USUBJID"), k -> new ArrayList<>()).add(new LesionFact(r.get("TULNKID"),
                    LesionKind.fromSdtm(r.get("TUORRES")).orElseThrow(), Lesion.isNodalLocation(r.get("TULOC")), visit));
        }
        for (CSVRecord r : read(dir.resolve("TR.csv"))) {
            long visit = visit(visitIds, dates, r.get("USUBJID"), r.get("VISITNUM"), r.get("TRDTC"));
            readings.computeIfAbsent(r.get("USUBJID"), k -> new ArrayList<>()).add(new Reading(r.get("TRLNKID"), visit,
                    Double.valueOf(r.get("TRORRES")), null));
        }
        int compared = 0;
        List<String> disagreements = new ArrayList<>();
        Map<String, Map<Long, ResponseCategory>> investigator = new HashMap<>();
        for (CSVRecord r : read(dir.resolve("RS.csv"))) {
            long visit = visit(visitIds, dates, r.get("USUBJID"), r.get("VISITNUM"), r.get("RSDTC"));
            investigator.computeIfAbsent(r.get("USUBJID"), k -> new HashMap<>()).put(visit, ResponseCategory.parse(r.get("RSORRES")));
        }
        for (String subject : readings.keySet()) {
            var evaluated = TumourAssessments.evaluate(TumourAssessments.build(lesions.get(subject), readings.get(subject), dates), 10.0);
            for (var e : evaluated.entrySet()) {
                ResponseCategory inv = investigator.getOrDefault(subject, Map.of()).get(e.getKey());
                if (inv != null) {
                    compared++;
                    if (inv != e.getValue().category()) {
                        disagreements.add(subject + " visit " + e.getKey() + ": computed " + e.getValue().category() + ", investigator " + inv);
                    }
                }
            }
        }
        assertTrue(compared > 50, "compared " + compared);
        assertEquals(List.of(), disagreements);
    }

    private static long visit(Map<String, Long> ids, Map<Long, LocalDate> dates, String subject, String visitnum, String date) {
        long id = ids.computeIfAbsent(subject + "|" + new BigDecimal(visitnum).stripTrailingZeros(), k -> (long) ids.size() + 1);
        LocalDate d = LocalDate.parse(date);
        dates.merge(id, d, (a, b) -> a.isBefore(b) ? a : b);
        return id;
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}
