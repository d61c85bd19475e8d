package org.cytotrial.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decimal text read back as the very double Double.parseDouble gives, bit for bit. */
class DecimalsTest {

    @Test
    void plainDecimalsAndEverythingElseReadAsParseDoubleReadsThem() {
        String[] texts = {"0", "-0", "0.0", "-0.0", "1", "3.0", "0.39", "0.1", "0.30000000000000004", "1e-05", "1.0E-5",
            "-12.345", "138.2", "900", "123456789012345", "1234567890123456", "12345678901234567890", "0.0000000000000000000001",
            "0.00000000000000000000001", "9007199254740993", "NaN", "Infinity", "-Infinity", "2.5e+300", "4.9E-324",
            "007.50", ".5", "5."};
        for (String text : texts) {
            assertSame(text);
        }
        Random random = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextDouble() * 1000;
                case 1 -> Math.round(random.nextGaussian() * 1e6) / 100.0;
                case 2 -> Double.longBitsToDouble(random.nextLong());
                default -> random.nextInt(100_000) / Math.pow(10, random.nextInt(8));
            };
            assertSame(Double.toString(value));
            assertSame(Decimals.plain(value));
            assertSame(String.format(java.util.Locale.ROOT, "%.4f", value));
        }
    }

    @Test
    void aValueInsideALongerTextIsReadWhereItStands() {
        String text = "CD4=38.2,IL6=1e-05,HGB=108";
        assertEquals(38.2, Decimals.parse(text, 4, 8));
        assertEquals(1e-05, Decimals.parse(text, 13, 18));
        assertEquals(108.0, Decimals.parse(text, 23, 26));
    }

    private static void assertSame(String text) {
        if (text.isEmpty()) {
            return;
        }
        String padded = "x=" + text + ",";
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)),
                Double.doubleToRawLongBits(Decimals.parse(padded, 2, 2 + text.length())), text);
    }
}
