package org.cytotrial.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cytotrial.testing.H2Schema;
import org.cytotrial.testing.Zips;
import org.junit.jupiter.api.Test;

/**
 * Uploads built to hurt: a zip whose directory lies about the expanded size, an endless row,
 * text that is not UTF-8, entry names that point outside the archive, and free text carrying
 * script or SQL, which is data like any other. Every one is refused with a reason (or, for the
 * free text, accepted as written) and none makes the validator hold more than a row in memory.
 */
class HostileUploadTest {

    private static String problems(Path zip) throws IOException {
        ImportProblems problems = new ImportProblems();
        try (StudyArchive archive = StudyArchive.open(zip, Files.size(zip), StudyArchive.Limits.DEFAULT, problems)) {
            if (archive != null) {
                new StudyValidator(H2Schema.catalogue(), c -> false, problems).validate(archive, null);
            }
        }
        return problems.listed().stream().map(p -> p.file() + ":" + p.line() + ":" + p.column() + ": " + p.reason())
                .collect(Collectors.joining("\n"));
    }

    private static Map<String, byte[]> demo() {
        return new TreeMap<>(Zips.demoFiles("IL2-MM"));
    }

    @Test
    void anEntryThatExpandsBeyondWhatTheZipDirectoryDeclaresIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : demo().entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getKey().equals("AE.csv") ? new byte[64 * 1024 * 1024] : file.getValue());
                zip.closeEntry();
            }
        }
        byte[] zip = bytes.toByteArray();
        // the central directory now claims AE.csv expands to 100 bytes (ratio checks see nothing odd)
        int patched = 0;
        for (int i = 0; i + 46 < zip.length; i++) {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 0x01 && zip[i + 3] == 0x02) {
                int nameLength = (zip[i + 28] & 0xff) | (zip[i + 29] & 0xff) << 8;
                if (new String(zip, i + 46, nameLength, StandardCharsets.UTF_8).equals("AE.csv")) {
                    zip[i + 24] = 100;
                    zip[i + 25] = 0;
                    zip[i + 26] = 0;
                    zip[i + 27] = 0;
                    patched++;
                }
            }
        }
        assertEquals(1, patched);
        String found = problems(Files.write(Files.createTempFile("lying", ".zip"), zip));
        assertTrue(found.contains("AE.csv") && found.contains("possible zip bomb"), found);
    }

    @Test
    void anEndlessRowIsRefusedWithoutReadingItWhole() throws IOException {
        Map<String, byte[]> files = demo();
        files.put("AE.csv", ("STUDYID,DOMAIN,USUBJID,AESEQ,AETERM,AEDECOD,AETOXGR,AESER,AEREL,AESTDTC,AEENDTC\n"
                + "IL2-MM,AE,IL2-MM-001,1," + "A".repeat(CsvRows.MAX_RECORD_CHARS + 10)).getBytes(StandardCharsets.UTF_8));
        String found = problems(Zips.write(files));
        assertTrue(found.contains("AE.csv") && found.contains("longer than " + CsvRows.MAX_RECORD_CHARS), found);

        // the same inside quotes, where line ends do not end the row
        files.put("AE.csv", ("STUDYID,DOMAIN,USUBJID,AESEQ,AETERM,AEDECOD,AETOXGR,AESER,AEREL,AESTDTC,AEENDTC\n"
                + "IL2-MM,AE,IL2-MM-001,1,\"" + "AAAA\n".repeat(CsvRows.MAX_RECORD_CHARS / 4)).getBytes(StandardCharsets.UTF_8));
        found = problems(Zips.write(files));
        assertTrue(found.contains("longer than"), found);
    }

    @Test
    void rowsWithQuotedLineBreaksUnderTheLimitAreFine() throws IOException {
        Map<String, byte[]> files = demo();
        String ae = new String(files.get("AE.csv"), StandardCharsets.UTF_8);
        files.put("AE.csv", ae.replaceFirst(",Pyrexia,", ",\"Pyrexia,\n\"\"high\"\"\",").getBytes(StandardCharsets.UTF_8));
        assertEquals("", problems(Zips.write(files)));
    }

    @Test
    void textThatIsNotUtf8IsRefusedNotGuessed() throws IOException {
        Map<String, byte[]> files = demo();
        String ae = new String(files.get("AE.csv"), StandardCharsets.UTF_8).replaceFirst("Pyrexia", "Fieber über 39 °C");
        files.put("AE.csv", ae.getBytes(StandardCharsets.ISO_8859_1));
        String found = problems(Zips.write(files));
        assertTrue(found.contains("AE.csv") && found.contains("not UTF-8"), found);

        files = demo();
        files.put("DM.csv", new String(files.get("DM.csv"), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16));
        found = problems(Zips.write(files));
        assertTrue(found.contains("DM.csv") && found.contains("not UTF-8"), found);
    }

    @Test
    void everyKindOfUnsafeEntryNameIsRefused() throws IOException {
        for (String name : new String[] {"../DM.csv", "/DM.csv", "C:/DM.csv", "c:DM.csv", "a\\..\\DM.csv", "a/../../DM.csv",
            "DM.csv\0.txt"}) {
            Map<String, byte[]> files = demo();
            files.put(name, "x".getBytes(StandardCharsets.UTF_8));
            String found = problems(Zips.write(files));
            assertTrue(found.contains("unsafe entry name"), name + " -> " + found);
        }
    }

    @Test
    void scriptAndSqlInFreeTextAreAcceptedAsPlainText() throws IOException {
        Map<String, byte[]> files = demo();
        String ae = new String(files.get("AE.csv"), StandardCharsets.UTF_8)
                .replaceFirst(",Pyrexia,", ",\"<script>alert('x')</script>'); DROP TABLE subject; --\",");
        files.put("AE.csv", ae.getBytes(StandardCharsets.UTF_8));
        assertEquals("", problems(Zips.write(files)));
    }
}
