package org.cytotrial.exchange;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;

/**
 * One data row of a domain file with typed accessors. Each accessor reports what is wrong with
 * the value (file, line, column, why) and returns null, so that a row with several bad values
 * yields several problems in one pass.
 */
final class Row {

    /** ISO 8601 date, optionally with a time part, which is not kept. */
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?");

    private final SdtmDomain domain;
    private final int line;
    private final CSVRecord record;
    private final Map<String, Integer> index;
    private final ImportProblems problems;
    private boolean valid = true;

    Row(SdtmDomain domain, int line, CSVRecord record, Map<String, Integer> index, ImportProblems problems) {
        this.domain = domain;
        this.line = line;
        this.record = record;
        this.index = index;
        this.problems = problems;
    }

    int line() {
        return line;
    }

    /** False once any accessor reported a problem with this row. */
    boolean valid() {
        return valid;
    }

    String file() {
        return domain.fileName();
    }

    /** Marks the row as refused when the problem is reported elsewhere (once for many rows). */
    void invalidate() {
        valid = false;
    }

    void problem(String column, String reason) {
        valid = false;
        problems.add(domain.fileName(), line, column, reason);
    }

    /** The value as given (surrounding blanks removed), or null when empty or the column is absent. */
    String text(String column) {
        Integer i = index.get(column);
        if (i == null || i >= record.size()) {
            return null;
        }
        String value = record.get(i).strip();
        return value.isEmpty() ? null : value;
    }

    /** The value; a missing value is reported when the domain requires one. */
    String value(String column) {
        String value = text(column);
        if (value == null && domain.requiresValue(column)) {
            problem(column, "a value is required");
        }
        return value;
    }

    String value(String column, int maxLength) {
        String value = value(column);
        if (value != null && value.length() > maxLength) {
            problem(column, "the value is " + value.length() + " characters long; at most " + maxLength + " are allowed");
            return null;
        }
        return value;
    }

    LocalDate date(String column) {
        String value = value(column);
        if (value == null) {
            return null;
        }
        if (!ISO_DATE.matcher(value).matches()) {
            problem(column, "'" + value + "' is not an ISO 8601 date (yyyy-MM-dd)");
            return null;
        }
        try {
            return LocalDate.parse(value.substring(0, 10));
        } catch (DateTimeParseException e) {
            problem(column, "'" + value + "' is not a valid calendar date");
            return null;
        }
    }

    Integer integer(String column) {
        String value = value(column);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            problem(column, "'" + value + "' is not a whole number");
            return null;
        }
    }

    /** A sequence number (xxSEQ): a positive whole number. */
    Integer sequence(String column) {
        Integer seq = integer(column);
        if (seq != null && seq < 1) {
            problem(column, "a sequence number must be 1 or more, not " + seq);
            return null;
        }
        return seq;
    }

    Double number(String column) {
        String value = value(column);
        if (value == null) {
            return null;
        }
        return parseNumber(column, value);
    }

    Double parseNumber(String column, String value) {
        try {
            double d = Double.parseDouble(value);
            if (Double.isNaN(d) || Double.isInfinite(d) || value.matches(".*[a-zA-Z].*")) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            problem(column, "'" + value + "' is not a number");
            return null;
        }
    }

    BigDecimal visitNumber(String column) {
        String value = value(column);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(value);
            if (number.signum() < 0 || number.scale() > 2 || number.precision() - number.scale() > 7) {
                problem(column, "'" + value + "' is not a visit number (0 or more, at most 2 decimals)");
                return null;
            }
            return number.stripTrailingZeros();
        } catch (NumberFormatException e) {
            problem(column, "'" + value + "' is not a visit number");
            return null;
        }
    }

    /** Y or N (SDTM NY codelist). */
    Boolean yesNo(String column) {
        String value = value(column);
        if (value == null) {
            return null;
        }
        return switch (value.toUpperCase(java.util.Locale.ROOT)) {
            case "Y" -> Boolean.TRUE;
            case "N" -> Boolean.FALSE;
            default -> {
                problem(column, "'" + value + "' is not Y or N");
                yield null;
            }
        };
    }
}
