package org.cytotrial.platform;

import java.util.regex.Pattern;

/**
 * Text for CSV files meant to be opened in a spreadsheet (the audit trail, the report listings):
 * a spreadsheet runs a cell starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or
 * carriage return as a formula (CSV injection), so such a text is written with a leading
 * apostrophe, which spreadsheets show as plain text. A plain number ({@code -1.5}, {@code -2E-3})
 * is left as it is: it is data, not a formula.
 */
public final class SpreadsheetText {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private SpreadsheetText() {
    }

    /** The value, with a leading apostrophe when a spreadsheet would take it for a formula; null stays null. */
    public static String defused(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula && !NUMBER.matcher(value).matches() ? "'" + value : value;
    }
}
