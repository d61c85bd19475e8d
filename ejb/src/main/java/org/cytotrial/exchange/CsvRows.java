package org.cytotrial.exchange;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one domain's CSV file (RFC 4180, UTF-8, optional byte-order mark) row by row, after
 * checking its header against the domain's columns. Streams: memory does not grow with the file.
 *
 * <p>Decoding is strict: bytes that are not UTF-8 are reported, never silently replaced, since a
 * mis-decoded subject id or unit would corrupt data without anyone noticing.
 */
final class CsvRows implements AutoCloseable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setAllowMissingColumnNames(true)
            .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
            .get();

    /**
     * The longest row accepted. Real rows are well under a kilobyte; without a limit, one
     * endless row (a zip bomb of a single field) would have to be held in memory whole.
     */
    static final int MAX_RECORD_CHARS = 1 << 20;

    private final SdtmDomain domain;
    private final ImportProblems problems;
    private final CSVParser parser;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> notKept = new ArrayList<>();
    private final boolean headerUsable;

    private CsvRows(SdtmDomain domain, InputStream in, ImportProblems problems) throws IOException {
        this.domain = domain;
        this.problems = problems;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new RecordLengthLimit(new InputStreamReader(in, decoder), MAX_RECORD_CHARS),
                64 * 1024);
        reader.mark(1);
        int first = reader.read();
        if (first != '\uFEFF' && first != -1) {
            reader.reset();
        }
        this.parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get();
        this.headerUsable = checkHeader(parser.getHeaderNames());
    }

    /** Opens the file; header problems are reported and leave {@link #usable()} false. */
    static CsvRows open(SdtmDomain domain, InputStream in, ImportProblems problems) {
        try {
            return new CsvRows(domain, in, problems);
        } catch (CharacterCodingException e) {
            problems.add(domain.fileName(), 1, null, "the file is not UTF-8 encoded text; save it as UTF-8 CSV");
            return null;
        } catch (IOException | UncheckedIOException e) {
            problems.add(domain.fileName(), 1, null, "the header cannot be read: " + rootMessage(e));
            return null;
        }
    }

    private boolean checkHeader(List<String> header) {
        String file = domain.fileName();
        if (header.isEmpty()) {
            problems.add(file, 1, null, "the file is empty; expected a header line with the columns "
                    + String.join(",", domain.columns()));
            return false;
        }
        boolean ok = true;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i).trim();
            if (!seen.add(name)) {
                problems.add(file, 1, name, "column " + name + " appears twice in the header");
                ok = false;
            } else if (domain.isStandardButNotKept(name)) {
                notKept.add(name);
            } else if (!domain.knowsColumn(name)) {
                problems.add(file, 1, name.isEmpty() ? "(column " + (i + 1) + ")" : name,
                        "unknown column for " + domain + "; the columns are " + String.join(",", domain.columns()));
                ok = false;
            } else {
                index.put(name, i);
            }
        }
        for (String required : domain.requiredColumns()) {
            if (!seen.contains(required)) {
                problems.add(file, 1, required, "required column " + required + " is missing");
                ok = false;
            }
        }
        return ok;
    }

    /** Standard SDTM columns of the header that the import leaves out, in header order. */
    List<String> notKept() {
        return List.copyOf(notKept);
    }

    boolean usable() {
        return headerUsable;
    }

    /** Calls the consumer for every data row; unreadable rows and encoding errors are reported. */
    void forEach(Consumer<Row> consumer) {
        if (!headerUsable) {
            return;
        }
        Iterator<CSVRecord> records = parser.iterator();
        long lastLine = 1;
        while (true) {
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    break;
                }
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException | NoSuchElementException e) {
                String reason = e.getCause() instanceof CharacterCodingException
                        ? "the file is not UTF-8 encoded text (bad bytes after line " + lastLine + "); save it as UTF-8 CSV"
                        : "the CSV cannot be parsed after line " + lastLine + ": " + rootMessage(e);
                problems.add(domain.fileName(), (int) lastLine + 1, null, reason);
                return;
            }
            long line = record.getRecordNumber() + 1;
            lastLine = line;
            Row row = new Row(domain, (int) line, record, index, problems);
            if (record.size() != parser.getHeaderNames().size()) {
                problems.add(domain.fileName(), (int) line, null, "the row has " + record.size()
                        + " values but the header has " + parser.getHeaderNames().size() + " columns");
                continue;
            }
            consumer.accept(row);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // the underlying zip entry stream is closed by its owner
        }
    }

    /**
     * Fails a read once a row (outside quotes, up to its line end) grows past the limit. Quotes
     * are tracked as RFC 4180 has them: a doubled quote inside a quoted field toggles twice.
     */
    static final class RecordLengthLimit extends java.io.FilterReader {
        private final int limit;
        private int length;
        private boolean quoted;

        RecordLengthLimit(java.io.Reader in, int limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int count) throws IOException {
            int n = super.read(buffer, offset, count);
            for (int i = 0; i < n; i++) {
                count(buffer[offset + i]);
            }
            return n;
        }

        private void count(char c) throws IOException {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == '\n' && !quoted) {
                length = 0;
            } else if (++length > limit) {
                throw new IOException("a row is longer than " + limit + " characters; refused");
            }
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
