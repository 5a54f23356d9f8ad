package dmsrunbook.database.postgres;

import dmsrunbook.mapping.TableName;
import dmsrunbook.validation.diff.ColumnType;
import dmsrunbook.validation.diff.DeclaredColumn;
import dmsrunbook.validation.diff.HashForm;
import dmsrunbook.validation.diff.SideColumn;
import dmsrunbook.validation.diff.SqlChecksums;
import dmsrunbook.validation.diff.TableDescription;
import dmsrunbook.validation.diff.TableSide;
import dmsrunbook.validation.diff.TypeFamily;
import dmsrunbook.validation.diff.ValueKind;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The diff's SQL for PostgreSQL (and Aurora PostgreSQL). Between two PostgreSQL databases (14 and later) each column
 * is hashed by its type's own 64-bit hash function and a row's hashes are XORed: no value is converted to text, which
 * is what made checksums slow (measured on 2 M rows of bigint, int, numeric, text, timestamptz and jsonb: 1.5 s with
 * {@code hash_record_extended}, against 2.8 s hashing the row's text and 6.1 s for MD5 of it, and 0.15 s for
 * {@code count(*)}). One integer key's parts are numbered by arithmetic on the key, so a first cut into a thousand
 * parts costs no more per row than one into two. Against another engine, each value is rendered in the canonical text
 * form both engines produce and the row's MD5 is summed. Keys order by value: text keys {@code COLLATE "C"} (code
 * point order in UTF-8).
 */
public final class PostgresChecksums extends SqlChecksums {

    /** Base types with a default hash opclass and an extended (64-bit) hash function. */
    private static final Set<String> HASHABLE = Set.of("int2", "int4", "int8", "numeric", "float4", "float8", "bool", "text", "varchar",
            "bpchar", "name", "char", "bytea", "date", "time", "timetz", "timestamp", "timestamptz", "interval", "uuid", "jsonb", "inet",
            "cidr", "macaddr", "macaddr8", "oid");

