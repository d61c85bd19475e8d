package org.cytotrial.exchange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands out ids from a table's sequence the way Hibernate's pooled optimizer does (each value
 * fetched is the top of a block of 50), so that rows written here in bulk and rows persisted by
 * JPA never share an id.
 */
final class SequenceIds {

    static final int BLOCK = 50;

    private final Connection connection;
    private final String nextValueQueryTemplate;
    private final Map<String, long[]> blocks = new HashMap<>();

    /** @param nextValueQueryTemplate the dialect's "select next value" query with %s for the sequence */
    SequenceIds(Connection connection, String nextValueQueryTemplate) {
        this.connection = connection;
        this.nextValueQueryTemplate = nextValueQueryTemplate;
    }

    long next(String sequence) throws SQLException {
        long[] block = blocks.get(sequence);
        if (block == null || block[0] > block[1]) {
            long top = fetch(sequence);
            // Hibernate treats values below one block as the sequence's start and fetches again.
            if (top < BLOCK) {
                top = fetch(sequence);
            }
            block = new long[] {top - BLOCK + 1, top};
            blocks.put(sequence, block);
        }
        return block[0]++;
    }

    private long fetch(String sequence) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(String.format(nextValueQueryTemplate, sequence));
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
