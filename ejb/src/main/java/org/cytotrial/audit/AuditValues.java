package org.cytotrial.audit;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * One text form per stored value, whatever the database and driver return (PostgreSQL gives
 * {@code t}/{@code f} for booleans as strings, H2 {@code TRUE}; timestamps come in the session's
 * zone): the audit screens, the CSV export and the signature digests all rely on a value always
 * reading the same.
 */
public final class AuditValues {

    private AuditValues() {}

    public static String format(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : Double.toString(d);
        }
        if (value instanceof BigDecimal big) {
            return big.signum() == 0 ? "0" : big.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        if (value instanceof Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof ZonedDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof LocalDateTime time) {
            return time.toInstant(ZoneOffset.UTC).toString();
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        return value.toString();
    }
}
