package org.cytotrial.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
    void theSameOptionsGiveTheSameBytes() throws IOException {
        SyntheticStudyGenerator.Options options = SyntheticStudyGenerator.Options.of("SYN-R", 40);
        assertArrayEquals(generate(options), generate(options));
    }
}
