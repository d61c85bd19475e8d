package org.cytotrial.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.cytotrial.audit.AuditValues;

/**
 * The SHA-256 digest of what a signature covers, computed from the stored rows themselves: for
 * each table of the scope, in a fixed order, each row of the subject in id order, each non-null
 * column (except the optimistic-lock version) in name order as "name=value" in the one text form
 * of {@link AuditValues}. Null columns are left out so that adding a column to a table later does
 * not break existing signatures; anything else that changes a signed value, adds or removes a
 * row changes the digest.
 *
 * <p>Computed for many subjects at once (one query per table), so a page of subjects costs a
 * handful of queries, not a handful per subject.
 */
final class SignedContent {

    /** The digest as hex, and how many rows it covers. */
    record Digest(String hex, int records) {}

    private static final byte FIELD = 0x1f;
    private static final byte ROW = 0x1e;

    private final Connection connection;

    SignedContent(Connection connection) {
        this.connection = connection;
    }

    Digest digest(long subjectId, SignatureScope scope) throws SQLException {
        return digests(List.of(subjectId), scope).get(subjectId);
    }

    /** The digest of each subject's data in the scope; every given subject gets one. */
    Map<Long, Digest> digests(Collection<Long> subjectIds, SignatureScope scope) throws SQLException {
        Map<Long, byte[]> combined = new HashMap<>();
        Map<Long, Integer> counts = new HashMap<>();
        for (Long id : subjectIds) {
            MessageDigest start = sha256();
            start.update(("cytotrial-signature-v1/" + scope.name()).getBytes(StandardCharsets.UTF_8));
            combined.put(id, start.digest());
            counts.put(id, 0);
        }
        if (subjectIds.isEmpty()) {
            return Map.of();
        }
        String ids = subjectIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        for (SignatureScope.SignedTable table : scope.tables()) {
            Map<Long, MessageDigest> perSubject = new HashMap<>();
            String sql = "select x.*, " + table.owner + " as owner__ from " + table.from + " where " + table.owner
                    + " in (" + ids + ") order by " + table.owner + ", x.id";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(1000);
                try (ResultSet rs = statement.executeQuery()) {
                    List<String> columns = columns(rs.getMetaData());
                    while (rs.next()) {
                        long owner = rs.getLong("owner__");
                        MessageDigest digest = perSubject.computeIfAbsent(owner, o -> sha256());
                        for (String column : columns) {
                            String value = AuditValues.format(rs.getObject(column));
                            if (value != null) {
                                digest.update(column.getBytes(StandardCharsets.UTF_8));
                                digest.update((byte) '=');
                                digest.update(value.getBytes(StandardCharsets.UTF_8));
                                digest.update(FIELD);
                            }
                        }
                        digest.update(ROW);
                        counts.merge(owner, 1, Integer::sum);
                    }
                }
            }
            for (Long id : subjectIds) {
                MessageDigest tableDigest = perSubject.get(id);
                byte[] tableHash = tableDigest == null ? sha256().digest() : tableDigest.digest();
                MessageDigest fold = sha256();
                fold.update(combined.get(id));
                fold.update(table.name().getBytes(StandardCharsets.UTF_8));
                fold.update(tableHash);
                combined.put(id, fold.digest());
            }
        }
        Map<Long, Digest> result = new HashMap<>();
        for (Long id : subjectIds) {
            result.put(id, new Digest(HexFormat.of().formatHex(combined.get(id)), counts.get(id)));
        }
        return result;
    }

    private static List<String> columns(ResultSetMetaData meta) throws SQLException {
        TreeSet<String> names = new TreeSet<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            names.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        names.remove("version");
        names.remove("owner__");
        return new ArrayList<>(names);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
