package org.cytotrial.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The RECIST demo study's investigator responses were assessed by RECIST 1.1 with its MR band
 * (TS.MRLOWPCT); recomputing them from TU/TR must find no disagreement. The study has target
 * and new lesions only (no non-target disease).
 */
class RecistDemoStudyTest {

    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    @Test
    void computedResponsesAgreeWithTheInvestigator() throws IOException {
        String prop = System.getProperty("cytotrial.demo.dir");
        Path dir = (prop != null && !prop.isBlank() ? Paths.get(prop) : Paths.get("../src/demo/studies"))
                .resolve("RECIST-DEMO");
        assumeTrue(Files.isRegularFile(dir.resolve("TR.csv")), "RECIST-DEMO not present");

        Double mrLow = null;
        for (CSVRecord r : read(dir.resolve("TS.csv"))) {
            if (r.get("TSPARMCD").equals("MRLOWPCT")) {
                mrLow = Double.valueOf(r.get("TSVAL"));
            }
        }
        Map<String, Set<String>> nodal = new HashMap<>();
        Map<String, Set<LocalDate>> newLesionDates = new HashMap<>();
        for (CSVRecord r : read(dir.resolve("TU.csv"))) {
            if (r.get("TULOC").equals("LYMPH NODE")) {
                nodal.computeIfAbsent(r.get("USUBJID"), k -> new HashSet<>()).add(r.get("TULNKID"));
            }
            if (r.get("TUORRES").equals("NEW")) {
                newLesionDates.computeIfAbsent(r.get("USUBJID"), k -> new HashSet<>()).add(date(r.get("TUDTC")));
            }
        }
        Map<String, TreeMap<LocalDate, Map<String, Double>>> diameters = new LinkedHashMap<>();
        for (CSVRecord r : read(dir.resolve("TR.csv"))) {
            diameters.computeIfAbsent(r.get("USUBJID"), k -> new TreeMap<>())
                    .computeIfAbsent(date(r.get("TRDTC")), k -> new HashMap<>())
                    .put(r.get("TRLNKID"), r.get("TRORRES").isBlank() ? null : Double.valueOf(r.get("TRORRES")));
        }
        Map<String, List<DatedResponse>> investigator = new HashMap<>();
        for (CSVRecord r : read(dir.resolve("RS.csv"))) {
            investigator.computeIfAbsent(r.get("USUBJID"), k -> new ArrayList<>())
                    .add(new DatedResponse(date(r.get("RSDTC")), ResponseCategory.parse(r.get("RSORRES"))));
        }

        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (var subject : diameters.entrySet()) {
            String id = subject.getKey();
            List<TumourAssessment> assessments = new ArrayList<>();
            subject.getValue().forEach((d, m) -> assessments.add(new TumourAssessment(d, m,
                    nodal.getOrDefault(id, Set.of()), newLesionDates.getOrDefault(id, Set.of()).contains(d),
                    NonTargetStatus.ABSENT)));
            List<DatedResponse> computed = new ArrayList<>();
            RecistEvaluator.evaluate(assessments, mrLow).forEach(e -> computed.add(e.asAssessment()));
            compared += computed.size() - 1;
            ResponseDisagreement.find(computed, investigator.getOrDefault(id, List.of()))
                    .forEach(d -> disagreements.add(id + " " + d));
        }
        assertFalse(compared == 0);
        assertEquals(List.of(), disagreements);
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSV.parse(in).getRecords();
        }
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso.trim().substring(0, 10));
    }
}
