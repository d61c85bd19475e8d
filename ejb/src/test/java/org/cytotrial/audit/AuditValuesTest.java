package org.cytotrial.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** One text per value, whatever type the driver hands back. */
class AuditValuesTest {

    @Test
    void valuesReadTheSameFromEveryDriver() {
        assertNull(AuditValues.format(null));
        assertEquals("true", AuditValues.format(Boolean.TRUE));
        assertEquals("0.2", AuditValues.format(0.2d));
        assertEquals("3", AuditValues.format(3.0d));
        assertEquals("3", AuditValues.format(new BigDecimal("3.00")));
        assertEquals("0", AuditValues.format(new BigDecimal("0.000")));
        assertEquals("120", AuditValues.format(new BigDecimal("1.2E+2")));
        assertEquals("2024-05-02", AuditValues.format(Date.valueOf(LocalDate.of(2024, 5, 2))));
        Instant at = Instant.parse("2024-05-02T10:00:00Z");
        assertEquals("2024-05-02T10:00:00Z", AuditValues.format(Timestamp.from(at)));
        assertEquals("2024-05-02T10:00:00Z", AuditValues.format(OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(2))));
        assertEquals("x", AuditValues.format("x"));
    }
}
