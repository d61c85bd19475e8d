package org.cytotrial.exchange;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A study upload: a zip of SDTM domain CSV files, flat or inside one folder. Refuses what a
 * hostile or broken upload may hold: entries that climb out of the archive ({@code ../}),
 * absolute or deeply nested names, too many entries, and compression bombs (the expanded size
 * is limited and counted while reading, whatever the zip's directory claims).
 *
 * <p>Other files often found beside the CSVs (a README, an {@code expected.json}, macOS
 * metadata) are ignored; an unknown {@code .csv} file is a problem, since it probably holds data
 * the user expects to arrive.
 */
public final class StudyArchive implements AutoCloseable {

    /** Limits of what an upload may expand to; the defaults suit studies of 100,000 subjects. */
    public record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes, long maxRatio) {
        public static final Limits DEFAULT = new Limits(200, 8L << 30, 16L << 30, 1000);
    }

    private final ZipFile zip;
    private final Map<SdtmDomain, ZipEntry> entries = new EnumMap<>(SdtmDomain.class);
    private final Limits limits;

    private StudyArchive(ZipFile zip, Limits limits) {
        this.zip = zip;
        this.limits = limits;
    }

    /** Opens and checks the archive; returns null after reporting why it cannot be used. */
    public static StudyArchive open(Path file, long size, Limits limits, ImportProblems problems) {
        if (size == 0) {
            problems.add(ImportProblem.ofUpload("the upload is empty; send a zip of the SDTM CSV files (TS.csv, DM.csv, ...)"));
            return null;
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            problems.add(ImportProblem.ofUpload("the upload is not a zip archive; send a zip of the SDTM CSV files"));
            return null;
        } catch (IOException e) {
            problems.add(ImportProblem.ofUpload("the upload cannot be read as a zip archive: " + e.getMessage()));
            return null;
        }
        StudyArchive archive = new StudyArchive(zip, limits);
        if (!archive.catalogue(problems)) {
            archive.close();
            return null;
        }
        return archive;
    }

    private boolean catalogue(ImportProblems problems) {
        int count = 0;
        long declaredTotal = 0;
        boolean ok = true;
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry entry = all.nextElement();
            if (++count > limits.maxEntries()) {
                problems.add(ImportProblem.ofUpload("the zip holds more than " + limits.maxEntries() + " entries"));
                return false;
            }
            String name = entry.getName();
            if (name.contains("\\") || name.startsWith("/") || name.matches("^[A-Za-z]:.*")
                    || ("/" + name + "/").contains("/../") || name.indexOf('\0') >= 0) {
                problems.add(ImportProblem.ofFile(name, "unsafe entry name in the zip (absolute path or '..'); refused"));
                ok = false;
                continue;
            }
            if (entry.isDirectory()) {
                continue;
            }
            String[] parts = name.split("/");
            String fileName = parts[parts.length - 1];
            if (name.startsWith("__MACOSX/") || fileName.startsWith(".")) {
                continue;
            }
            Optional<SdtmDomain> domain = SdtmDomain.forFileName(fileName);
            if (domain.isEmpty()) {
                if (fileName.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    problems.add(ImportProblem.ofFile(name, "unknown domain file; the domains are "
                            + String.join(", ", java.util.Arrays.stream(SdtmDomain.values()).map(SdtmDomain::fileName).toList())));
                    ok = false;
                }
                continue;
            }
            if (parts.length > 2) {
                problems.add(ImportProblem.ofFile(name, "the CSV files must be at the top of the zip or in one folder"));
                ok = false;
                continue;
            }
            long declared = entry.getSize();
            long compressed = entry.getCompressedSize();
            if (declared > limits.maxEntryBytes()
                    || (declared > 0 && compressed > 0 && declared / compressed > limits.maxRatio() && declared > (1 << 20))) {
                problems.add(ImportProblem.ofFile(name, "the entry expands to " + declared + " bytes; refused as a possible zip bomb"));
                ok = false;
                continue;
            }
            declaredTotal += Math.max(declared, 0);
            if (entries.putIfAbsent(domain.get(), entry) != null) {
                problems.add(ImportProblem.ofFile(name, "a second " + domain.get().fileName() + " in the zip; send each domain once"));
                ok = false;
            }
        }
        if (declaredTotal > limits.maxTotalBytes()) {
            problems.add(ImportProblem.ofUpload("the zip expands to " + declaredTotal + " bytes, more than the limit of "
                    + limits.maxTotalBytes()));
            ok = false;
        }
        if (ok && entries.isEmpty()) {
            problems.add(ImportProblem.ofUpload("the zip holds no SDTM CSV files (TS.csv, DM.csv, ...)"));
            return false;
        }
        for (SdtmDomain required : new SdtmDomain[] {SdtmDomain.TS, SdtmDomain.DM}) {
            if (ok && !entries.containsKey(required)) {
                problems.add(ImportProblem.ofFile(required.fileName(), "required file " + required.fileName() + " is missing from the zip"));
                ok = false;
            }
        }
        return ok;
    }

    public Set<SdtmDomain> domains() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** The domain's CSV, expanded with a running check of the expansion limits. */
    public Optional<InputStream> open(SdtmDomain domain) throws IOException {
        ZipEntry entry = entries.get(domain);
        if (entry == null) {
            return Optional.empty();
        }
        // The zip directory's size may lie (ZipFile expands past it without complaint): the entry
        // may expand to what it declared and no further.
        long declared = entry.getSize();
        long limit = declared >= 0 ? Math.min(declared, limits.maxEntryBytes()) : limits.maxEntryBytes();
        return Optional.of(new BoundedStream(zip.getInputStream(entry), limit, domain.fileName()));
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            // nothing to recover: the temporary file is deleted by its owner
        }
    }

    /** Counts expanded bytes and fails once past the limit, whatever the zip directory declared. */
    private static final class BoundedStream extends FilterInputStream {
        private final long limit;
        private final String name;
        private long count;

        BoundedStream(InputStream in, long limit, String name) {
            super(in);
            this.limit = limit;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) throws IOException {
            count += n;
            if (count > limit) {
                throw new IOException(name + " expands beyond the " + limit + " bytes its zip entry declares or the"
                        + " limit allows; refused as a possible zip bomb");
            }
        }
    }
}
