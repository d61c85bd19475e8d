package org.cytotrial.report.xlsx;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The strings of the streamed sheets, numbered after the template's own shared strings. Repeated
 * values (arm, site, visit, subject) are written once to {@code sharedStrings.xml} and referenced
 * by index in the sheet, which keeps the sheet XML (and so the time spent compressing it) small.
 */
final class SharedStrings {

    private final int offset;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> strings = new ArrayList<>();
    private long references;

    SharedStrings(int offset) {
        this.offset = offset;
    }

    int indexOf(String value) {
        references++;
        Integer i = index.get(value);
        if (i == null) {
            i = offset + strings.size();
            index.put(value, i);
            strings.add(value);
        }
        return i;
    }

    int size() {
        return strings.size();
    }

    long references() {
        return references;
    }

    void writeItems(Writer out) throws IOException {
        for (String s : strings) {
            out.write(needsPreserve(s) ? "<si><t xml:space=\"preserve\">" : "<si><t>");
            Xml.escape(s, out);
            out.write("</t></si>");
        }
    }

    private static boolean needsPreserve(String s) {
        return !s.isEmpty() && (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))
                || s.indexOf('\n') >= 0);
    }
}
