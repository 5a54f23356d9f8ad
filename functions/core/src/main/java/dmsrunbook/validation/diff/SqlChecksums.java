package dmsrunbook.validation.diff;

import dmsrunbook.mapping.TableName;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The statements of the diff in SQL both families share (ranges as row-value comparisons, parts as a CASE over the
 * boundaries, quantiles by {@code row_number()}); each family supplies its expressions: how a key column orders and
 * reads, how a key value is bound back, how a row is hashed and how a cell is fetched. Every statement runs in its
 * own short transaction, so a diff never holds a snapshot open on the source.
 */
public abstract class SqlChecksums implements ChecksumDialect {

    /** The identifier quoted for this family. */
    protected abstract String quote(String identifier);

    /** The expression a key column is ordered and compared by (by value; text by code point). */
    protected abstract String keyOrder(SideColumn key);

    /** A placeholder ({@code ?}) for a canonical key value, comparable with {@link #keyOrder}. */
    protected abstract String keyParameter(SideColumn key);

    /** The key column's canonical text (see {@link Key}). */
    protected abstract String keyText(SideColumn key);

    /** A whole number hashing the side's {@link TableSide#hashed()} columns of one row. */
    protected abstract String rowHash(TableSide side);

    /** The column's value as fetched for comparison in Java (see {@link FetchedRow}). */
    protected abstract String cell(SideColumn column, TableSide side);

    /**
     * Whether a column's canonical text needs its length in front, in the text both families hash: values joined with
     * ':' and NULL written 'N'. Numbers, timestamps, UUIDs and digests never contain ':' nor equal 'N'; text may, so
     * it is written {@code length:text}, and no two rows can run together into the same string.
     */
    protected static boolean prefixedWithLength(SideColumn column) {
        return column.kind() == ValueKind.TEXT || column.kind() == ValueKind.OTHER || column.kind() == ValueKind.JSON;
    }

    /** Runs before a checksum query, in its transaction (e.g. planner settings for this statement only). */
    protected void beforeChecksums(Connection connection) throws SQLException {
    }

    protected String table(TableName table) {
        return quote(table.schema()) + "." + quote(table.table());
    }