    @Override
    public void prepareSession(Connection connection, Duration statementTimeout) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            statement.execute("SET TIME ZONE 'UTC'");
            statement.execute("SET DateStyle = 'ISO, YMD'");
            statement.execute("SET IntervalStyle = 'postgres'");
            // The shortest text that reads back as the same double (PostgreSQL 12+'s default, made explicit).
            statement.execute("SET extra_float_digits = 1");
            statement.execute("SET bytea_output = 'hex'");
            statement.execute("SET statement_timeout = " + Math.max(1, statementTimeout.toMillis()));
        }
        connection.commit();
    }

    /**
     * {@code reltuples} (kept by ANALYZE and autovacuum); a partitioned table sums its leaf partitions; a table never
     * analysed (-1) is guessed from its size at 100 bytes a row.
     */
    @Override
    public Map<TableName, Long> estimatedRows(Connection connection, List<TableName> tables) throws SQLException {
        Map<TableName, Long> estimates = new HashMap<>();
        String[] schemas = tables.stream().map(TableName::schema).distinct().toArray(String[]::new);
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT n.nspname, c.relname,
                       CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(greatest(p.reltuples, 0)), 0)
                                                       FROM pg_partition_tree(c.oid) t JOIN pg_class p ON p.oid = t.relid
                                                       WHERE t.isleaf)
                            WHEN c.reltuples >= 0 THEN c.reltuples
                            ELSE pg_relation_size(c.oid) / 100 END::bigint
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (?)""")) {
            statement.setArray(1, connection.createArrayOf("text", schemas));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    estimates.put(new TableName(rows.getString(1), rows.getString(2)), rows.getLong(3));
                }
            }
        } finally {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        }
        estimates.keySet().retainAll(Set.copyOf(tables));
        return estimates;
    }

    /**
     * The planner cannot estimate how many parts a CASE over the key yields and assumes one per row: it would sort the
     * whole range (spilling to disk) to group a few dozen parts. Without sorts it hashes them, as cheap as one sum.
     */
    @Override
    protected void beforeChecksums(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL enable_sort = off");
        }
    }

    @Override
    public Optional<TableDescription> describe(Connection connection, TableName table) throws SQLException {
        try {
            List<DeclaredColumn> columns = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT a.attname, format_type(a.atttypid, a.atttypmod), bt.typname, bt.typtype,
                           information_schema._pg_numeric_scale(information_schema._pg_truetypid(a.*, t.*),
                                                                information_schema._pg_truetypmod(a.*, t.*))
                    FROM pg_attribute a
                    JOIN pg_type t ON t.oid = a.atttypid
                    JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
                    WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
                    ORDER BY a.attnum""")) {
                statement.setString(1, table(table));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        String base = rows.getString(3);
                        boolean isEnum = "e".equals(rows.getString(4));
                        Integer scale = rows.getObject(5) == null ? null : rows.getInt(5);
                        columns.add(new DeclaredColumn(rows.getString(1), new ColumnType(rows.getString(2), family(base, isEnum),
                                "numeric".equals(base) ? scale : null, isEnum || HASHABLE.contains(base))));
                    }
                }
            }
            if (columns.isEmpty()) {
                return Optional.empty();
            }
            List<String> key = new ArrayList<>();
            String keySource = null;
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT i.indisprimary, c.relname, array_agg(a.attname::text ORDER BY k.ord)
                    FROM pg_index i
                    JOIN pg_class c ON c.oid = i.indexrelid
                    CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                    WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indisvalid AND i.indpred IS NULL
                      AND i.indexprs IS NULL AND k.ord <= i.indnkeyatts
                    GROUP BY i.indexrelid, i.indisprimary, c.relname
                    HAVING bool_and(a.attnotnull)
                    ORDER BY i.indisprimary DESC, count(*), c.relname
                    LIMIT 1""")) {
                statement.setString(1, table(table));
                try (ResultSet rows = statement.executeQuery()) {
                    if (rows.next()) {
                        keySource = (rows.getBoolean(1) ? "primary key " : "unique index ") + rows.getString(2);
                        Array names = rows.getArray(3);
                        for (Object name : (Object[]) names.getArray()) {
                            key.add((String) name);
                        }
                    }
                }
            }
            boolean rowHashing;
            boolean utf8;
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT current_setting('server_version_num')::int, current_setting('server_encoding')")) {
                rows.next();
                rowHashing = rows.getInt(1) >= 140_000;
                utf8 = "UTF8".equals(rows.getString(2));
            }
            return Optional.of(new TableDescription(table, columns, key, keySource, rowHashing, utf8));
        } finally {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        }
    }

    private static TypeFamily family(String base, boolean isEnum) {
        if (isEnum) {
            return TypeFamily.TEXT;
        }
        return switch (base) {
            case "int2", "int4", "int8" -> TypeFamily.INTEGER;
            case "numeric" -> TypeFamily.DECIMAL;
            case "float4" -> TypeFamily.FLOAT4;
            case "float8" -> TypeFamily.FLOAT8;
            case "bool" -> TypeFamily.BOOLEAN;
            case "text", "varchar", "bpchar", "name", "citext" -> TypeFamily.TEXT;
            case "uuid" -> TypeFamily.UUID;
            case "bytea" -> TypeFamily.BINARY;
            case "json", "jsonb" -> TypeFamily.JSON;
            case "date" -> TypeFamily.DATE;
            case "time" -> TypeFamily.TIME;
            case "timestamp", "timestamptz" -> TypeFamily.TIMESTAMP;
            default -> TypeFamily.OTHER;
        };
    }

    @Override
    public boolean ordersKeysByIndex(TableSide side) {
        // A text key ordered by code point ("C") is not what its index (in the column's collation) holds.
        return side.key().stream().noneMatch(k -> k.kind() == ValueKind.TEXT || k.kind() == ValueKind.UUID && k.type().family() != TypeFamily.UUID);
    }

    @Override
    protected String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    protected String keyOrder(SideColumn key) {
        String c = quote(key.name());
        return switch (key.kind()) {
            case TEXT -> "(" + c + "::text) COLLATE \"C\"";
            case UUID -> key.type().family() == TypeFamily.UUID ? c : "lower(" + c + "::text) COLLATE \"C\"";
            default -> c;
        };
    }

    @Override
    protected String keyParameter(SideColumn key) {
        return switch (key.kind()) {
            case INTEGER -> key.type().family() == TypeFamily.INTEGER ? "CAST(? AS bigint)" : "CAST(? AS numeric)";
            case DECIMAL -> "CAST(? AS numeric)";
            case UUID -> key.type().family() == TypeFamily.UUID ? "CAST(? AS uuid)" : "CAST(? AS text)";
            case BINARY -> "decode(CAST(? AS text), 'hex')";
            case DATE -> "(date '1970-01-01' + CAST(? AS integer))";
            case TIMESTAMP -> "(" + (withTimeZone(key) ? "timestamptz" : "timestamp") + " 'epoch' + CAST(? AS bigint) * interval '1 microsecond')";
            default -> "CAST(? AS text)";
        };
    }

    @Override
    protected String keyText(SideColumn key) {
        String c = quote(key.name());
        return switch (key.kind()) {
            case UUID -> "lower(" + c + "::text)";
            case BINARY -> "encode(" + c + ", 'hex')";
            case DATE -> "(" + c + " - date '1970-01-01')::text";
            case TIMESTAMP -> "(extract(epoch from " + c + ") * 1000000)::bigint::text";
            default -> c + "::text";
        };
    }

    @Override
    public boolean cutsIntegerKeysByArithmetic(TableSide side) {
        return side.key().size() == 1 && side.key().get(0).kind() == ValueKind.INTEGER && side.key().get(0).type().family() == TypeFamily.INTEGER;
    }

    @Override
    protected String integerPart(SideColumn key, long low, long cap, long width, List<Object> parameters) {
        parameters.addAll(List.of(low, cap, low, width));
        return "(least(greatest(" + quote(key.name()) + ", CAST(? AS bigint)), CAST(? AS bigint)) - CAST(? AS bigint)) / CAST(? AS bigint)";
    }

    /**
     * Same engine: each column's own 64-bit hash function, seeded with the column's position, the results combined by
     * XOR (a NULL has a constant of its own). Calling the type's hash directly costs a third less than
     * {@code hash_record_extended} over a {@code ROW(...)} of the same columns, which builds a tuple for every row and
     * takes it apart again. Types without a hash function callable from SQL share one {@code hash_record_extended}.
     * Across engines: the MD5 of the row's canonical text.
     */
    @Override
    protected String rowHash(TableSide side) {
        List<SideColumn> hashed = side.hashed();
        if (hashed.isEmpty()) {
            return "0";
        }
        if (side.nativeHashing()) {
            List<String> terms = new ArrayList<>();
            List<String> inRecord = new ArrayList<>();
            for (int i = 0; i < hashed.size(); i++) {
                SideColumn column = hashed.get(i);
                String value = column.hash() == HashForm.NATIVE ? nativeValue(column, side) : canonical(column, side);
                Optional<String> hash = column.hash() == HashForm.NATIVE ? nativeHash(column, value, i + 1)
                        : Optional.of("hashtextextended((" + value + ") COLLATE \"C\", " + (i + 1) + ")");
                if (hash.isEmpty()) {
                    inRecord.add(value);
                } else {
                    terms.add(side.key().contains(column) ? hash.get() : "COALESCE(" + hash.get() + ", " + (i + 1) + ")");
                }
            }
            if (!inRecord.isEmpty()) {
                terms.add("hash_record_extended(ROW(" + String.join(", ", inRecord) + "), 0)");
            }
            return String.join(" # ", terms);
        }
        String text = hashed.stream().map(c -> {
            String v = canonical(c, side);
            return prefixedWithLength(c) ? "COALESCE(char_length(" + v + ")::text || ':' || " + v + ", 'N')" : "COALESCE(" + v + ", 'N')";
        }).collect(Collectors.joining(" || ':' || "));
        return "('x' || substr(" + md5(text, side) + ", 1, 15))::bit(60)::bigint";
    }

    /**
     * The type's 64-bit hash of {@code value} (NULL for NULL), or empty for a type whose hash function takes an
     * {@code internal} argument or whose conversion could fail (bytea, date and time types but timestamps, others).
     * Text hashes under "C", so a nondeterministic collation cannot make two different strings hash alike; a timestamp
     * with time zone is hashed as the UTC timestamp it is, as its own hash does, shifted by a zero interval: the same
     * value as a cast to {@code timestamp} in a UTC session, without the cast's time zone rules (which cost a quarter of
     * the whole row's hash: 2 M rows of the diff benchmark's table hashed in 1.4 s instead of 1.9 s, one backend).
     */
    private static Optional<String> nativeHash(SideColumn column, String value, int seed) {
        String declared = column.type().declared();
        if (column.kind() == ValueKind.JSON) {
            return Optional.of("jsonb_hash_extended(" + value + ", " + seed + ")");
        }
        String hash = switch (column.type().family()) {
            case INTEGER -> "hashint8extended((" + value + ")::bigint, " + seed + ")";
            case DECIMAL -> "hash_numeric_extended(" + value + ", " + seed + ")";
            case FLOAT4, FLOAT8 -> "hashfloat8extended(" + value + ", " + seed + ")";
            case BOOLEAN -> "hashint4extended((" + value + ")::int, " + seed + ")";
            case TEXT -> "hashtextextended((" + value + ")::text COLLATE \"C\", " + seed + ")";
            case UUID -> "uuid_hash_extended(" + value + ", " + seed + ")";
            case TIMESTAMP -> declared.startsWith("timestamp") ? "timestamp_hash_extended(" + (declared.contains("with time zone")
                    ? "(" + value + ") AT TIME ZONE INTERVAL '00:00'" : value) + ", " + seed + ")" : null;
            default -> null;
        };
        return Optional.ofNullable(hash);
    }

    @Override
    protected String cell(SideColumn column, TableSide side) {
        String c = quote(column.name());
        return switch (column.kind()) {
            case FLOAT -> c + "::float8";
            case JSON -> c + "::text";
            case TEXT, OTHER -> md5(canonical(column, side), side);
            default -> canonical(column, side);
        };
    }

    /** The column as the same-engine hash takes it: itself, JSON as jsonb (key order canonical), floats on the tolerance grid. */
    private String nativeValue(SideColumn column, TableSide side) {
        String c = quote(column.name());
        if (column.kind() == ValueKind.JSON) {
            return c + "::jsonb";
        }
        if (column.kind() == ValueKind.FLOAT && side.floatTolerance() > 0) {
            return grid(column, side);
        }
        return c;
    }

    /** The canonical text of a value: what MySQL's side renders for an equal value. */
    private String canonical(SideColumn column, TableSide side) {
        String c = quote(column.name());
        return switch (column.kind()) {
            case INTEGER -> c + "::text";
            case DECIMAL -> decimal(column);
            case FLOAT -> side.floatTolerance() > 0 ? grid(column, side) + "::numeric::text" : "(" + floatValue(column) + ")::text";
            case BOOLEAN -> column.type().family() == TypeFamily.BOOLEAN ? c + "::int::text" : "(" + c + " <> 0)::int::text";
            case TEXT -> c + "::text";
            case UUID -> "lower(" + c + "::text)";
            case BINARY -> "md5(" + c + ")";
            case JSON -> c + "::jsonb::text";
            case DATE -> "CASE WHEN isfinite(" + c + ") THEN (" + c + " - date '1970-01-01')::text ELSE " + c + "::text END";
            case TIME -> "(extract(epoch from " + c + ") * 1000000)::bigint::text";
            case TIMESTAMP -> "CASE WHEN isfinite(" + c + ") THEN (extract(epoch from " + c + ") * 1000000)::bigint::text ELSE "
                    + c + "::text END";
            case OTHER -> c + "::text";
        };
    }

    private String decimal(SideColumn column) {
        String c = quote(column.name());
        if (column.scale() == null) {
            String text = c + "::numeric::text";
            return "CASE WHEN strpos(" + text + ", '.') > 0 THEN rtrim(rtrim(" + text + ", '0'), '.') ELSE " + text + " END";
        }
        boolean declaredAtScale = column.type().family() == TypeFamily.DECIMAL && Objects.equals(column.type().scale(), column.scale());
        return declaredAtScale ? c + "::text" : "round(" + c + "::numeric, " + column.scale() + ")::text";
    }

    private String floatValue(SideColumn column) {
        return quote(column.name()) + (column.single() ? "::real::float8" : "::float8");
    }

    /** The float as a whole number of tolerance steps: values closer than the tolerance usually share a step. */
    private String grid(SideColumn column, TableSide side) {
        return "floor(" + floatValue(column) + " / " + side.floatTolerance() + " + 0.5)";
    }

    private static String md5(String text, TableSide side) {
        return side.utf8() ? "md5(" + text + ")" : "md5(convert_to(" + text + ", 'UTF8'))";
    }

    private static boolean withTimeZone(SideColumn column) {
        return column.type().declared().contains("with time zone");
    }
}
