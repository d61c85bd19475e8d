package org.cytotrial.exchange;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import org.cytotrial.response.LesionKind;
import org.cytotrial.subject.Sex;

/**
 * Typed rows of each domain, parsed from a {@link Row}. Parsing checks what one row can tell
 * on its own (types, codelists, required values); the {@link StudyValidator} checks what needs
 * the whole study (known subjects, lesions, duplicates).
 */
final class SdtmRecords {

    private SdtmRecords() {}

    record TsRow(int line, Integer seq, String code, String name, String value) {}

    record DmRow(int line, String usubjid, String subjid, String siteId, LocalDate consent, LocalDate firstDose,
            LocalDate end, LocalDate death, boolean deathFlag, Integer age, String ageUnit, Sex sex, String armCode,
            String armName, String country) {}

    record ExRow(int line, String usubjid, Integer seq, String treatment, String dose, String doseUnit,
            String frequency, String route, LocalDate start, LocalDate end) {}

    record DsRow(int line, String usubjid, Integer seq, String term, String decodedTerm, String category,
            LocalDate date) {}

    record AeRow(int line, String usubjid, Integer seq, String term, String decodedTerm, Integer grade,
            Boolean serious, Boolean related, LocalDate start, LocalDate end) {}

    record TuRow(int line, String usubjid, Integer seq, String linkId, LesionKind kind, String location,
            BigDecimal visitNumber, String visitName, LocalDate date) {}

    record TrRow(int line, String usubjid, Integer seq, String linkId, String testCode, String testName,
            String originalValue, String originalUnit, Double diameterMm, BigDecimal visitNumber, String visitName,
            LocalDate date) {}

    record RsRow(int line, String usubjid, Integer seq, String testCode, String testName, String response,
            String evaluator, BigDecimal visitNumber, String visitName, LocalDate date) {}

    record LbRow(int line, String usubjid, Integer seq, String testCode, String testName, String category,
            String originalValue, String originalUnit, BigDecimal visitNumber, String visitName, LocalDate date) {}

    static TsRow ts(Row r) {
        TsRow row = new TsRow(r.line(), r.sequence("TSSEQ"), r.value("TSPARMCD", 8), r.value("TSPARM", 200),
                r.value("TSVAL", 4000));
        return r.valid() ? row : null;
    }

    static DmRow dm(Row r) {
        String sexText = r.value("SEX");
        Sex sex = null;
        if (sexText != null) {
            sex = Sex.fromSdtm(sexText).orElse(null);
            if (sex == null) {
                r.problem("SEX", "'" + sexText + "' is not a sex code; use M, F or U");
            }
        }
        String deathFlagText = r.value("DTHFL");
        if (deathFlagText != null && !deathFlagText.equals("Y")) {
            r.problem("DTHFL", "'" + deathFlagText + "' is not a death flag; use Y or leave it empty");
        }
        Integer age = r.integer("AGE");
        if (age != null && (age < 0 || age > 130)) {
            r.problem("AGE", "age " + age + " is outside 0–130");
        }
        LocalDate consent = r.date("RFICDTC");
        LocalDate firstDose = r.date("RFSTDTC");
        if (consent != null && firstDose != null && firstDose.isBefore(consent)) {
            r.problem("RFSTDTC", "the first dose " + firstDose + " is before informed consent " + consent);
        }
        LocalDate end = r.date("RFENDTC");
        LocalDate death = r.date("DTHDTC");
        if (death != null && firstDose != null && death.isBefore(firstDose)) {
            // PFS starts at the first dose; a death before it cannot be an outcome of treatment.
            r.problem("DTHDTC", "the death date " + death + " is before the first dose " + firstDose);
        }
        if (death != null && consent != null && death.isBefore(consent)) {
            r.problem("DTHDTC", "the death date " + death + " is before informed consent " + consent);
        }
        DmRow row = new DmRow(r.line(), r.value("USUBJID", 60), r.value("SUBJID", 40), r.value("SITEID", 40), consent,
                firstDose, end, death, "Y".equals(deathFlagText), age, r.value("AGEU", 10), sex,
                r.value("ARMCD", 20), r.value("ARM", 200), r.value("COUNTRY", 3));
        return r.valid() ? row : null;
    }

    static ExRow ex(Row r) {
        String dose = r.value("EXDOSE", 40);
        if (dose != null) {
            r.parseNumber("EXDOSE", dose);
        }
        LocalDate start = r.date("EXSTDTC");
        LocalDate end = r.date("EXENDTC");
        if (start != null && end != null && end.isBefore(start)) {
            r.problem("EXENDTC", "the end " + end + " is before the start " + start);
        }
        ExRow row = new ExRow(r.line(), r.value("USUBJID"), r.sequence("EXSEQ"), r.value("EXTRT", 200), dose,
                r.value("EXDOSU", 40), r.value("EXDOSFRQ", 40), r.value("EXROUTE", 60), start, end);
        return r.valid() ? row : null;
    }

    static DsRow ds(Row r) {
        DsRow row = new DsRow(r.line(), r.value("USUBJID"), r.sequence("DSSEQ"), r.value("DSTERM", 400),
                r.value("DSDECOD", 100), r.value("DSCAT", 60), r.date("DSSTDTC"));
        return r.valid() ? row : null;
    }