    @Override
    public List<SegmentSum> checksums(Connection connection, TableSide side, KeyRange range, List<Key> bounds) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String segment = part(side, bounds, 0, bounds.size(), parameters);
        return sums(connection, side, range, segment, parameters, bounds.size() + 1);
    }

    @Override
    public List<SegmentSum> checksums(Connection connection, TableSide side, KeyRange range, IntegerCut cut) throws SQLException {
        Optional<long[]> arithmetic = cut.asLongs();
        if (!cutsIntegerKeysByArithmetic(side) || arithmetic.isEmpty()) {
            return checksums(connection, side, range, cut.bounds());
        }
        List<Object> parameters = new ArrayList<>();
        long[] lowCapWidth = arithmetic.get();
        String segment = integerPart(side.key().get(0), lowCapWidth[0], lowCapWidth[1], lowCapWidth[2], parameters);
        return sums(connection, side, range, segment, parameters, cut.bounds().size() + 1);
    }

    /**
     * The number of the part of an {@link IntegerCut} a row falls in, by arithmetic on its key:
     * {@code (least(greatest(key, low), cap) - low) / width} in whole numbers, adding its parameters. Only called
     * when {@link #cutsIntegerKeysByArithmetic} says this family does.
     */
    protected String integerPart(SideColumn key, long low, long cap, long width, List<Object> parameters) {
        throw new UnsupportedOperationException("this family cuts integer keys by comparing with boundaries");
    }

    /** Count and checksum per part numbered {@code segment} (0 to {@code parts - 1}), in one pass over the range. */
    private List<SegmentSum> sums(Connection connection, TableSide side, KeyRange range, String segment, List<Object> parameters, int parts)
            throws SQLException {
        String sql = "SELECT " + segment + ", count(*), sum(" + rowHash(side) + ") FROM " + table(side.table())
                + where(side, range, parameters) + " GROUP BY 1";
        SegmentSum[] sums = new SegmentSum[parts];
        Arrays.fill(sums, SegmentSum.EMPTY);
        beforeChecksums(connection);
        query(connection, sql, parameters, rows -> {
            while (rows.next()) {
                BigDecimal sum = rows.getBigDecimal(3);
                sums[rows.getInt(1)] = new SegmentSum(rows.getLong(2), sum == null ? BigInteger.ZERO : sum.toBigIntegerExact());
            }
            return null;
        });
        return List.of(sums);
    }

    /**
     * The number of the part a row falls in, among parts {@code first..last}: a binary search over the boundaries as
     * nested CASEs, so a row costs about log2(parts) key comparisons, not one per boundary.
     */
    private String part(TableSide side, List<Key> bounds, int first, int last, List<Object> parameters) {
        if (first == last) {
            return String.valueOf(first);
        }
        int middle = (first + last) / 2;
        String sql = "CASE WHEN " + keyTuple(side) + " <= " + parameterTuple(side) + " THEN ";
        parameters.addAll(bounds.get(middle).values());
        sql += part(side, bounds, first, middle, parameters) + " ELSE ";
        return sql + part(side, bounds, middle + 1, last, parameters) + " END";
    }

    @Override
    public List<Key> quantiles(Connection connection, TableSide side, KeyRange range, long every) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        List<String> aliases = IntStream.range(0, side.key().size()).mapToObj(i -> "k" + i).toList();
        String columns = IntStream.range(0, side.key().size()).mapToObj(i -> keyText(side.key().get(i)) + " AS " + aliases.get(i))
                .collect(Collectors.joining(", "));
        String names = String.join(", ", aliases);
        String sql = "SELECT " + names + " FROM (SELECT " + columns + ", row_number() OVER (ORDER BY " + keyOrderList(side) + ") AS rn FROM "
                + table(side.table()) + where(side, range, parameters) + ") q WHERE MOD(rn, ?) = 0 ORDER BY rn";
        parameters.add(every);
        return query(connection, sql, parameters, rows -> {
            List<Key> keys = new ArrayList<>();
            while (rows.next()) {
                keys.add(readKey(rows, side.key().size()));
            }
            return keys;
        });
    }

    @Override
    public Optional<KeySpan> span(Connection connection, TableSide side, KeyRange range) throws SQLException {
        Optional<Key> first = edge(connection, side, range, "ASC");
        return first.isEmpty() ? Optional.empty()
                : Optional.of(new KeySpan(first.get(), edge(connection, side, range, "DESC").orElse(first.get())));
    }

    private Optional<Key> edge(Connection connection, TableSide side, KeyRange range, String direction) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT " + keyTextList(side) + " FROM " + table(side.table()) + where(side, range, parameters)
                + " ORDER BY " + keyOrderList(side, direction) + " LIMIT 1";
        return query(connection, sql, parameters, rows -> rows.next() ? Optional.of(readKey(rows, side.key().size())) : Optional.empty());
    }

    @Override
    public long count(Connection connection, TableSide side, KeyRange range) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT count(*) FROM " + table(side.table()) + where(side, range, parameters);
        return query(connection, sql, parameters, rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    @Override
    public RowCursor rows(Connection connection, TableSide side, KeyRange range, List<SideColumn> columns, int fetchSize) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String cells = IntStream.range(0, columns.size()).mapToObj(i -> ", " + cell(columns.get(i), side) + " AS c" + i)
                .collect(Collectors.joining());
        String sql = "SELECT " + keyTextList(side) + cells + " FROM " + table(side.table()) + where(side, range, parameters)
                + " ORDER BY " + keyOrderList(side);
        PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        try {
            statement.setFetchSize(fetchSize);
            bind(statement, parameters);
            ResultSet rows = statement.executeQuery();
            return new Cursor(connection, statement, rows, side.key().size(), columns);
        } catch (SQLException | RuntimeException e) {
            statement.close();
            endTransaction(connection);
            throw e;
        }
    }

    /** {@code WHERE} for the range, adding its bounds to {@code parameters}; empty for the whole table. */
    private String where(TableSide side, KeyRange range, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (range.after() != null) {
            conditions.add(keyTuple(side) + " > " + parameterTuple(side));
            parameters.addAll(range.after().values());
        }
        if (range.through() != null) {
            conditions.add(keyTuple(side) + " <= " + parameterTuple(side));
            parameters.addAll(range.through().values());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private String keyTuple(TableSide side) {
        return tuple(side.key().stream().map(this::keyOrder).toList());
    }

    private String parameterTuple(TableSide side) {
        return tuple(side.key().stream().map(this::keyParameter).toList());
    }

    private static String tuple(List<String> expressions) {
        return expressions.size() == 1 ? expressions.get(0) : "(" + String.join(", ", expressions) + ")";
    }

    private String keyOrderList(TableSide side) {
        return keyOrderList(side, "");
    }

    private String keyOrderList(TableSide side, String direction) {
        return side.key().stream().map(k -> keyOrder(k) + (direction.isEmpty() ? "" : " " + direction)).collect(Collectors.joining(", "));
    }

    /** The key's canonical texts, aliased: an output column named like a key column would capture ORDER BY. */
    private String keyTextList(TableSide side) {
        return IntStream.range(0, side.key().size()).mapToObj(i -> keyText(side.key().get(i)) + " AS k" + i)
                .collect(Collectors.joining(", "));
    }

    private static Key readKey(ResultSet rows, int columns) throws SQLException {
        String[] values = new String[columns];
        for (int i = 0; i < columns; i++) {
            values[i] = rows.getString(i + 1);
        }
        return new Key(List.of(values));
    }

    /** Runs one query in its own transaction (ended at once, so no snapshot stays open). */
    private <T> T query(Connection connection, String sql, List<Object> parameters, ResultReader<T> reader) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } finally {
            endTransaction(connection);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof Long number) {
                statement.setLong(i + 1, number);
            } else {
                statement.setString(i + 1, (String) value);
            }
        }
    }

    private static void endTransaction(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
    }

    @FunctionalInterface
    private interface ResultReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** A streaming result: rows arrive {@code fetchSize} at a time. */
    private static final class Cursor implements RowCursor {

        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final int keyColumns;
        private final List<SideColumn> columns;

        Cursor(Connection connection, PreparedStatement statement, ResultSet rows, int keyColumns, List<SideColumn> columns) {
            this.connection = connection;
            this.statement = statement;
            this.rows = rows;
            this.keyColumns = keyColumns;
            this.columns = columns;
        }

        @Override
        public FetchedRow next() throws SQLException {
            if (!rows.next()) {
                return null;
            }
            Key key = readKey(rows, keyColumns);
            Object[] cells = new Object[columns.size()];
            for (int i = 0; i < cells.length; i++) {
                int index = keyColumns + i + 1;
                if (columns.get(i).kind() == ValueKind.FLOAT) {
                    double value = rows.getDouble(index);
                    cells[i] = rows.wasNull() ? null : value;
                } else {
                    cells[i] = rows.getString(index);
                }
            }
            return new FetchedRow(key, cells);
        }

        @Override
        public void close() throws SQLException {
            try {
                rows.close();
                statement.close();
            } finally {
                endTransaction(connection);
            }
        }
    }
}
