package org.cytotrial.report.xlsx;

import java.io.IOException;
import java.io.Writer;

/** XML text escaping for spreadsheet strings. */
final class Xml {

    private Xml() {
    }

    /**
     * Escapes markup characters; drops the control characters XML 1.0 cannot carry at all (they
     * cannot come from a keyboard, so nothing a person typed is lost).
     */
    static void escape(String s, Writer out) throws IOException {
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String replacement = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                default -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF ? "" : null;
            };
            if (replacement != null) {
                out.write(s, start, i - start);
                out.write(replacement);
                start = i + 1;
            }
        }
        out.write(s, start, n - start);
    }
}
