package org.cytotrial.report.xlsx;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A workbook built with POI whose big sheets are streamed in while it is written out.
 *
 * <p>POI's XSSF model holds the styles, the charts and drawings, the small sheets and the header
 * rows of the big ones: everything but the bulk rows. {@link #write} serialises that (small)
 * package, copies its parts to the output, and in the part of each streamed sheet appends the
 * rows its {@link SheetBody} writes, directly into the compressed output. The streamed sheets'
 * strings go to the shared-string table, which is written last, once every string is known.
 * This is SXSSF's design without its costs: no temporary file per sheet, no cell objects, no
 * row window, and a compression level chosen for speed.
 */
public final class StreamedWorkbook {

    /** zlib level 4 (fastexcel's default too): ~2x faster than POI's 6 for a few percent more bytes. */
    public static final int DEFAULT_COMPRESSION = 4;

    private static final Pattern DIMENSION = Pattern.compile("<dimension ref=\"[^\"]*\"/>");
    private static final String SHARED_STRINGS = "xl/sharedStrings.xml";

    /** Writes a streamed sheet's rows; called once, during {@link #write}. */
    @FunctionalInterface
    public interface SheetBody {
        void write(SheetRows rows) throws IOException;
    }

    private record Streamed(XSSFSheet sheet, int firstRow, long expectedRows, SheetBody body) {
    }

    private final XSSFWorkbook template;
    private final Map<String, Streamed> streamed = new LinkedHashMap<>();
    private int compression = DEFAULT_COMPRESSION;

    public StreamedWorkbook(XSSFWorkbook template) {
        this.template = template;
    }

    public StreamedWorkbook compression(int level) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("zlib level 0-9, was " + level);
        }
        this.compression = level;
        return this;
    }

    /**
     * Streams rows into a sheet of the template, after the rows it already has (its header).
     *
     * @param expectedRows how many rows the body will write, or -1 when unknown; when given it
     *                     is checked, since the sheet's auto-filter and any chart ranges were built
     *                     for that many rows
     */
    public void stream(XSSFSheet sheet, long expectedRows, SheetBody body) {
        if (sheet.getWorkbook() != template) {
            throw new IllegalArgumentException("Sheet " + sheet.getSheetName() + " is not in this workbook");
        }
        int firstRow = sheet.getPhysicalNumberOfRows() == 0 ? 1 : sheet.getLastRowNum() + 2;
        streamed.put(sheet.getPackagePart().getPartName().getName().substring(1),
                new Streamed(sheet, firstRow, expectedRows, body));
    }

    public void write(OutputStream output) throws IOException {
        ByteArrayOutputStream serialised = new ByteArrayOutputStream();
        template.write(serialised);
        int templateStrings = template.getSharedStringSource().getUniqueCount();
        long templateReferences = template.getSharedStringSource().getCount();
        SharedStrings strings = new SharedStrings(templateStrings);

        // The template's parts first, in its order; then the streamed sheets in the order they
        // were registered (they may share one pass over their data); the strings last.
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(serialised.toByteArray()))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                parts.put(entry.getName(), in.readAllBytes());
            }
        }
        serialised = null;
        byte[] sharedStrings = parts.remove(SHARED_STRINGS);
        ZipOutputStream zip = new ZipOutputStream(CloseShieldOutputStream.wrap(output), StandardCharsets.UTF_8);
        zip.setLevel(compression);
        for (Map.Entry<String, byte[]> part : parts.entrySet()) {
            if (!streamed.containsKey(part.getKey())) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue());
                zip.closeEntry();
            }
        }
        for (Map.Entry<String, Streamed> sheet : streamed.entrySet()) {
            byte[] xml = parts.get(sheet.getKey());
            if (xml == null) {
                throw new IllegalStateException("No part " + sheet.getKey() + " in the workbook");
            }
            zip.putNextEntry(new ZipEntry(sheet.getKey()));
            writeSheet(zip, new String(xml, StandardCharsets.UTF_8), sheet.getValue(), strings);
            zip.closeEntry();
        }
        zip.putNextEntry(new ZipEntry(SHARED_STRINGS));
        writeSharedStrings(zip, sharedStrings, templateStrings, templateReferences, strings);
        zip.closeEntry();
        zip.close();
        output.flush();
    }

    private static void writeSheet(OutputStream zip, String xml, Streamed sheet, SharedStrings strings)
            throws IOException {
        xml = DIMENSION.matcher(xml).replaceFirst("");
        String head;
        String tail;
        int empty = xml.indexOf("<sheetData/>");
        if (empty >= 0) {
            head = xml.substring(0, empty) + "<sheetData>";
            tail = "</sheetData>" + xml.substring(empty + "<sheetData/>".length());
        } else {
            int end = xml.indexOf("</sheetData>");
            if (end < 0) {
                throw new IllegalStateException("No sheetData in " + sheet.sheet().getSheetName());
            }
            head = xml.substring(0, end);
            tail = xml.substring(end);
        }
        zip.write(head.getBytes(StandardCharsets.UTF_8));
        SheetRows rows = new SheetRows(zip, strings, sheet.firstRow());
        sheet.body().write(rows);
        rows.finish();
        if (sheet.expectedRows() >= 0 && rows.rows() != sheet.expectedRows()) {
            throw new IllegalStateException("Sheet " + sheet.sheet().getSheetName() + " was prepared for "
                    + sheet.expectedRows() + " rows but " + rows.rows() + " were written");
        }
        zip.write(tail.getBytes(StandardCharsets.UTF_8));
    }

    /** The template's table followed by the streamed sheets' strings, with the counts updated. */
    private static void writeSharedStrings(OutputStream zip, byte[] templateXml, int templateStrings,
            long templateReferences, SharedStrings strings) throws IOException {
        String xml = templateXml == null ? "" : new String(templateXml, StandardCharsets.UTF_8);
        String items = "";
        int open = xml.indexOf("<sst");
        if (open >= 0) {
            int tagEnd = xml.indexOf('>', open);
            if (xml.charAt(tagEnd - 1) != '/') {
                int close = xml.lastIndexOf("</sst>");
                items = xml.substring(tagEnd + 1, close);
            }
        }
        if (countItems(items) != templateStrings) {
            throw new IllegalStateException("The template's shared strings could not be read: " + countItems(items)
                    + " items for " + templateStrings + " strings");
        }
        Writer out = new OutputStreamWriter(CloseShieldOutputStream.wrap(zip), StandardCharsets.UTF_8);
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\""
                + (templateReferences + strings.references()) + "\" uniqueCount=\"" + (templateStrings + strings.size())
                + "\">");
        out.write(items);
        strings.writeItems(out);
        out.write("</sst>");
        out.flush();
    }

    private static int countItems(String items) {
        int n = 0;
        for (int i = items.indexOf("<si>"); i >= 0; i = items.indexOf("<si>", i + 4)) {
            n++;
        }
        return n;
    }

}
