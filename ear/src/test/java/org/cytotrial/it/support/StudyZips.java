package org.cytotrial.it.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Study uploads for tests: the demo studies zipped, optionally with one file changed. */
public final class StudyZips {

    private StudyZips() {}

    /** The demo study's CSV files, by file name. */
    public static Map<String, String> demoFiles(String study) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(It.demoDir().resolve(study))) {
            for (Path p : paths.filter(p -> p.toString().endsWith(".csv")).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public static byte[] demo(String study) {
        return zip(demoFiles(study));
    }

    /** The demo study with one file's text changed. */
    public static byte[] demoWith(String study, String file, UnaryOperator<String> change) {
        Map<String, String> files = demoFiles(study);
        files.put(file, change.apply(files.get(file)));
        return zip(files);
    }

    public static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Map<String, String> unzip(byte[] zip) {
        Map<String, String> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
