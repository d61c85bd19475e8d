package org.cytotrial.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cytotrial.platform.SpreadsheetText;

/**
 * The audit trail as CSV, one line per changed field (an entry without field changes gets one
 * line of its own). Meant to be opened in a spreadsheet, so a text that a spreadsheet would run
 * as a formula (starting with =, +, -, @, tab or carriage return) is written with a leading
 * apostrophe; plain numbers are left as they are.
 */
public final class AuditCsv implements Consumer<AuditEntry>, AutoCloseable {

    public static final String[] HEADER = {"revision", "recorded_at_utc", "user", "client_address", "reason", "entity",
        "subject", "visit", "item", "record_key", "action", "field", "old_value", "new_value"};

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private final CSVPrinter printer;

    public AuditCsv(Writer out) {
        try {
            this.printer = new CSVPrinter(out, FORMAT);
            printer.printRecord((Object[]) HEADER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void accept(AuditEntry entry) {
        try {
            if (entry.changes().isEmpty()) {
                line(entry, null, null, null);
            }
            for (AuditEntry.FieldChange change : entry.changes()) {
                line(entry, change.field(), change.oldValue(), change.newValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(AuditEntry e, String field, String oldValue, String newValue) throws IOException {
        printer.printRecord(e.revision(), e.recordedAt().toString(), safe(e.username()), safe(e.clientAddress()),
                safe(e.reason()), e.entity(), safe(e.subject()), safe(e.visit()), safe(e.item()), e.recordKey(),
                e.action().name(), field, safe(oldValue), safe(newValue));
    }

    /** Neutralises spreadsheet formulas (CSV injection); null stays empty. */
    public static String safe(String value) {
        return SpreadsheetText.defused(value);
    }

    @Override
    public void close() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
