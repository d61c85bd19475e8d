package org.cytotrial.exchange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The SDTM domains a study moves in and out with, one CSV file each ({@code DM.csv}, ...), and
 * their columns: the canonical order the export writes, which columns an import file must
 * have, and which values must not be empty.
 */
public enum SdtmDomain {
    TS(cols("STUDYID", "DOMAIN", "TSSEQ", "TSPARMCD", "TSPARM", "TSVAL"),
            cols(),
            cols("STUDYID", "DOMAIN", "TSSEQ", "TSPARMCD", "TSPARM", "TSVAL")),
    DM(cols("STUDYID", "DOMAIN", "USUBJID", "SUBJID", "SITEID", "RFICDTC", "RFSTDTC", "RFENDTC", "DTHDTC", "DTHFL",
                    "AGE", "AGEU", "SEX", "ARMCD", "ARM", "COUNTRY"),
            cols("SUBJID", "RFICDTC", "RFENDTC", "DTHDTC", "DTHFL", "AGE", "AGEU", "COUNTRY"),
            cols("STUDYID", "DOMAIN", "USUBJID", "SITEID", "SEX", "ARMCD", "ARM")),
    EX(cols("STUDYID", "DOMAIN", "USUBJID", "EXSEQ", "EXTRT", "EXDOSE", "EXDOSU", "EXDOSFRQ", "EXROUTE", "EXSTDTC",
                    "EXENDTC"),
            cols("EXDOSE", "EXDOSU", "EXDOSFRQ", "EXROUTE", "EXENDTC"),
            cols("STUDYID", "DOMAIN", "USUBJID", "EXSEQ", "EXTRT")),
    TU(cols("STUDYID", "DOMAIN", "USUBJID", "TUSEQ", "TULNKID", "TUTESTCD", "TUTEST", "TUORRES", "TULOC", "VISITNUM",
                    "VISIT", "TUDTC"),
            cols("TUTEST", "TULOC", "TUDTC"),
            cols("STUDYID", "DOMAIN", "USUBJID", "TUSEQ", "TULNKID", "TUTESTCD", "TUORRES", "VISITNUM", "VISIT")),
    TR(cols("STUDYID", "DOMAIN", "USUBJID", "TRSEQ", "TRLNKID", "TRTESTCD", "TRTEST", "TRORRES", "TRORRESU",
                    "VISITNUM", "VISIT", "TRDTC"),
            cols("TRTEST", "TRORRESU", "TRDTC"),
            cols("STUDYID", "DOMAIN", "USUBJID", "TRSEQ", "TRLNKID", "TRTESTCD", "TRORRES", "VISITNUM", "VISIT")),
    RS(cols("STUDYID", "DOMAIN", "USUBJID", "RSSEQ", "RSTESTCD", "RSTEST", "RSORRES", "RSEVAL", "VISITNUM", "VISIT",
                    "RSDTC"),
            cols("RSTEST", "RSEVAL"),
            cols("STUDYID", "DOMAIN", "USUBJID", "RSSEQ", "RSTESTCD", "RSORRES", "VISITNUM", "VISIT", "RSDTC")),
    DS(cols("STUDYID", "DOMAIN", "USUBJID", "DSSEQ", "DSTERM", "DSDECOD", "DSCAT", "DSSTDTC"),
            cols("DSCAT", "DSSTDTC"),
            cols("STUDYID", "DOMAIN", "USUBJID", "DSSEQ", "DSTERM", "DSDECOD")),
    AE(cols("STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AETERM", "AEDECOD", "AETOXGR", "AESER", "AEREL", "AESTDTC",
                    "AEENDTC"),
            cols("AEDECOD", "AEENDTC"),
            cols("STUDYID", "DOMAIN", "USUBJID", "AESEQ", "AETERM", "AETOXGR", "AESER", "AEREL", "AESTDTC")),
    /** Lab results; the export adds the standardised value and unit after the columns as entered. */
    LB(cols("STUDYID", "DOMAIN", "USUBJID", "LBSEQ", "LBTESTCD", "LBTEST", "LBCAT", "LBORRES", "LBORRESU", "VISITNUM",
                    "VISIT", "LBDTC", "LBSTRESN", "LBSTRESU"),
            cols("LBTEST", "LBCAT", "LBDTC", "LBSTRESN", "LBSTRESU"),
            cols("STUDYID", "DOMAIN", "USUBJID", "LBSEQ", "LBTESTCD", "LBORRES", "LBORRESU", "VISITNUM", "VISIT"));

