package org.cytotrial.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Demo studies and variations of them as zip files on disk, for import tests. */
public final class Zips {

    private Zips() {}

    public static Path demoDir() {
        String configured = System.getProperty("cytotrial.demo.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("../src/demo/studies");
        return Files.isDirectory(dir) ? dir : Path.of("src/demo/studies");
    }

    public static Map<String, byte[]> demoFiles(String study) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(demoDir().resolve(study))) {
            for (Path p : paths.filter(p -> p.toString().endsWith(".csv")).toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public static Path demo(String study) {
        return write(demoFiles(study));
    }

    /** The demo study with one file's text changed. */
    public static Path demoWith(String study, String file, UnaryOperator<String> change) {
        Map<String, byte[]> files = demoFiles(study);
        files.put(file, change.apply(new String(files.get(file), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        return write(files);
    }

    public static Path write(Map<String, byte[]> files) {
        try {
            Path zip = Files.createTempFile("cytotrial-test-", ".zip");
            zip.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    z.putNextEntry(new ZipEntry(file.getKey()));
                    z.write(file.getValue());
                    z.closeEntry();
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
