package org.cytotrial.exchange;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;

/** A prepared INSERT executed in JDBC batches of a fixed size. */
final class BatchInsert implements AutoCloseable {

    private static final int BATCH = 1000;

    private final PreparedStatement statement;
    private int pending;
    private long written;
    private int parameter;

    BatchInsert(Connection connection, String table, String... columns) throws SQLException {
        String placeholders = String.join(", ", java.util.Collections.nCopies(columns.length, "?"));
        this.statement = connection.prepareStatement(
                "insert into " + table + " (" + String.join(", ", columns) + ") values (" + placeholders + ")");
    }

    BatchInsert set(Object value) throws SQLException {
        int index = ++parameter;
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof String s) {
            statement.setString(index, s);
        } else if (value instanceof Long l) {
            statement.setLong(index, l);
        } else if (value instanceof Integer i) {
            statement.setInt(index, i);
        } else if (value instanceof Double d) {
            statement.setDouble(index, d);
        } else if (value instanceof Boolean b) {
            statement.setBoolean(index, b);
        } else if (value instanceof BigDecimal b) {
            statement.setBigDecimal(index, b);
        } else if (value instanceof LocalDate d) {
            statement.setDate(index, Date.valueOf(d));
        } else {
            throw new IllegalArgumentException("Unsupported column value " + value.getClass());
        }
        return this;
    }

    /** Ends the current row. */
    void add() throws SQLException {
        statement.addBatch();
        parameter = 0;
        if (++pending == BATCH) {
            flush();
        }
    }

    void flush() throws SQLException {
        if (pending > 0) {
            statement.executeBatch();
            written += pending;
            pending = 0;
        }
    }

    long written() {
        return written + pending;
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            statement.close();
        }
    }
}
