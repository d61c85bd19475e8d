package org.cytotrial.report.xlsx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class StreamedWorkbookTest {

    @Test
    void streamedRowsFollowTheTemplateRowsWithRealCellTypes() throws IOException {
        byte[] xlsx;
        try (XSSFWorkbook template = new XSSFWorkbook()) {
            StyleBook styles = new StyleBook(template);
            XSSFSheet small = template.createSheet("Small");
            small.createRow(0).createCell(0).setCellValue("only in the template");
            XSSFSheet big = template.createSheet("Big");
            Row header = big.createRow(0);
            String[] names = {"Subject", "Value", "Date", "Count", "Note"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            big.createFreezePane(0, 1);
            big.setAutoFilter(new CellRangeAddress(0, 1000, 0, names.length - 1));
            int date = styles.index(ReportStyle.DATE);
            StreamedWorkbook workbook = new StreamedWorkbook(template);
            workbook.stream(big, 1000, rows -> {
                for (int i = 0; i < 1000; i++) {
                    rows.row().text("S-" + (i % 10)).number(i % 7 == 0 ? Double.NaN : i / 8.0, 0)
                            .date(LocalDate.of(2020, 1, 1).plusDays(i), date).integer(i, 0)
                            .text(i % 3 == 0 ? null : "a & <b> \"c\"" + (i % 3 == 1 ? " " : ""));
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            xlsx = out.toByteArray();
        }
        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals("only in the template", read.getSheet("Small").getRow(0).getCell(0).getStringCellValue());
            Sheet big = read.getSheet("Big");
            assertEquals(1000, big.getLastRowNum());
            assertEquals("Subject", big.getRow(0).getCell(0).getStringCellValue());
            for (int i = 0; i < 1000; i++) {
                Row row = big.getRow(i + 1);
                assertEquals("S-" + (i % 10), row.getCell(0).getStringCellValue());
                Cell value = row.getCell(1);
                if (i % 7 == 0) {
                    assertNull(value, "row " + i);
                } else {
                    assertEquals(CellType.NUMERIC, value.getCellType());
                    assertEquals(i / 8.0, value.getNumericCellValue());
                }
                Cell date = row.getCell(2);
                assertTrue(DateUtil.isCellDateFormatted(date));
                assertEquals(LocalDate.of(2020, 1, 1).plusDays(i), date.getLocalDateTimeCellValue().toLocalDate());
                assertEquals(i, row.getCell(3).getNumericCellValue());
                if (i % 3 == 0) {
                    assertNull(row.getCell(4));
                } else {
                    assertEquals("a & <b> \"c\"" + (i % 3 == 1 ? " " : ""), row.getCell(4).getStringCellValue());
                }
            }
        }
    }

    /** A workbook whose streamed sheet "Numbers" holds the values down column A, one per row. */
    private static byte[] numbersSheet(double[] values) throws IOException {
        try (XSSFWorkbook template = new XSSFWorkbook()) {
            XSSFSheet sheet = template.createSheet("Numbers");
            StreamedWorkbook workbook = new StreamedWorkbook(template);
            workbook.stream(sheet, values.length, rows -> {
                for (double v : values) {
                    rows.row().number(v);
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void numbersReadBackAsExactlyTheSameDoubles() throws IOException {
        double[] values = {0, -0.0, 1, -1, 0.1, 0.2, 0.30000000000000004, 12.5, 102.69999999999999, 1e-7, 123456789.123,
                1e15, 1e300, -2.5e-300, Math.PI, 4.35, 0.05, 1.005, 999999999.999999, Double.MIN_VALUE, Long.MAX_VALUE};
        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(numbersSheet(values)))) {
            Sheet sheet = read.getSheet("Numbers");
            for (int i = 0; i < values.length; i++) {
                assertEquals(values[i] == 0 ? 0.0 : values[i], sheet.getRow(i).getCell(0).getNumericCellValue(),
                        "value " + values[i]);
            }
        }
    }

    /** Ratios of lab values (up to fifteen decimals and more) and arbitrary doubles read back bit for bit. */
    @Test
    void ratiosAndArbitraryDoublesReadBackBitForBit() throws IOException {
        java.util.Random random = new java.util.Random(11);
        double[] values = new double[30_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (i % 3) {
                case 0 -> (1 + random.nextInt(9999)) / 10.0 / ((1 + random.nextInt(9999)) / 10.0);
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(12) - 4);
                default -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
            };
        }
        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(numbersSheet(values)))) {
            Sheet sheet = read.getSheet("Numbers");
            for (int i = 0; i < values.length; i++) {
                assertEquals(Double.doubleToLongBits(values[i]),
                        Double.doubleToLongBits(sheet.getRow(i).getCell(0).getNumericCellValue()), "value " + values[i]);
            }
        }
    }

    @Test
    void inlineTextIsAStringAsWrittenAndTimestampsAreDateTimeCellsToTheMillisecond() throws IOException {
        String[] texts = {"=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "@SUM(A1)", "-2+3", " leading space",
            "Fièvre über 39 °C – 発熱 😷", "two\nlines", "<b>&amp;</b>", "bell\u0007dropped", "", "-1.5"};
        java.time.Instant[] times = {java.time.Instant.parse("2024-05-01T10:15:30.123Z"),
            java.time.Instant.parse("1991-03-12T00:00:00Z"), java.time.Instant.parse("2038-01-19T03:14:07.999Z")};
        byte[] xlsx;
        try (XSSFWorkbook template = new XSSFWorkbook()) {
            StyleBook styles = new StyleBook(template);
            XSSFSheet sheet = template.createSheet("Inline");
            int timestamp = styles.index(ReportStyle.TIMESTAMP);
            StreamedWorkbook workbook = new StreamedWorkbook(template);
            workbook.stream(sheet, texts.length, rows -> {
                for (int i = 0; i < texts.length; i++) {
                    rows.row().inlineText(texts[i]).timestamp(times[i % times.length], timestamp).inlineText(null)
                            .text("shared");
                }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            xlsx = out.toByteArray();
        }
        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = read.getSheet("Inline");
            for (int i = 0; i < texts.length; i++) {
                Row row = sheet.getRow(i);
                assertEquals(CellType.STRING, row.getCell(0).getCellType(), texts[i]);
                assertEquals(texts[i].replace("\u0007", ""), row.getCell(0).getStringCellValue());
                Cell time = row.getCell(1);
                assertEquals(CellType.NUMERIC, time.getCellType());
                assertTrue(DateUtil.isCellDateFormatted(time));
                assertEquals(times[i % times.length], time.getLocalDateTimeCellValue().toInstant(java.time.ZoneOffset.UTC));
                assertNull(row.getCell(2));
                assertEquals("shared", row.getCell(3).getStringCellValue());
            }
        }
    }

    @Test
    void aBodyThatWritesOtherThanTheAnnouncedRowsFails() throws IOException {
        try (XSSFWorkbook template = new XSSFWorkbook()) {
            XSSFSheet sheet = template.createSheet("S");
            StreamedWorkbook workbook = new StreamedWorkbook(template);
            workbook.stream(sheet, 3, rows -> rows.row().number(1));
            assertThrows(IllegalStateException.class, () -> workbook.write(new ByteArrayOutputStream()));
        }
    }

    @Test
    void columnNames() {
        assertEquals("A", SheetRows.columnName(0));
        assertEquals("Z", SheetRows.columnName(25));
        assertEquals("AA", SheetRows.columnName(26));
        assertEquals("ZZ", SheetRows.columnName(701));
        assertEquals("AAA", SheetRows.columnName(702));
        assertEquals("XFD", SheetRows.columnName(16383));
    }
}