    static AeRow ae(Row r) {
        Integer grade = r.integer("AETOXGR");
        if (grade != null && (grade < 1 || grade > 5)) {
            r.problem("AETOXGR", "CTCAE grade " + grade + " is not 1 to 5");
        }
        LocalDate start = r.date("AESTDTC");
        LocalDate end = r.date("AEENDTC");
        if (start != null && end != null && end.isBefore(start)) {
            r.problem("AEENDTC", "the end " + end + " is before the start " + start);
        }
        AeRow row = new AeRow(r.line(), r.value("USUBJID"), r.sequence("AESEQ"), r.value("AETERM", 400),
                r.value("AEDECOD", 200), grade, r.yesNo("AESER"), r.yesNo("AEREL"), start, end);
        return r.valid() ? row : null;
    }

    static TuRow tu(Row r) {
        String testCode = r.value("TUTESTCD");
        if (testCode != null && !testCode.equals("TUMIDENT")) {
            r.problem("TUTESTCD", "'" + testCode + "' is not supported; tumour identification rows use TUMIDENT");
        }
        String kindText = r.value("TUORRES");
        LesionKind kind = null;
        if (kindText != null) {
            kind = LesionKind.fromSdtm(kindText).orElse(null);
            if (kind == null) {
                r.problem("TUORRES", "'" + kindText + "' is not a lesion class; use TARGET, NON-TARGET or NEW");
            }
        }
        TuRow row = new TuRow(r.line(), r.value("USUBJID"), r.sequence("TUSEQ"), r.value("TULNKID", 20), kind,
                r.value("TULOC", 100), r.visitNumber("VISITNUM"), r.value("VISIT", 100), r.date("TUDTC"));
        return r.valid() ? row : null;
    }

    static TrRow tr(Row r) {
        String testCode = r.value("TRTESTCD");
        String value = r.value("TRORRES", 40);
        String unit = r.value("TRORRESU", 10);
        Double diameter = null;
        if (testCode != null) {
            switch (testCode) {
                case "LDIAM", "SAXIS", "DIAMETER" -> {
                    if (value != null) {
                        Double number = r.parseNumber("TRORRES", value);
                        if (number != null) {
                            if (number < 0) {
                                r.problem("TRORRES", "a diameter cannot be negative");
                            } else if (unit == null || unit.equalsIgnoreCase("mm")) {
                                diameter = number;
                            } else if (unit.equalsIgnoreCase("cm")) {
                                diameter = number * 10;
                            } else {
                                r.problem("TRORRESU", "unit '" + unit + "' is not accepted for diameters; accepted: mm, cm");
                            }
                            if (diameter != null && diameter > 1000) {
                                r.problem("TRORRES", "a diameter of " + diameter + " mm is outside the plausible range 0–1000 mm");
                            }
                        }
                    }
                }
                case "TUMSTATE" -> {
                    if (value != null && NonTargetState.parse(value) == null) {
                        r.problem("TRORRES", "'" + value + "' is not a lesion state; use ABSENT, PRESENT or UNEQUIVOCAL PROGRESSION");
                    }
                }
                default -> r.problem("TRTESTCD", "'" + testCode + "' is not supported; use LDIAM, SAXIS or TUMSTATE");
            }
        }
        String testName = r.value("TRTEST", 100);
        TrRow row = new TrRow(r.line(), r.value("USUBJID"), r.sequence("TRSEQ"), r.value("TRLNKID", 20), testCode,
                testName == null ? testCode : testName, value, unit, diameter, r.visitNumber("VISITNUM"),
                r.value("VISIT", 100), r.date("TRDTC"));
        return r.valid() ? row : null;
    }

    static RsRow rs(Row r) {
        String testCode = r.value("RSTESTCD");
        if (testCode != null && !testCode.equals("OVRLRESP")) {
            r.problem("RSTESTCD", "'" + testCode + "' is not supported; response rows use OVRLRESP (overall response)");
        }
        String response = r.value("RSORRES");
        if (response != null) {
            String code = response.toUpperCase(Locale.ROOT);
            if (!code.matches("CR|PR|MR|SD|PD|NE")) {
                r.problem("RSORRES", "'" + response + "' is not a response category; use CR, PR, MR, SD, PD or NE");
            } else {
                response = code;
            }
        }
        String testName = r.value("RSTEST", 100);
        RsRow row = new RsRow(r.line(), r.value("USUBJID"), r.sequence("RSSEQ"), testCode,
                testName == null ? "Overall Response" : testName, response, r.value("RSEVAL", 40),
                r.visitNumber("VISITNUM"), r.value("VISIT", 100), r.date("RSDTC"));
        return r.valid() ? row : null;
    }

    static LbRow lb(Row r) {
        LbRow row = new LbRow(r.line(), r.value("USUBJID"), r.sequence("LBSEQ"), r.value("LBTESTCD", 20),
                r.value("LBTEST", 200), r.value("LBCAT", 40), r.value("LBORRES", 40), r.value("LBORRESU", 20),
                r.visitNumber("VISITNUM"), r.value("VISIT", 100), r.date("LBDTC"));
        return r.valid() ? row : null;
    }

    /** Non-target lesion states (TRTESTCD TUMSTATE). */
    enum NonTargetState {
        ABSENT,
        PRESENT,
        UNEQUIVOCAL_PROGRESSION;

        static NonTargetState parse(String value) {
            String v = value.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
            for (NonTargetState s : values()) {
                if (s.name().equals(v)) {
                    return s;
                }
            }
            return null;
        }
    }
}
