package org.cytotrial.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.cytotrial.exchange.synthetic.SyntheticStudyGenerator;
import org.cytotrial.testing.H2Schema;
import org.junit.jupiter.api.Test;

/** Generated studies are valid imports and reproducible byte for byte. */
class SyntheticStudyTest {

    private static byte[] generate(SyntheticStudyGenerator.Options options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SyntheticStudyGenerator(options).write(out);
        return out.toByteArray();
    }

    @Test
    void aGeneratedStudyPassesEveryImportRule() throws IOException {
        SyntheticStudyGenerator.Options options = new SyntheticStudyGenerator.Options("SYN-T", 120, 6, 12, 6, 20, 7);
        Path zip = Files.write(Files.createTempFile("syn", ".zip"), generate(options));
        ImportProblems problems = new ImportProblems();
        try (StudyArchive archive = StudyArchive.open(zip, Files.size(zip), StudyArchive.Limits.DEFAULT, problems)) {
            StudyPlan plan = new StudyValidator(H2Schema.catalogue(), c -> false, problems).validate(archive, null);
            assertTrue(problems.isEmpty(), problems.listed()::toString);
            assertEquals(120, plan.subjectsByIndex.size());
            assertEquals(Map.of("IL6R", "Anti-IL-6R (tocilizumab) 8 mg/kg q4w", "CTRL", "Standard care"), plan.arms);
            assertEquals(6, plan.sites.size());
            assertTrue(plan.rowCounts.get(SdtmDomain.LB) > 120 * 19, "markers at every visit done");
            assertTrue(plan.rowCounts.get(SdtmDomain.RS) > 120, "assessments for most subjects");
        } finally {
            Files.delete(zip);
        }
    }

    @Test
    void aCompleteStudyHasEveryPlannedVisitAndTheDefaultStudysResponses() throws IOException {
        SyntheticStudyGenerator.Options dropout = new SyntheticStudyGenerator.Options("SYN-C", 200, 6, 24, 12, 20, 3);
        SyntheticStudyGenerator.Options complete = new SyntheticStudyGenerator.Options("SYN-C", 200, 6, 24, 12, 20, 3, true);
        Map<String, String> some = csvs(generate(dropout));
        Map<String, String> all = csvs(generate(complete));

        // every subject has all 24 visits: dosing and 19 markers (one catalogue profile short of 20) at each
        assertEquals(200 * 24, lines(all.get("EX.csv")));
        assertEquals(200 * 24 * 19, lines(all.get("LB.csv")));
        assertTrue(lines(some.get("EX.csv")) < 200 * 24, "subjects leave after progression by default");
        // the same tumours, responses and progressions; deaths after the last visit
        assertEquals(some.get("TR.csv"), all.get("TR.csv"));
        assertEquals(some.get("RS.csv"), all.get("RS.csv"));
        assertEquals(some.get("DS.csv").lines().filter(l -> l.contains("PROGRESSIVE DISEASE")).toList(),
                all.get("DS.csv").lines().filter(l -> l.contains("PROGRESSIVE DISEASE")).toList());
        long deaths = 0;
        for (String row : all.get("DM.csv").lines().skip(1).toList()) {
            String[] f = row.split(",");
            LocalDate lastVisit = LocalDate.parse(f[6]).plusDays(23 * 28);   // first dose + 23 intervals
            assertEquals(lastVisit, LocalDate.parse(f[7]), row);             // RFENDTC: the last planned visit
            if (!f[8].isEmpty()) {
                deaths++;
                assertTrue(LocalDate.parse(f[8]).isAfter(lastVisit), row);
            }
        }
        assertTrue(deaths > 0, "some subjects die");

        Path zip = Files.write(Files.createTempFile("syn", ".zip"), generate(complete));
        ImportProblems problems = new ImportProblems();
        try (StudyArchive archive = StudyArchive.open(zip, Files.size(zip), StudyArchive.Limits.DEFAULT, problems)) {
            new StudyValidator(H2Schema.catalogue(), c -> false, problems).validate(archive, null);
            assertTrue(problems.isEmpty(), problems.listed()::toString);
        } finally {
            Files.delete(zip);
        }
    }

    private static Map<String, String> csvs(byte[] zip) throws IOException {
        Map<String, String> files = new java.util.HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /** Data rows of a CSV file (its header not counted). */
    private static long lines(String csv) {
        return csv.lines().count() - 1;
    }

    @Test
    void theCommandLineRefusesAnUnknownOptionByName() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SyntheticStudyGenerator.main(new String[] {"--subject", "10"}));
        assertTrue(e.getMessage().contains("--subject") && e.getMessage().contains("--subjects"), e.getMessage());
    }

    @Test
    void theSameOptionsGiveTheSameBytes() throws IOException {
        SyntheticStudyGenerator.Options options = SyntheticStudyGenerator.Options.of("SYN-R", 40);
        assertArrayEquals(generate(options), generate(options));
    }
}
