package dmsrunbook.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dmsrunbook.spec.DatabaseEngine;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The diff's peer: every row of both sides fetched, ordered by key, both sides at once, and compared in Java as a merge
 * join, finding the same differences the diff must find (rows missing on the target, extra on it, changed, with the
 * changed columns' names). Between two PostgreSQL databases it reads {@code COPY (SELECT ... ORDER BY id) TO STDOUT}
 * and compares each row's text as bytes (equal values of equal types have equal text; a differing row is split into
 * columns to name them). Across engines it reads typed values through JDBC and compares them by value: numerics by
 * value, timestamps as UTC instants, JSON as parsed trees (key order does not matter), NULL apart from ''.
 */
final class FullFetchPeer {

    /** What the peer found and how many rows it read. */
    record Outcome(Findings findings, long sourceRows, long targetRows) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private FullFetchPeer() {
    }

    /** PostgreSQL to PostgreSQL: COPY text of both tables, compared as bytes. */
    static Outcome copyBoth(BenchDatabase source, String sourceTable, BenchDatabase target, String targetTable, List<String> columns)
            throws InterruptedException {
        String select = "SELECT " + String.join(", ", columns) + " FROM public.%s ORDER BY " + columns.get(0);
        try (RowPrefetcher<byte[]> sourceRows = new RowPrefetcher<>("fetch-source", copyOut(source, select.formatted(sourceTable)));
             RowPrefetcher<byte[]> targetRows = new RowPrefetcher<>("fetch-target", copyOut(target, select.formatted(targetTable)))) {
            return merge(sourceRows, targetRows, FullFetchPeer::copyKey, (a, b) -> copyChanges(a, b, columns));
        }
    }

    /**
     * Across engines: typed rows through JDBC, streamed ({@code fetchSize}); {@code sourceSelect} and
     * {@code targetSelect} list the key, then integer, numeric, text, timestamp and JSON columns.
     */
    static Outcome jdbcBoth(BenchDatabase source, String sourceSelect, BenchDatabase target, String targetSelect, List<String> columns)
            throws InterruptedException {
        try (RowPrefetcher<Object[]> sourceRows = new RowPrefetcher<>("fetch-source", typedRows(source, sourceSelect));
             RowPrefetcher<Object[]> targetRows = new RowPrefetcher<>("fetch-target", typedRows(target, targetSelect))) {
            return merge(sourceRows, targetRows, row -> (Long) row[0], (a, b) -> typedChanges(a, b, columns));
        }
    }

    @FunctionalInterface
    private interface KeyOf<R> {
        long key(R row);
    }

    @FunctionalInterface
    private interface Changes<R> {
        List<String> columns(R source, R target);
    }

    private static <R> Outcome merge(RowPrefetcher<R> source, RowPrefetcher<R> target, KeyOf<R> keyOf, Changes<R> changes)
            throws InterruptedException {
        Findings findings = new Findings();
        long sourceCount = 0;
        long targetCount = 0;
        R s = source.next();
        R t = target.next();
        while (s != null || t != null) {
            long sk = s == null ? Long.MAX_VALUE : keyOf.key(s);
            long tk = t == null ? Long.MAX_VALUE : keyOf.key(t);
            if (s != null && (t == null || sk < tk)) {
                findings.addMissing(sk);
                s = source.next();
                sourceCount++;
            } else if (t != null && (s == null || tk < sk)) {
                findings.addExtra(tk);
                t = target.next();
                targetCount++;
            } else {
                List<String> changed = changes.columns(s, t);
                if (!changed.isEmpty()) {
                    findings.addChanged(sk, changed);
                }
                s = source.next();
                t = target.next();
                sourceCount++;
                targetCount++;
            }
        }
        return new Outcome(findings, sourceCount, targetCount);
    }

