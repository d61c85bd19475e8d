package org.cytotrial.report.xlsx;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;

/**
 * Writes the rows of one streamed sheet as SpreadsheetML, straight into the package's zip entry.
 *
 * <p>Each call appends the next cell of the current row; {@link #row()} starts the next row.
 * The XML is built in a byte buffer (it is ASCII: strings are shared-string indices), with no
 * object per cell and nothing kept once written, so memory does not grow with the sheet. Cells
 * carry their position only after a gap (a blank cell), which the format allows and which keeps
 * the XML, and the time spent compressing it, small. Null and non-finite values are blank cells.
 *
 * <p>Styles are indices of cell styles that exist in the template workbook
 * ({@link StyleBook#index}); 0 is the default style.
 */
public final class SheetRows {

    /** Excel's day 0 of the 1900 date system (serial 1 = 1900-01-01 after the 1900 leap-year quirk). */
    private static final long EXCEL_EPOCH_DAY = LocalDate.of(1899, 12, 30).toEpochDay();
    private static final long FIRST_SAFE_EPOCH_DAY = LocalDate.of(1900, 3, 1).toEpochDay();
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
        100_000_000_000_000L, 1_000_000_000_000_000L};
    /** Integers up to 2^53 are exact doubles. */
    private static final long EXACT_INTEGERS = 1L << 53;
    private static final String[] COLUMN_NAMES = new String[702];

    static {
        for (int i = 0; i < COLUMN_NAMES.length; i++) {
            COLUMN_NAMES[i] = i < 26 ? String.valueOf((char) ('A' + i))
                    : String.valueOf((char) ('A' + i / 26 - 1)) + (char) ('A' + i % 26);
        }
    }

    private final OutputStream out;
    private final SharedStrings strings;
    private final byte[] buffer = new byte[1 << 16];
    private int length;
    /** 1-based number of the current row; 0 before the first. */
    private int rowNumber;
    private final int firstRow;
    /** Column of the next cell. */
    private int column;
    /** The column a cell without a position would land in: right after the last one written. */
    private int expectedColumn;
    private int written;
    private boolean rowOpen;

    SheetRows(OutputStream out, SharedStrings strings, int firstRowNumber) {
        this.out = out;
        this.strings = strings;
        this.firstRow = firstRowNumber;
        this.rowNumber = firstRowNumber - 1;
    }

    /** Starts the next row. */
    public SheetRows row() throws IOException {
        closeRow();
        rowNumber++;
        written++;
        ascii("<row r=\"");
        integerDigits(rowNumber);
        ascii("\">");
        rowOpen = true;
        column = 0;
        expectedColumn = 0;
        return this;
    }

    /** Leaves the next cell empty. */
    public SheetRows blank() {
        column++;
        return this;
    }

    public SheetRows text(String value) throws IOException {
        return text(value, 0);
    }

    public SheetRows text(String value, int style) throws IOException {
        if (value == null) {
            return blank();
        }
        int index = strings.indexOf(value);
        open(style, true);
        integerDigits(index);
        return close();
    }

    public SheetRows number(double value) throws IOException {
        return number(value, 0);
    }

    public SheetRows number(double value, int style) throws IOException {
        if (!Double.isFinite(value)) {
            return blank();
        }
        open(style, false);
        decimal(value);
        return close();
    }

    public SheetRows number(Double value, int style) throws IOException {
        return value == null ? blank() : number(value.doubleValue(), style);
    }

    public SheetRows integer(long value, int style) throws IOException {
        open(style, false);
        integerDigits(value);
        return close();
    }

    public SheetRows integer(Integer value, int style) throws IOException {
        return value == null ? blank() : integer(value.longValue(), style);
    }

    /**
     * A text cell that carries its text itself ({@code inlineStr}) instead of referring to the
     * shared-string table: for values that rarely repeat (audit trail old and new values, reasons),
     * whose table would otherwise grow with the sheet. Always a string, never a formula.
     */
    public SheetRows inlineText(String value) throws IOException {
        if (value == null) {
            return blank();
        }
        open(0);
        ascii(preserve(value) ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" : " t=\"inlineStr\"><is><t>");
        escapedUtf8(value);
        ascii("</t></is></c>");
        column++;
        expectedColumn = column;
        return this;
    }

    /** A date-time cell (UTC), to the millisecond, as Excel's serial day number with a date-time style. */
    public SheetRows timestamp(java.time.Instant value, int style) throws IOException {
        if (value == null) {
            return blank();
        }
        if (value.getEpochSecond() < FIRST_SAFE_EPOCH_DAY * 86_400L) {
            return text(value.toString(), 0);
        }
        return number((value.toEpochMilli() - EXCEL_EPOCH_DAY * 86_400_000L) / 86_400_000d, style);
    }

    /** A date cell (a number with a date style); dates before March 1900 are written as ISO text. */
    public SheetRows date(LocalDate value, int style) throws IOException {
        if (value == null) {
            return blank();
        }
        long epochDay = value.toEpochDay();
        if (epochDay < FIRST_SAFE_EPOCH_DAY) {
            return text(value.toString(), 0);
        }
        return integer(epochDay - EXCEL_EPOCH_DAY, style);
    }

    /** Rows written so far. */
    public int rows() {
        return written;
    }

    /** 1-based number of the last row written (or of the row before the first). */
    public int lastRowNumber() {
        return rowNumber;
    }

    int firstRowNumber() {
        return firstRow;
    }

    void finish() throws IOException {
        closeRow();
        flush();
    }

    private void closeRow() throws IOException {
        if (rowOpen) {
            ascii("</row>");
            rowOpen = false;
        }
    }

    private void open(int style, boolean shared) throws IOException {
        open(style);
        ascii(shared ? " t=\"s\"><v>" : "><v>");
    }

    /** {@code <c} with the position (after a gap) and the style, the type and value still to come. */
    private void open(int style) throws IOException {
        if (!rowOpen) {
            throw new IllegalStateException("Call row() before writing cells");
        }
        ensure(48);
        ascii("<c");
        if (column != expectedColumn) {
            ascii(" r=\"");
            ascii(column < COLUMN_NAMES.length ? COLUMN_NAMES[column] : columnName(column));
            integerDigits(rowNumber);
            buffer[length++] = '"';
        }
        if (style != 0) {
            ascii(" s=\"");
            integerDigits(style);
            buffer[length++] = '"';
        }
    }

    private static boolean preserve(String s) {
        return !s.isEmpty() && (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))
                || s.indexOf('\n') >= 0);
    }

    /**
     * The text as XML character data in UTF-8: markup characters escaped; control characters XML
     * 1.0 cannot carry, and unpaired surrogates, dropped (as {@link Xml#escape} does).
     */
    private void escapedUtf8(String s) throws IOException {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            ensure(8);
            if (c < 0x80) {
                switch (c) {
                    case '<' -> ascii("&lt;");
                    case '>' -> ascii("&gt;");
                    case '&' -> ascii("&amp;");
                    case '"' -> ascii("&quot;");
                    default -> {
                        if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                            buffer[length++] = (byte) c;
                        }
                    }
                }
            } else if (c < 0x800) {
                buffer[length++] = (byte) (0xC0 | c >> 6);
                buffer[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buffer[length++] = (byte) (0xF0 | cp >> 18);
                buffer[length++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buffer[length++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buffer[length++] = (byte) (0x80 | cp & 0x3F);
            } else if (!Character.isSurrogate(c) && c != 0xFFFE && c != 0xFFFF) {
                buffer[length++] = (byte) (0xE0 | c >> 12);
                buffer[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    private SheetRows close() throws IOException {
        ascii("</v></c>");
        column++;
        expectedColumn = column;
        return this;
    }

    /**
     * The shortest of: an integer, a decimal of up to fifteen places that reads back as exactly the
     * same double, or Java's round-trip representation. m / 10^k with m at most 2^53 is one
     * correctly rounded division of two exact doubles, the same double a reader makes of the text
     * "m / 10^k", so the check proves the round trip. Lab values have a few decimals and ratios
     * fifteen or so, so this covers nearly every cell without the cost of {@link Double#toString}.
     */
    private void decimal(double v) throws IOException {
        if (Math.abs(v) < 1e9) {
            for (int k = 0; k < POWERS_OF_TEN.length; k++) {
                long p = POWERS_OF_TEN[k];
                long m = Math.round(v * p);
                if (Math.abs(m) > EXACT_INTEGERS) {
                    break;
                }
                if ((double) m / p == v) {
                    fixed(m, k);
                    return;
                }
            }
        }
        ascii(Double.toString(v));
    }

    /** Writes m / 10^places in plain decimal notation. */
    private void fixed(long m, int places) throws IOException {
        ensure(24);
        if (m < 0) {
            buffer[length++] = '-';
            m = -m;
        }
        if (places == 0) {
            integerDigits(m);
            return;
        }
        long p = POWERS_OF_TEN[places];
        integerDigits(m / p);
        buffer[length++] = '.';
        long fraction = m % p;
        // leading zeros of the fraction, then its digits without trailing zeros (there are none:
        // places is the smallest that represents the value exactly)
        for (long q = p / 10; q > fraction && q > 0; q /= 10) {
            buffer[length++] = '0';
        }
        if (fraction > 0) {
            integerDigits(fraction);
        }
    }

    private void integerDigits(long v) throws IOException {
        ensure(20);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                ascii(Long.toString(v));
                return;
            }
            buffer[length++] = '-';
            v = -v;
        }
        if (v < 10) {
            buffer[length++] = (byte) ('0' + v);
            return;
        }
        int digits = 0;
        for (long t = v; t > 0; t /= 10) {
            digits++;
        }
        int end = length + digits;
        for (int i = end - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        length = end;
    }

    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the fast ASCII copy, exactly what is needed
    private void ascii(String s) throws IOException {
        int n = s.length();
        ensure(n);
        s.getBytes(0, n, buffer, length);
        length += n;
    }

    private void ensure(int bytes) throws IOException {
        if (length + bytes > buffer.length) {
            flush();
        }
    }

    private void flush() throws IOException {
        out.write(buffer, 0, length);
        length = 0;
    }

    static String columnName(int column) {
        StringBuilder name = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            name.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return name.toString();
    }
}
