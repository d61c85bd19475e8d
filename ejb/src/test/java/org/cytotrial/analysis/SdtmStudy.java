package org.cytotrial.analysis;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cytotrial.response.DatedResponse;
import org.cytotrial.response.ResponseCategory;

/**
 * Test-only reader of the SDTM CSV files of one study: just what the analysis needs. The real
 * import (validation, all-or-nothing) lives elsewhere; this one fails fast on anything odd.
 */
final class SdtmStudy {

    record Subject(String usubjid, String arm, LocalDate firstDose, LocalDate death) {
    }

    record LabResult(String usubjid, String test, double visitNum, String visit, double value) {
    }

    final Path dir;
    final Map<String, String> parameters = new LinkedHashMap<>();
    final Map<String, Subject> subjects = new LinkedHashMap<>();
    final Map<String, List<DatedResponse>> responses = new LinkedHashMap<>();
    final List<LabResult> labs = new ArrayList<>();

    private SdtmStudy(Path dir) {
        this.dir = dir;
    }

    static SdtmStudy read(Path dir) throws IOException {
        SdtmStudy s = new SdtmStudy(dir);
        s.each("TS.csv", r -> s.parameters.putIfAbsent(r.get("TSPARMCD").trim(), r.get("TSVAL").trim()));
        s.each("DM.csv", r -> s.subjects.put(r.get("USUBJID"), new Subject(r.get("USUBJID"), r.get("ARMCD").trim(),
                date(r.get("RFSTDTC")), date(get(r, "DTHDTC")))));
        s.each("RS.csv", r -> {
            String eval = get(r, "RSEVAL");
            if (!"OVRLRESP".equals(r.get("RSTESTCD").trim())
                    || !(eval == null || eval.isBlank() || eval.trim().equalsIgnoreCase("INVESTIGATOR"))) {
                return;
            }
            String code = get(r, "RSSTRESC");
            if (code == null || code.isBlank()) {
                code = r.get("RSORRES");
            }
            s.responses.computeIfAbsent(r.get("USUBJID"), k -> new ArrayList<>())
                    .add(new DatedResponse(date(r.get("RSDTC")), ResponseCategory.parse(code),
                            new java.math.BigDecimal(r.get("VISITNUM").trim())));
        });
        s.each("LB.csv", r -> {
            String raw = r.get("LBORRES");
            if (raw == null || raw.isBlank()) {
                return;
            }
            String test = r.get("LBTESTCD").trim();
            double value = Double.parseDouble(raw.trim()) * toStandardUnit(test, r.get("LBORRESU"));
            s.labs.add(new LabResult(r.get("USUBJID"), test, Double.parseDouble(r.get("VISITNUM").trim()),
                    r.get("VISIT"), value));
        });
        return s;
    }

    int sdMinDays() {
        String v = parameters.get("SDMINDY");
        return v == null || v.isBlank() ? BestOverallResponse.DEFAULT_SD_MIN_DAYS : Integer.parseInt(v);
    }

    List<DatedResponse> responsesOf(String usubjid) {
        return responses.getOrDefault(usubjid, List.of());
    }

    /**
     * The factor to the standard unit from the catalogue the application seeds (its Flyway
     * migrations), so this reader converts exactly the units the import accepts.
     */
    static double toStandardUnit(String test, String unit) {
        return org.cytotrial.testing.H2Schema.catalogue().find(test)
                .flatMap(m -> m.factorFor(unit))
                .orElseThrow(() -> new IllegalArgumentException("unit '" + unit + "' is not accepted for " + test));
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

    private static String get(CSVRecord r, String column) {
        return r.isMapped(column) ? r.get(column) : null;
    }

    /** ISO 8601 date, possibly with a time part; blank is null. */
    static LocalDate date(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        return LocalDate.parse(iso.trim().substring(0, 10));
    }
}