    private static RowPrefetcher.RowStream<byte[]> copyOut(BenchDatabase database, String select) {
        return new RowPrefetcher.RowStream<>() {
            private Connection connection;
            private CopyOut copy;

            @Override
            public byte[] next() throws Exception {
                if (connection == null) {
                    connection = database.connect();
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("SET TIME ZONE 'UTC'");
                    }
                    copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT");
                }
                // One CopyData message per row: the row's text, its columns separated by tabs, ending in a newline.
                byte[] row = copy.readFromCopy();
                if (row == null) {
                    connection.close();
                }
                return row;
            }
        };
    }

    /** The key at the start of a COPY text row (an integer key). */
    private static long copyKey(byte[] row) {
        long key = 0;
        for (int i = 0; row[i] != '\t' && row[i] != '\n'; i++) {
            key = key * 10 + (row[i] - '0');
        }
        return key;
    }

    private static List<String> copyChanges(byte[] source, byte[] target, List<String> columns) {
        int sourceStart = indexOf(source, 0);
        int targetStart = indexOf(target, 0);
        if (Arrays.equals(source, sourceStart, source.length, target, targetStart, target.length)) {
            return List.of();
        }
        String[] a = new String(source, StandardCharsets.UTF_8).split("\t", -1);
        String[] b = new String(target, StandardCharsets.UTF_8).split("\t", -1);
        List<String> changed = new ArrayList<>();
        for (int i = 1; i < columns.size(); i++) {
            if (!a[i].equals(b[i])) {
                changed.add(columns.get(i));
            }
        }
        return changed;
    }

    private static int indexOf(byte[] row, int from) {
        for (int i = from; i < row.length; i++) {
            if (row[i] == '\t') {
                return i;
            }
        }
        return row.length;
    }

    private static RowPrefetcher.RowStream<Object[]> typedRows(BenchDatabase database, String select) {
        return new RowPrefetcher.RowStream<>() {
            private Connection connection;
            private PreparedStatement statement;
            private ResultSet rows;

            @Override
            public Object[] next() throws Exception {
                if (connection == null) {
                    open();
                }
                if (!rows.next()) {
                    connection.close();
                    return null;
                }
                Object[] row = new Object[6];
                row[0] = rows.getLong(1);
                int quantity = rows.getInt(2);
                row[1] = rows.wasNull() ? null : quantity;
                row[2] = rows.getBigDecimal(3);
                row[3] = rows.getString(4);
                row[4] = instant(rows);
                String doc = rows.getString(6);
                row[5] = doc == null ? null : JSON.readTree(doc);
                return row;
            }

            private void open() throws SQLException {
                connection = database.connect();
                try (Statement session = connection.createStatement()) {
                    session.execute(database.engine().family() == DatabaseEngine.Family.POSTGRES
                            ? "SET TIME ZONE 'UTC'" : "SET time_zone = '+00:00'");
                }
                // PostgreSQL streams only inside a transaction; MariaDB streams with a fetch size.
                connection.setAutoCommit(false);
                statement = connection.prepareStatement(select, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                statement.setFetchSize(10_000);
                rows = statement.executeQuery();
            }

            private Object instant(ResultSet rows) throws SQLException {
                if (database.engine().family() == DatabaseEngine.Family.POSTGRES) {
                    OffsetDateTime at = rows.getObject(5, OffsetDateTime.class);
                    return at == null ? null : at.toInstant();
                }
                LocalDateTime at = rows.getObject(5, LocalDateTime.class);
                return at == null ? null : at.toInstant(ZoneOffset.UTC);
            }
        };
    }

    private static List<String> typedChanges(Object[] source, Object[] target, List<String> columns) {
        List<String> changed = new ArrayList<>();
        for (int i = 1; i < source.length; i++) {
            boolean equal = source[i] instanceof BigDecimal a && target[i] instanceof BigDecimal b ? a.compareTo(b) == 0
                    : source[i] instanceof JsonNode a && target[i] instanceof JsonNode b ? a.equals(b)
                    : Objects.equals(source[i], target[i]);
            if (!equal) {
                changed.add(columns.get(i));
            }
        }
        return changed;
    }
}