    /** The order an import is validated and written in: parents before the rows that refer to them. */
    public static final List<SdtmDomain> IMPORT_ORDER = List.of(TS, DM, EX, DS, AE, TU, TR, RS, LB);

    private final List<String> columns;
    private final Set<String> optionalColumns;
    private final Set<String> requiredValues;

    SdtmDomain(List<String> columns, List<String> optionalColumns, List<String> requiredValues) {
        this.columns = columns;
        this.optionalColumns = Set.copyOf(optionalColumns);
        this.requiredValues = Set.copyOf(requiredValues);
    }

    private static List<String> cols(String... names) {
        return List.of(names);
    }

    public String fileName() {
        return name() + ".csv";
    }

    /** All columns in the order the export writes them. */
    public List<String> columns() {
        return columns;
    }

    /** Columns an import file must have. */
    public List<String> requiredColumns() {
        List<String> required = new ArrayList<>();
        for (String c : columns) {
            if (!optionalColumns.contains(c)) {
                required.add(c);
            }
        }
        return required;
    }

    public boolean knowsColumn(String column) {
        return columns.contains(column);
    }

    /**
     * Standard SDTMIG variables this system neither needs nor keeps (study days, epochs, the
     * standardised result as the sender derived it, reference ranges, MedDRA hierarchy, ...).
     * Real SDTM datasets carry many of them; an import accepts them, says it left them out, and
     * keeps refusing columns that are no SDTM variable of the domain at all.
     */
    public boolean isStandardButNotKept(String column) {
        if (knowsColumn(column)) {
            return false;
        }
        if (GENERAL_NOT_KEPT.contains(column) || (this == DM && DM_NOT_KEPT.contains(column))) {
            return true;
        }
        String prefix = name();
        return column.length() > prefix.length() && column.startsWith(prefix)
                && SUFFIXES_NOT_KEPT.contains(column.substring(prefix.length()));
    }

    private static final Set<String> GENERAL_NOT_KEPT = Set.of("EPOCH", "VISITDY", "TAETORD", "POOLID", "SPDEVID");

    /** DM's own; birth date, race and ethnicity are left out on purpose (pseudonymisation). */
    private static final Set<String> DM_NOT_KEPT = Set.of("RFXSTDTC", "RFXENDTC", "RFPENDTC", "DMDTC", "DMDY", "INVID",
            "INVNAM", "BRTHDTC", "RACE", "ETHNIC", "ACTARMCD", "ACTARM", "ARMNRS", "ACTARMUD", "SITEGRP");

    /** Variable-name suffixes after the domain prefix (LBSTRESC, RSDY, AESOC, ...). */
    private static final Set<String> SUFFIXES_NOT_KEPT = Set.of("DY", "STDY", "ENDY", "GRPID", "REFID", "SPID", "LNKGRP",
            "SCAT", "STAT", "REASND", "EVALID", "ACPTFL", "TPT", "TPTNUM", "ELTM", "TPTREF", "RFTDTC", "STRESC", "STRESN",
            "STRESU", "ORNRLO", "ORNRHI", "STNRLO", "STNRHI", "STNRC", "NRIND", "SPEC", "METHOD", "FAST", "TOX", "LOBXFL",
            "BLFL", "DRVFL", "LAT", "DIR", "PORTOT", "TSTDTL", "NAM", "ANTREG", "OBJ", "ACN", "ACNOTH", "OUT", "SCONG",
            "SDISAB", "SDTH", "SHOSP", "SLIFE", "SOD", "SMIE", "CONTRT", "PATT", "PTCD", "LLT", "LLTCD", "HLT", "HLTCD",
            "HLGT", "HLGTCD", "BODSYS", "BDSYCD", "SOC", "SOCCD", "SEV", "ENRF", "ENRTPT", "ENTPT", "STRF", "STRTPT",
            "STTPT", "PRESP", "OCCUR", "DUR", "LOT", "DOSFRM", "DOSTXT", "ADJ", "DOSRGM", "TRTV", "VAMT", "VAMTU",
            "ORRESU", "MODIFY", "LOC", "EVAL", "CAT", "TEST", "DTC", "SEQ");

    public boolean requiresValue(String column) {
        return requiredValues.contains(column);
    }

    /** The domain a file name stands for ({@code lb.csv} → LB). */
    public static Optional<SdtmDomain> forFileName(String fileName) {
        String upper = fileName.toUpperCase(Locale.ROOT);
        if (!upper.endsWith(".CSV")) {
            return Optional.empty();
        }
        String stem = upper.substring(0, upper.length() - 4);
        return Arrays.stream(values()).filter(d -> d.name().equals(stem)).findFirst();
    }
}
