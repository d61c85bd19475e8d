package org.cytotrial.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cytotrial.testing.Zips;
import org.junit.jupiter.api.Test;

/** What an upload may and may not contain, before any CSV is read. */
class StudyArchiveTest {

    private static ImportProblems problemsOf(Path zip, StudyArchive.Limits limits) throws IOException {
        ImportProblems problems = new ImportProblems();
        StudyArchive archive = StudyArchive.open(zip, Files.size(zip), limits, problems);
        if (archive != null) {
            archive.close();
        }
        return problems;
    }

    private static String firstReason(Path zip) throws IOException {
        ImportProblems problems = problemsOf(zip, StudyArchive.Limits.DEFAULT);
        assertTrue(!problems.isEmpty(), "expected a problem");
        return problems.listed().get(0).reason();
    }

    private static Map<String, byte[]> files(String... nameThenText) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < nameThenText.length; i += 2) {
            files.put(nameThenText[i], nameThenText[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    @Test
    void emptyAndNonZipUploadsAreRefused() throws IOException {
        Path empty = Files.createTempFile("empty", ".zip");
        assertTrue(firstReason(empty).contains("the upload is empty"));
        Path text = Files.writeString(Files.createTempFile("text", ".zip"), "STUDYID,DOMAIN\n");
        assertTrue(firstReason(text).contains("not a zip archive"));
    }

    @Test
    void namesThatLeaveTheArchiveAreRefused() throws IOException {
        assertTrue(firstReason(Zips.write(files("../DM.csv", "x", "TS.csv", "y"))).contains("unsafe entry name"));
        assertTrue(firstReason(Zips.write(files("/etc/DM.csv", "x"))).contains("unsafe entry name"));
        assertTrue(firstReason(Zips.write(files("study/../../DM.csv", "x"))).contains("unsafe entry name"));
    }

    @Test
    void oneFolderIsFineDeeperNestingIsNot() throws IOException {
        Map<String, byte[]> demo = Zips.demoFiles("IL2-MM");
        Map<String, byte[]> inFolder = new LinkedHashMap<>();
        demo.forEach((name, bytes) -> inFolder.put("IL2-MM/" + name, bytes));
        inFolder.put("IL2-MM/expected.json", "{}".getBytes(StandardCharsets.UTF_8));
        inFolder.put("__MACOSX/IL2-MM/._DM.csv", new byte[] {1, 2});
        inFolder.put("IL2-MM/README.md", "notes".getBytes(StandardCharsets.UTF_8));
        ImportProblems problems = new ImportProblems();
        Path zip = Zips.write(inFolder);
        try (StudyArchive archive = StudyArchive.open(zip, Files.size(zip), StudyArchive.Limits.DEFAULT, problems)) {
            assertNotNull(archive, problems.listed()::toString);
            assertEquals(EnumSet.of(SdtmDomain.TS, SdtmDomain.DM, SdtmDomain.EX, SdtmDomain.RS, SdtmDomain.DS,
                    SdtmDomain.AE, SdtmDomain.LB), EnumSet.copyOf(archive.domains()));
        }
        assertTrue(firstReason(Zips.write(files("a/b/DM.csv", "x", "TS.csv", "y"))).contains("in one folder"));
    }

    @Test
    void unknownCsvFilesAndDuplicatesAreRefused() throws IOException {
        assertTrue(firstReason(Zips.write(files("TS.csv", "x", "DM.csv", "y", "VS.csv", "z"))).startsWith("unknown domain file"));
        assertTrue(firstReason(Zips.write(files("TS.csv", "x", "DM.csv", "y", "a/dm.csv", "z"))).contains("a second DM.csv"));
        assertTrue(firstReason(Zips.write(files("TS.csv", "x"))).contains("required file DM.csv is missing"));
        assertTrue(firstReason(Zips.write(files("notes.txt", "x"))).contains("no SDTM CSV files"));
    }

    @Test
    void aCompressionBombIsRefusedBeforeExpansion() throws IOException {
        Map<String, byte[]> bomb = files("TS.csv", "x");
        bomb.put("DM.csv", new byte[50 * 1024 * 1024]);
        assertTrue(firstReason(Zips.write(bomb)).contains("possible zip bomb"));
    }
}
