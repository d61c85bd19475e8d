package org.cytotrial.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.cytotrial.testing.H2Schema;
import org.cytotrial.testing.Zips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of the import, on the demo studies and on altered copies of them. */
class StudyValidatorTest {

    private static ImportProblems validate(Path zip, String codeOverride, Set<String> takenCodes) {
        ImportProblems problems = new ImportProblems();
        try (StudyArchive archive = StudyArchive.open(zip, Files.size(zip), StudyArchive.Limits.DEFAULT, problems)) {
            if (archive != null) {
                new StudyValidator(H2Schema.catalogue(), takenCodes::contains, problems).validate(archive, codeOverride);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return problems;
    }

    private static StudyPlan plan(Path zip) throws IOException {
        ImportProblems problems = new ImportProblems();
        try (StudyArchive archive = StudyArchive.open(zip, Files.size(zip), StudyArchive.Limits.DEFAULT, problems)) {
            StudyPlan plan = new StudyValidator(H2Schema.catalogue(), c -> false, problems).validate(archive, null);
            assertTrue(problems.isEmpty(), () -> problems.listed().toString());
            return plan;
        }
    }

    @Test
    void theDemoStudiesAreValid() throws IOException {
        StudyPlan myeloma = plan(Zips.demo("IL2-MM"));
        assertEquals("IL2-MM", myeloma.studyCode);
        assertEquals(18, myeloma.subjectsByIndex.size());
        assertEquals(Map.of("RIL2LD", "Low-dose rIL-2"), myeloma.arms);
        assertEquals(Set.of("HANNOVER", "HAMBURG", "KIEL", "BREMEN"), myeloma.sites);
        assertEquals(2016, myeloma.rowCounts.get(SdtmDomain.LB));

        StudyPlan recist = plan(Zips.demo("RECIST-DEMO"));
        assertEquals(24, recist.subjectsByIndex.size());
        assertEquals(52, recist.lesions.size());
        assertEquals("BASELINE", recist.visitNames.firstEntry().getValue());
    }

    @Test
    void plannedDaysComeFromWhenSubjectsHadTheVisit() throws IOException {
        StudyPlan myeloma = plan(Zips.demo("IL2-MM"));
        Map<java.math.BigDecimal, Integer> days = myeloma.plannedDays();
        assertEquals(1, days.get(java.math.BigDecimal.ONE));
        assertEquals(29, days.get(new java.math.BigDecimal("3")), "DAY 29 is visit 3");
    }

    /** Each alteration of IL2-MM must give exactly this problem at this place. */
    @ParameterizedTest(name = "{0}: {5}")
    @CsvSource(delimiter = '|', textBlock = """
            DM.csv | IL2-MM-002,002,HAMBURG  | IL2-MM-001,002,HAMBURG    | 3  | USUBJID  | subject IL2-MM-001 appears twice in DM.csv (line 2)
            DM.csv | 1991-03-04,1991-03-11   | 1991-03-04,1991-02-30      | 2  | RFSTDTC  | '1991-02-30' is not a valid calendar date
            DM.csv | 1991-03-04,1991-03-11   | 1991-03-04,11.03.1991      | 2  | RFSTDTC  | '11.03.1991' is not an ISO 8601 date (yyyy-MM-dd)
            DM.csv | 1991-03-04,1991-03-11   | 1991-03-04,1991-03         | 2  | RFSTDTC  | '1991-03' is not an ISO 8601 date (yyyy-MM-dd)
            DM.csv | 1991-03-04,1991-03-11   | 1991-03-12,1991-03-11      | 2  | RFSTDTC  | the first dose 1991-03-11 is before informed consent 1991-03-12
            DM.csv | 1991-06-18,1993-02-16,1993-12-03 | 1991-06-18,1993-02-16,1991-06-17 | 4 | DTHDTC | the death date 1991-06-17 is before the first dose 1991-06-18
            DM.csv | ,52,YEARS,F,RIL2LD      | ,52,YEARS,X,RIL2LD         | 2  | SEX      | 'X' is not a sex code; use M, F or U
            DM.csv | ,52,YEARS,F,RIL2LD      | ,52,YEARS,,RIL2LD          | 2  | SEX      | a value is required
            DM.csv | ,52,YEARS,F,RIL2LD      | ,fifty,YEARS,F,RIL2LD      | 2  | AGE      | 'fifty' is not a whole number
            DM.csv | F,RIL2LD,Low-dose rIL-2,DEU | F,RIL2LD,Other name,DEU | 3  | ARM      | arm RIL2LD is named 'Low-dose rIL-2' here but 'Other name' on line 2 of DM.csv
            DM.csv | IL2-MM,DM,IL2-MM-001     | IL2-XX,DM,IL2-MM-001       | 2  | STUDYID  | 'IL2-XX' differs from the study 'IL2-MM' of TS.csv
            DM.csv | IL2-MM,DM,IL2-MM-001     | IL2-MM,LB,IL2-MM-001       | 2  | DOMAIN   | 'LB' in DM.csv; expected DM
            RS.csv | IL2-MM-002,1,OVRLRESP    | IL2-MM-099,1,OVRLRESP      | 2  | USUBJID  | subject IL2-MM-099 is not in DM.csv
            RS.csv | Overall Response,SD,INV  | Overall Response,XX,INV    | 2  | RSORRES  | 'XX' is not a response category; use CR, PR, MR, SD, PD or NE
            RS.csv | IL2-MM-002,2,OVRLRESP    | IL2-MM-002,1,OVRLRESP      | 3  | RSSEQ    | RSSEQ 1 is used twice for subject IL2-MM-002
            LB.csv | 0.20,10^9/L              | 0.20,mmol/L                | 2  | LBORRESU | unit 'mmol/L' is not accepted for EOS; accepted: 10^9/L, 10*9/L, x10^9/L, /nL
            LB.csv | 0.20,10^9/L              | 99,10^9/L                  | 2  | LBORRES  | value 99 10^9/L is outside the plausible range 0–50 10^9/L of EOS
            LB.csv | 0.20,10^9/L              | <0.1,10^9/L                | 2  | LBORRES  | '<0.1' is not a number
            LB.csv | 1,EOS,Eosinophils        | 1,XYZ,Eosinophils          | 2  | LBTESTCD | test XYZ is not in the marker catalogue; known tests: CD25, CD4, CD69, CD8, CRP, EOS, HCT, HGB, IFNG, IL4, IL6, LAKACT, LYM, MPROT, NKACT, NKCD56, RBC, SIL2R, WBC
            LB.csv | 1,EOS,Eosinophils        | 1,CD4/CD8,Eosinophils      | 2  | LBTESTCD | CD4/CD8 is derived by the system from its components; leave it out
            LB.csv | 2,CD4,CD4+ T Lymphocytes,IMMUNOPHENOTYPING,31.8,% | 2,EOS,Eosinophils,HEMATOLOGY,0.3,10^9/L | 3 | LBTESTCD | EOS is given twice at VISITNUM 1 of subject IL2-MM-001
            AE.csv | Pyrexia,3,N,Y            | Pyrexia,6,N,Y              | 2  | AETOXGR  | CTCAE grade 6 is not 1 to 5
            AE.csv | Pyrexia,3,N,Y            | Pyrexia,3,maybe,Y          | 2  | AESER    | 'maybe' is not Y or N
            AE.csv | 1991-03-12,1991-03-17    | 1991-03-12,1991-03-01      | 2  | AEENDTC  | the end 1991-03-01 is before the start 1991-03-12
            TS.csv | Response Criteria,IMWG   | Response Criteria,WHO      | 4  | TSVAL    | response criteria 'WHO' are not supported; use RECIST 1.1 or IMWG
            TS.csv | Stable Disease,42        | Stable Disease,0           | 5  | TSVAL    | SDMINDY must be a whole number of days of at least 1, not '0'
            """)
    void eachRuleNamesFileLineColumnAndReason(String file, String find, String replace, int line, String column,
            String reason) {
        ImportProblems problems = validate(Zips.demoWith("IL2-MM", file, t -> replaceOnce(t, find.strip(), replace.strip())),
                null, Set.of());
        assertEquals(new ImportProblem(file, line, column, reason), problems.listed().get(0), problems.listed()::toString);
        // follow-on problems are summarised, at most one per file, never one per row
        assertTrue(problems.total() <= SdtmDomain.values().length, problems.listed()::toString);
    }

    private static String replaceOnce(String text, String find, String replace) {
        int at = text.indexOf(find);
        if (at < 0) {
            throw new IllegalArgumentException("'" + find + "' is not in the file");
        }
        return text.substring(0, at) + replace + text.substring(at + find.length());
    }

    @Test
    void rowsOfASubjectMissingFromDmAreReportedOncePerFile() {
        ImportProblems problems = validate(Zips.demoWith("IL2-MM", "DM.csv",
                t -> t.lines().filter(l -> !l.contains("IL2-MM-002")).reduce("", (a, b) -> a + b + "\n")), null, Set.of());
        assertTrue(problems.listed().contains(new ImportProblem("RS.csv", 2, "USUBJID",
                "subject IL2-MM-002 is not in DM.csv (39 rows of this file, from this line on)")), problems.listed()::toString);
        assertEquals(4, problems.total(), "EX, AE, RS and LB each once: " + problems.listed());
    }

    @Test
    void aVisitNumberKeepsOneNameAndAConflictIsReportedOnceWithItsOrigin() {
        ImportProblems problems = validate(Zips.demoWith("IL2-MM", "RS.csv",
                t -> t.replaceFirst("SD,INVESTIGATOR,3,DAY 29", "SD,INVESTIGATOR,3,DAY 30")), null, Set.of());
        assertEquals(List.of(new ImportProblem("LB.csv", 50, "VISIT",
                "'DAY 29' differs from 'DAY 30' given in RS.csv line 2 for VISITNUM 3 of subject IL2-MM-002")), problems.listed());
    }

    @Test
    void aRefusedDmRowDoesNotCascade() {
        ImportProblems problems = validate(Zips.demoWith("IL2-MM", "DM.csv", t -> t.replaceFirst(",F,RIL2LD", ",X,RIL2LD")),
                null, Set.of());
        assertEquals(1, problems.total(), problems.listed()::toString);
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        UnaryOperator<String> breakTwoRows = t -> t.replace("IL2-MM,LB,IL2-MM-001,1,EOS,Eosinophils,HEMATOLOGY,0.20",
                "IL2-MM,LB,IL2-MM-001,1,EOS,Eosinophils,HEMATOLOGY,x").replace("IL2-MM-001,2,CD4,CD4+ T Lymphocytes,IMMUNOPHENOTYPING,31.8,%",
                "IL2-MM-001,2,CD4,CD4+ T Lymphocytes,IMMUNOPHENOTYPING,31.8,kg");
        ImportProblems problems = validate(Zips.demoWith("IL2-MM", "LB.csv", breakTwoRows), null, Set.of());
        assertEquals(2, problems.total(), () -> problems.listed().toString());
    }

    @Test
    void headerProblemsAreReportedOnceForTheFile() {
        ImportProblems problems = validate(Zips.demoWith("IL2-MM", "DM.csv",
                t -> t.replaceFirst("RFSTDTC", "FIRSTDOSE")), null, Set.of());
        assertEquals(Set.of(new ImportProblem("DM.csv", 1, "FIRSTDOSE",
                        "unknown column for DM; the columns are STUDYID,DOMAIN,USUBJID,SUBJID,SITEID,RFICDTC,RFSTDTC,RFENDTC,"
                                + "DTHDTC,DTHFL,AGE,AGEU,SEX,ARMCD,ARM,COUNTRY"),
                new ImportProblem("DM.csv", 1, "RFSTDTC", "required column RFSTDTC is missing")),
                Set.copyOf(problems.listed().subList(0, 2)));
    }

    /** Appends a column to every line of a CSV: the header gets its name, rows the value. */
    static String withColumn(String csv, String name, String value) {
        StringBuilder out = new StringBuilder();
        List<String> lines = csv.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            out.append(lines.get(i)).append(',').append(i == 0 ? name : value).append('\n');
        }
        return out.toString();
    }

    @Test
    void standardSdtmColumnsTheSystemDoesNotKeepAreAcceptedAndNamed() throws IOException {
        Map<String, byte[]> files = Zips.demoFiles("IL2-MM");
        files.put("LB.csv", withColumn(withColumn(new String(files.get("LB.csv"), StandardCharsets.UTF_8), "LBSTRESC", "1"),
                "EPOCH", "TREATMENT").getBytes(StandardCharsets.UTF_8));
        files.put("DM.csv", withColumn(new String(files.get("DM.csv"), StandardCharsets.UTF_8), "BRTHDTC", "1939")
                .getBytes(StandardCharsets.UTF_8));
        StudyPlan plan = plan(Zips.write(files));
        assertEquals(Map.of("DM.csv", List.of("BRTHDTC"), "LB.csv", List.of("LBSTRESC", "EPOCH")), plan.columnsNotKept);
        assertEquals(2016, plan.rowCounts.get(SdtmDomain.LB), "every row is still read");
    }

    @Test
    void aColumnThatIsNoSdtmVariableOfTheDomainIsStillRefused() {
        ImportProblems problems = validate(Zips.demoWith("IL2-MM", "LB.csv", t -> withColumn(t, "LBFAVOURITE", "x")),
                null, Set.of());
        assertEquals("LBFAVOURITE", problems.listed().get(0).column(), problems.listed()::toString);
        assertTrue(problems.listed().get(0).reason().startsWith("unknown column for LB"), problems.listed()::toString);
        ImportProblems aeInLb = validate(Zips.demoWith("IL2-MM", "LB.csv", t -> withColumn(t, "AESTRESC", "x")),
                null, Set.of());
        assertEquals("AESTRESC", aeInLb.listed().get(0).column(), "another domain's variable is unknown here");
    }

    @Test
    void aDuplicatedHeaderColumnIsRefused() {
        ImportProblems problems = validate(Zips.demoWith("IL2-MM", "AE.csv",
                t -> t.replaceFirst("AEENDTC", "AESTDTC")), null, Set.of());
        assertTrue(problems.listed().contains(new ImportProblem("AE.csv", 1, "AESTDTC", "column AESTDTC appears twice in the header")),
                problems.listed()::toString);
    }

    @Test
    void aRowWithTooFewValuesIsRefused() {
        ImportProblems problems = validate(Zips.demoWith("IL2-MM", "DS.csv",
                t -> t.replaceFirst(",DISPOSITION EVENT,1991-03-18", "")), null, Set.of());
        assertEquals(new ImportProblem("DS.csv", 2, null, "the row has 6 values but the header has 8 columns"),
                problems.listed().get(0));
    }

    @Test
    void textThatIsNotUtf8IsRefused() {
        Map<String, byte[]> files = Zips.demoFiles("IL2-MM");
        String text = new String(files.get("AE.csv"), StandardCharsets.UTF_8).replace("Fever and chills", "Fièvre");
        files.put("AE.csv", text.getBytes(StandardCharsets.ISO_8859_1));
        ImportProblems problems = validate(Zips.write(files), null, Set.of());
        assertEquals(1, problems.total(), problems.listed()::toString);
        assertTrue(problems.listed().get(0).reason().contains("not UTF-8"), problems.listed()::toString);
        assertEquals("AE.csv", problems.listed().get(0).file());
    }

    @Test
    void aByteOrderMarkIsAccepted() {
        Map<String, byte[]> files = Zips.demoFiles("IL2-MM");
        byte[] dm = files.get("DM.csv");
        byte[] withBom = new byte[dm.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(dm, 0, withBom, 3, dm.length);
        files.put("DM.csv", withBom);
        assertTrue(validate(Zips.write(files), null, Set.of()).isEmpty());
    }

    @Test
    void aMeasurementNeedsItsLesion() {
        ImportProblems problems = validate(Zips.demoWith("RECIST-DEMO", "TR.csv",
                t -> t.replaceFirst("RD-001,1,T01", "RD-001,1,T09")), null, Set.of());
        assertEquals(new ImportProblem("TR.csv", 2, "TRLNKID",
                "no lesion T09 of subject RD-001 is identified in TU.csv; a measurement needs its lesion"), problems.listed().get(0));
    }

    @Test
    void aStudyCodeAlreadyPresentIsRefusedWhereTheCodeCameFrom() {
        ImportProblems problems = validate(Zips.demo("IL2-MM"), null, Set.of("IL2-MM"));
        assertEquals(1, problems.total());
        assertEquals(new ImportProblem("TS.csv", 2, "STUDYID",
                "study IL2-MM is already present; import it under another code or remove the existing one first"),
                problems.listed().get(0), "the code comes from the first data line of TS.csv");

        ImportProblems fromThirdLine = validate(Zips.demoWith("IL2-MM", "TS.csv", t -> t.replaceFirst("\nIL2-MM,TS,1,", "\n,TS,1,")),
                null, Set.of("IL2-MM"));
        assertEquals(List.of(new ImportProblem("TS.csv", 3, "STUDYID",
                "study IL2-MM is already present; import it under another code or remove the existing one first")),
                fromThirdLine.listed(), "the first line that carries a STUDYID");

        ImportProblems underAnotherCode = validate(Zips.demo("IL2-MM"), "NEW", Set.of("IL2-MM", "NEW"));
        assertEquals(List.of(new ImportProblem(null, null, "code",
                "study NEW is already present; import it under another code or remove the existing one first")),
                underAnotherCode.listed(), "a code given with the request is the request's code parameter, not a file's column");

        assertTrue(validate(Zips.demo("IL2-MM"), "IL2-MM-B", Set.of("IL2-MM")).isEmpty(), "a new code is fine");
        assertEquals(List.of(new ImportProblem(null, null, "code",
                "study code 'bad code!' must be 1 to 40 letters, digits, dots, underscores or hyphens")),
                validate(Zips.demo("IL2-MM"), "bad code!", Set.of()).listed());
        assertEquals(new ImportProblem("TS.csv", 2, "STUDYID", "study IL2-MM is already present; import it under another code"
                + " or remove the existing one first"), validate(Zips.demo("IL2-MM"), " ", Set.of("IL2-MM")).listed().get(0),
                "a blank code parameter leaves the files' code");
    }

    @Test
    void titleAndResponseCriteriaAreRequired() {
        ImportProblems problems = validate(Zips.demoWith("IL2-MM", "TS.csv",
                t -> t.lines().filter(l -> !l.contains(",TITLE,") && !l.contains(",RESPCRIT,"))
                        .reduce("", (a, b) -> a + b + "\n")), null, Set.of());
        assertEquals(Set.of("parameter TITLE is required", "parameter RESPCRIT is required"),
                Set.copyOf(problems.listed().stream().map(ImportProblem::reason).toList()));
    }

    @Test
    void problemsStopBeingListedAtTheLimitButAreCounted() {
        ImportProblems problems = new ImportProblems(3);
        for (int i = 0; i < 10; i++) {
            problems.add("LB.csv", i, "LBORRES", "bad");
        }
        assertEquals(3, problems.listed().size());
        assertEquals(10, problems.total());
        StudyImportRejectedException rejected = org.junit.jupiter.api.Assertions.assertThrows(
                StudyImportRejectedException.class, problems::throwIfAny);
        assertEquals(10, rejected.getTotal());
        assertNotNull(rejected.getMessage());
    }
}
