package org.cytotrial.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.cytotrial.audit.AuditEntry.Action;
import org.cytotrial.audit.AuditEntry.FieldChange;

/**
 * Reads an audit trail straight from the audit tables with JDBC, streaming: each table is one
 * query that pairs every version of a record with the version before it (looked up by primary
 * key), ordered by revision; the per-table streams are merged by revision. Memory stays flat however long the trail, and nothing depends
 * on Envers' own query API, so the trail reads the same whatever wrote the rows (the bulk import
 * writes its audit rows with set-based SQL).
 *
 * <p>Only the columns the reader may see are selected: a table's restricted columns
 * ({@link AuditedTable#restrictedColumns()}) never leave the database unless the reader shows
 * them (administrators).
 */
final class AuditTrailReader {

    private static final Map<String, List<String>> COLUMNS = new ConcurrentHashMap<>();
    private static final Set<String> TECHNICAL = Set.of("rev", "revtype", "version");

    private final Connection connection;
    private final AuditScope.Level level;
    private final long ownerId;
    private final String siteCondition;
    private final AuditFilter filter;
    private final boolean showsRestricted;

    /**
     * @param ownerId the id of the study, subject or visit, by level
     * @param visibleSites the caller's sites; null when the caller sees every site
     * @param showsRestricted whether the restricted columns are read too (administrators only)
     */
    AuditTrailReader(Connection connection, AuditScope.Level level, long ownerId, Set<Long> visibleSites,
            AuditFilter filter, boolean showsRestricted) {
        this.connection = connection;
        this.level = level;
        this.ownerId = ownerId;
        this.siteCondition = visibleSites == null ? "is not null"
                : visibleSites.isEmpty() ? "in (-1)"
                : "in (" + visibleSites.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")) + ")";
        this.filter = filter;
        this.showsRestricted = showsRestricted;
    }

    private List<AuditedTable> tables() {
        List<AuditedTable> tables = new ArrayList<>();
        for (AuditedTable table : AuditedTable.values()) {
            if (table.condition(level) != null && filter.includes(table)) {
                tables.add(table);
            }
        }
        return tables;
    }

    /** The number of record versions in the trail. */
    long count() throws SQLException {
        long total = 0;
        for (AuditedTable table : tables()) {
            List<Object> parameters = new ArrayList<>();
            String sql = "select count(*) from " + table.table() + "_aud a join audit_revision r on r.id = a.rev where "
                    + condition(table, parameters) + filterSql("a", parameters);
            try (PreparedStatement statement = prepare(sql, parameters); ResultSet rs = statement.executeQuery()) {
                rs.next();
                total += rs.getLong(1);
            }
        }
        return total;
    }

    /**
     * Hands every entry to the consumer, newest or oldest first, skipping the first {@code skip}
     * and stopping after {@code limit} (negative: no limit).
     */
    void read(boolean newestFirst, long skip, long limit, Consumer<AuditEntry> consumer) throws SQLException {
        List<TableCursor> cursors = new ArrayList<>();
        try {
            Comparator<TableCursor> order = Comparator.comparingLong((TableCursor c) -> c.current.revision());
            if (newestFirst) {
                order = order.reversed();
            }
            order = order.thenComparingInt(c -> c.table.ordinal());
            PriorityQueue<TableCursor> queue = new PriorityQueue<>(order);
            for (AuditedTable table : tables()) {
                TableCursor cursor = open(table, newestFirst, limit < 0 ? -1 : skip + limit);
                cursors.add(cursor);
                if (cursor.advance()) {
                    queue.add(cursor);
                }
            }
            long seen = 0;
            long given = 0;
            while (!queue.isEmpty() && (limit < 0 || given < limit)) {
                TableCursor next = queue.poll();
                if (seen++ >= skip) {
                    consumer.accept(next.current);
                    given++;
                }
                if (next.advance()) {
                    queue.add(next);
                }
            }
        } finally {
            for (TableCursor cursor : cursors) {
                cursor.close();
            }
        }
    }

    /**
     * One table's versions in revision order, each with the version before it, found through the
     * primary key (id, rev) rather than by sorting the whole history, so that a page of the trail
     * of a large study reads one page of rows (the revision indexes give the order).
     */
    private TableCursor open(AuditedTable table, boolean newestFirst, long rows) throws SQLException {
        List<String> values = valueColumns(table);
        String sameRecord = table.key().stream().map(k -> "p." + k + " = a." + k).collect(Collectors.joining(" and "));
        String sameRecordQ = table.key().stream().map(k -> "q." + k + " = a." + k).collect(Collectors.joining(" and "));
        StringBuilder sql = new StringBuilder("select a.rev, a.revtype, p.rev as p__rev");
        for (String key : table.key()) {
            sql.append(", a.").append(key);
        }
        for (String column : values) {
            sql.append(", a.").append(column).append(", p.").append(column).append(" as p__").append(column);
        }
        sql.append(", r.recorded_at as r__at, r.username as r__user, r.client_address as r__client, r.reason as r__reason, ")
                .append(label(table.subjectLabel())).append(" as l__subject, ")
                .append(label(table.visitLabel())).append(" as l__visit, ")
                .append(label(table.itemLabel())).append(" as l__item");
        String aud = table.table() + "_aud";
        sql.append(" from ").append(aud).append(" a join audit_revision r on r.id = a.rev")
                .append(" left join ").append(aud).append(" p on ").append(sameRecord)
                .append(" and p.rev = (select max(q.rev) from ").append(aud).append(" q where ").append(sameRecordQ)
                .append(" and q.rev < a.rev)");
        List<Object> parameters = new ArrayList<>();
        sql.append(" where ").append(condition(table, parameters)).append(filterSql("a", parameters));
        String direction = newestFirst ? " desc" : "";
        sql.append(" order by a.rev").append(direction);
        for (String key : table.key()) {
            sql.append(", a.").append(key).append(direction);
        }
        if (rows >= 0) {
            sql.append(" limit ").append(rows);
        }
        PreparedStatement statement = prepare(sql.toString(), parameters);
        statement.setFetchSize(500);
        return new TableCursor(table, values, statement, statement.executeQuery());
    }

    private static String label(String expression) {
        return expression == null ? "cast(null as varchar(1))" : expression;
    }

    private String condition(AuditedTable table, List<Object> parameters) {
        String condition = table.condition(level).replace(":sites", siteCondition);
        int at = condition.indexOf(":id");
        while (at >= 0) {
            parameters.add(ownerId);
            at = condition.indexOf(":id", at + 1);
        }
        return condition.replace(":id", "?");
    }

    private String filterSql(String alias, List<Object> parameters) {
        StringBuilder sql = new StringBuilder();
        if (filter.from() != null) {
            sql.append(" and r.recorded_at >= ?");
            parameters.add(filter.from().toEpochMilli());
        }
        if (filter.to() != null) {
            sql.append(" and r.recorded_at < ?");
            parameters.add(filter.to().toEpochMilli());
        }
        if (filter.username() != null) {
            sql.append(" and r.username = ?");
            parameters.add(filter.username());
        }
        if (filter.changesOnly()) {
            sql.append(" and ").append(alias).append(".revtype <> 0");
        }
        if (filter.afterRevision() != null) {
            sql.append(" and ").append(alias).append(".rev > ?");
            parameters.add(filter.afterRevision());
        }
        return sql.toString();
    }

    private PreparedStatement prepare(String sql, List<Object> parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    /** The data columns this reader shows: all of them, or all but the restricted ones. */
    private List<String> valueColumns(AuditedTable table) throws SQLException {
        List<String> all = allValueColumns(table);
        return showsRestricted ? all : all.stream().filter(c -> !table.restrictedColumns().contains(c)).toList();
    }

    /** The audit table's data columns, read once from the database itself so new columns show up. */
    private List<String> allValueColumns(AuditedTable table) throws SQLException {
        List<String> cached = COLUMNS.get(table.table());
        if (cached != null) {
            return cached;
        }
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("select * from " + table.table() + "_aud where 1 = 0");
                ResultSet rs = statement.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String column = meta.getColumnName(i).toLowerCase(Locale.ROOT);
                if (!TECHNICAL.contains(column) && !table.key().contains(column)) {
                    columns.add(column);
                }
            }
        }
        List<String> result = List.copyOf(columns);
        COLUMNS.put(table.table(), result);
        return result;
    }

    /** One table's stream of entries. */
    private static final class TableCursor implements AutoCloseable {
        final AuditedTable table;
        final List<String> values;
        final PreparedStatement statement;
        final ResultSet rs;
        AuditEntry current;

        TableCursor(AuditedTable table, List<String> values, PreparedStatement statement, ResultSet rs) {
            this.table = table;
            this.values = values;
            this.statement = statement;
            this.rs = rs;
        }

        boolean advance() throws SQLException {
            if (!rs.next()) {
                current = null;
                return false;
            }
            current = entry();
            return true;
        }

        private AuditEntry entry() throws SQLException {
            int revtype = rs.getInt("revtype");
            boolean hasPrevious = rs.getObject("p__rev") != null;
            Action action = switch (revtype) {
                case 0 -> Action.CREATED;
                case 2 -> Action.DELETED;
                default -> Action.CHANGED;
            };
            List<FieldChange> changes = new ArrayList<>();
            for (String column : values) {
                String now = AuditValues.format(rs.getObject(column));
                String before = hasPrevious ? AuditValues.format(rs.getObject("p__" + column)) : null;
                String field = column.replace('_', ' ');
                switch (action) {
                    case CREATED -> {
                        if (now != null && (!table.isOwnerColumn(column) || hasPrevious) && !Objects.equals(before, now)) {
                            changes.add(new FieldChange(field, before, now));
                        }
                    }
                    case CHANGED -> {
                        if (!Objects.equals(before, now)) {
                            changes.add(new FieldChange(field, before, now));
                        }
                    }
                    case DELETED -> {
                        String last = now != null ? now : before;
                        if (last != null && !table.isOwnerColumn(column)) {
                            changes.add(new FieldChange(field, last, null));
                        }
                    }
                }
            }
            String key = table.key().stream().map(k -> {
                try {
                    return String.valueOf(rs.getObject(k));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.joining("/"));
            return new AuditEntry(rs.getLong("rev"), Instant.ofEpochMilli(rs.getLong("r__at")), rs.getString("r__user"),
                    rs.getString("r__client"), rs.getString("r__reason"), table.entity(), trim(rs.getString("l__subject")),
                    trim(rs.getString("l__visit")), trim(rs.getString("l__item")), key, action, changes);
        }

        private static String trim(String label) {
            return label == null || label.isBlank() ? null : label.strip();
        }

        @Override
        public void close() {
            try {
                rs.close();
            } catch (SQLException e) {
                // closing the statement below releases it either way
            }
            try {
                statement.close();
            } catch (SQLException e) {
                // nothing else holds it
            }
        }
    }
}
