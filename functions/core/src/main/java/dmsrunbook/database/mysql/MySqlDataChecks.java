package dmsrunbook.database.mysql;

import dmsrunbook.database.mysql.MySqlCatalog.Column;
import dmsrunbook.database.mysql.MySqlCatalog.Table;
import dmsrunbook.database.mysql.MySqlColumnCast.Kind;
import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.PreflightContext;
import dmsrunbook.preflight.SourceChecks;
import dmsrunbook.spec.ConversionSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts, in each selected table, the values the converted PostgreSQL column will refuse or change, by the type each
 * column gets ({@link MySqlTypeCasts}, with the spec's overrides): zero and invalid dates, times outside a day, values
 * outside the target integer type, tinyint(1) values other than 0 and 1, text longer than an override's length,
 * UTF-8 PostgreSQL refuses, NUL characters, trailing spaces the source's PAD SPACE collations ignore, CHAR values
 * PostgreSQL will pad, and enum columns holding MySQL's '' error value. Each kind is one {@link CheckResult}: PASS,
 * or WARN with the columns, their counts and the fix.
 *
 * <p>Unsigned integers need no range check with the cast table's widening casts (every unsigned value fits the next
 * wider type, bigint unsigned fits numeric(20)); they are counted only where an override or an identity column
 * (bigint unsigned AUTO_INCREMENT becomes bigint) narrows the type.
 *
 * <p>Invalid UTF-8: MariaDB 10.11 refuses malformed sequences at every entry (strict mode: an error; otherwise each bad
 * byte becomes '?', even through {@code SET NAMES binary} and LOAD DATA ... CHARACTER SET binary), so comparing a value
 * with its re-conversion ({@code CONVERT(CAST(c AS BINARY) USING utf8mb4)}) finds nothing there; it still finds
 * malformed bytes on servers that let them in. What MariaDB does accept and PostgreSQL refuses are UTF-16 surrogate
 * code points (bytes ED A0..BF xx, U+D800..U+DFFF), found by a pattern on the value's hex digits.
 *
 * <p>Bounded: one aggregate query per table (a single scan for every probe of its columns), each with a query timeout
 * (MariaDB's driver turns it into {@code max_statement_time}; MySQL's kills the query); a table that does not finish is
 * reported as unchecked with its query, to run by hand. {@code rowLimit} (0: none) checks only the first rows of each
 * table, in the server's scan order, and the results say so. Only SELECTs run.
 */
public final class MySqlDataChecks implements SourceChecks {

    public static final int DEFAULT_TIMEOUT_SECONDS = 30;

    private static final String SIDE = "source";
    private static final Set<String> UTF8 = Set.of("utf8", "utf8mb3", "utf8mb4");

    /** The kinds of data the target refuses or changes, in report order, each with its fix. */
    private enum Probe {
        ZERO_DATES("zero dates", "PostgreSQL has no zero or invalid date (0000-00-00, a zero month or day, 2021-02-30): they load as NULL or "
                + "fail the load; set them to NULL (the column must allow it) or to a real date on the source before the load"),
        TIME_RANGE("time range", "PostgreSQL's time holds 00:00:00..24:00:00: override the column to interval (conversion.typeOverrides)"),
        BOOLEAN_VALUES("boolean values", "tinyint(1) becomes boolean: values other than 0 and 1 become true; override the column to smallint "
                + "(conversion.typeOverrides) to keep them"),
        INTEGER_RANGE("integer range", "values outside the target type fail the load: widen the type in conversion.typeOverrides"),
        TEXT_LENGTH("text length", "values longer than the overridden length fail the load: lengthen it in conversion.typeOverrides"),
        INVALID_UTF8("invalid UTF-8", "PostgreSQL refuses these byte sequences (surrogate code points, malformed UTF-8): "
                + "correct the values on the source, or override the column to bytea"),
        NUL_CHARACTERS("NUL characters", "PostgreSQL text (and jsonb's \\u0000) cannot hold NUL: UPDATE ... SET c = REPLACE(c, CHAR(0), '') "
                + "on the source, or override the column to bytea"),
        TRAILING_SPACES("trailing spaces", "the source's PAD SPACE collation treats 'a ' as 'a', PostgreSQL does not: lookups and unique keys "
                + "on these columns behave differently; trim the values or make queries trim"),
        CHAR_PADDING("char padding", "MySQL strips a CHAR value's trailing spaces when read, PostgreSQL's char(n) returns them padded to n: "
                + "override the column to varchar(n) (conversion.typeOverrides) if the application compares or concatenates them"),
        ENUM_EMPTY("enum empty values", "'' is MySQL's error value for an invalid enum value and is no label: the target refuses it; "
                + "set those rows to a real label or NULL");

        final String check;
        final String fix;

        Probe(String check, String fix) {
            this.check = check;
            this.fix = fix;
        }
    }

    private record Measure(Probe probe, String column, String expression) {
    }

    private final int timeoutSeconds;
    private final long rowLimit;

    public MySqlDataChecks() {
        this(DEFAULT_TIMEOUT_SECONDS, 0);
    }

    /**
     * @param timeoutSeconds how long one table's query may run
     * @param rowLimit       how many rows of each table to check (0: all)
     */
    public MySqlDataChecks(int timeoutSeconds, long rowLimit) {
        this.timeoutSeconds = timeoutSeconds;
        this.rowLimit = rowLimit;
    }

    /** The preflight's entry: the selected tables, cast as the spec's {@code conversion} says. */
    @Override
    public List<CheckResult> run(Connection source, PreflightContext context) throws SQLException {
        List<String> schemas = context.selectedTables().stream().map(TableName::schema).distinct().sorted().toList();
        return run(source, MySqlCatalogReader.read(source, schemas), context.selectedTables(), context.spec().conversion());
    }

    public List<CheckResult> run(Connection source, MySqlCatalog catalog, List<TableName> tables, ConversionSpec conversion) throws SQLException {
        Map<Probe, List<String>> found = new LinkedHashMap<>();
        Map<Probe, Integer> measured = new LinkedHashMap<>();
        List<String> unfinished = new ArrayList<>();
        for (Table table : catalog.tables()) {
            if (!tables.contains(table.sourceName())) {
                continue;
            }
            List<Measure> measures = measures(table, conversion);
            measures.forEach(m -> measured.merge(m.probe(), 1, Integer::sum));
            if (measures.isEmpty()) {
                continue;
            }
            String sql = query(table, measures);
            try (Statement statement = source.createStatement()) {
                statement.setQueryTimeout(timeoutSeconds);
                try (ResultSet row = statement.executeQuery(sql)) {
                    row.next();
                    for (int i = 0; i < measures.size(); i++) {
                        long count = row.getLong(i + 1);
                        if (count > 0) {
                            Measure measure = measures.get(i);
                            found.computeIfAbsent(measure.probe(), p -> new ArrayList<>())
                                    .add(table.sourceName() + "." + measure.column() + ": " + count + (count == 1 ? " row" : " rows"));
                        }
                    }
                }
            } catch (SQLException e) {
                if (!isTimeout(e)) {
                    throw e;
                }
                unfinished.add(table.sourceName() + " (" + sql + ")");
            }
        }
        String scope = rowLimit > 0 ? " in the first " + rowLimit + " rows of each table" : "";
        List<CheckResult> results = new ArrayList<>();
        for (Probe probe : Probe.values()) {
            List<String> columns = found.get(probe);
            if (columns != null) {
                results.add(CheckResult.warn(SIDE, probe.check, String.join(", ", columns) + scope, probe.fix));
            } else if (probe == Probe.INTEGER_RANGE && !measured.containsKey(probe)) {
                results.add(CheckResult.pass(SIDE, probe.check, "every integer column's target type holds all its values "
                        + "(unsigned types are widened: tinyint to smallint, smallint and mediumint to integer, int to bigint, bigint to numeric(20))"));
            } else {
                int columnsChecked = measured.getOrDefault(probe, 0);
                results.add(CheckResult.pass(SIDE, probe.check, columnsChecked == 0 ? "no column of the selected tables needs it"
                        : "none in " + columnsChecked + (columnsChecked == 1 ? " column" : " columns") + scope));
            }
        }
        if (!unfinished.isEmpty()) {
            results.add(CheckResult.warn(SIDE, "data checks", "did not finish within " + timeoutSeconds + " s: " + String.join("; ", unfinished),
                    "run those queries on a replica or at a quiet time, and read each count as the check of the same order above"));
        }
        return results;
    }

    private static List<Measure> measures(Table table, ConversionSpec conversion) {
        List<Measure> measures = new ArrayList<>();
        for (Column column : table.columns()) {
            MySqlColumnCast cast = MySqlTypeCasts.cast(table, column, conversion);
            if (!cast.converted() || column.generated() && column.extra() != null && column.extra().toLowerCase(Locale.ROOT).contains("virtual")) {
                continue;
            }
            String c = MySqlCatalogReader.quote(column.name());
            String type = column.dataType();
            switch (type) {
                case "date", "datetime", "timestamp" -> {
                    if (cast.kind() == Kind.DATE || cast.kind() == Kind.TIMESTAMP || cast.kind() == Kind.TIMESTAMPTZ) {
                        measures.add(new Measure(Probe.ZERO_DATES, column.name(), c + " IS NOT NULL AND (YEAR(" + c + ") = 0 OR " + c
                                + " + INTERVAL 0 DAY IS NULL)"));
                    }
                }
                case "time" -> {
                    if (cast.kind() == Kind.TIME) {
                        measures.add(new Measure(Probe.TIME_RANGE, column.name(), c + " < '00:00:00' OR " + c + " > '24:00:00'"));
                    }
                }
                case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year" -> {
                    if (cast.kind() == Kind.BOOLEAN) {
                        measures.add(new Measure(Probe.BOOLEAN_VALUES, column.name(), c + " NOT IN (0, 1)"));
                    } else if (cast.kind().integer() && !holds(cast.kind(), type, column.unsigned())) {
                        measures.add(new Measure(Probe.INTEGER_RANGE, column.name(), c + " < " + cast.kind().min() + " OR " + c + " > " + cast.kind().max()));
                    }
                }
                default -> {
                }
            }
            boolean text = List.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set").contains(type);
            if (text || cast.kind() == Kind.JSONB) {
                Integer length = cast.overridden() && (cast.kind() == Kind.VARCHAR || cast.kind() == Kind.CHAR) ? Kind.lengthOf(cast.type()) : null;
                if (length != null && (column.charLength() == null || column.charLength() > length)) {
                    measures.add(new Measure(Probe.TEXT_LENGTH, column.name(), "CHAR_LENGTH(" + c + ") > " + length));
                }
                if (column.charset() != null && UTF8.contains(column.charset().toLowerCase(Locale.ROOT)) && cast.kind() != Kind.BYTEA) {
                    measures.add(new Measure(Probe.INVALID_UTF8, column.name(), "CAST(" + c + " AS BINARY) <> CAST(CONVERT(CAST(" + c
                            + " AS BINARY) USING utf8mb4) AS BINARY) OR HEX(" + c + ") REGEXP '^(..)*ED[AB]'"));
                }
                if (cast.kind() == Kind.JSONB) {
                    measures.add(new Measure(Probe.NUL_CHARACTERS, column.name(), "LOCATE('\\\\u0000', " + c + ") > 0"));
                } else if (cast.kind() != Kind.BYTEA) {
                    measures.add(new Measure(Probe.NUL_CHARACTERS, column.name(), "LOCATE(CHAR(0), " + c + ") > 0"));
                }
                boolean padSpace = column.collation() != null && !column.collation().toLowerCase(Locale.ROOT).contains("nopad")
                        && !column.collation().toLowerCase(Locale.ROOT).contains("0900");
                if (padSpace && List.of("varchar", "tinytext", "text", "mediumtext", "longtext").contains(type) && cast.kind().textual()) {
                    measures.add(new Measure(Probe.TRAILING_SPACES, column.name(), c + " LIKE '% '"));
                }
                if (type.equals("char") && cast.kind() == Kind.CHAR && column.charLength() != null && column.charLength() > 1) {
                    measures.add(new Measure(Probe.CHAR_PADDING, column.name(), "CHAR_LENGTH(" + c + ") < " + column.charLength()));
                }
                if (type.equals("enum") && !column.labels().contains("")) {
                    measures.add(new Measure(Probe.ENUM_EMPTY, column.name(), c + " = ''"));
                }
            }
        }
        return measures;
    }

    /** Whether an integer kind holds every value of a MySQL integer type. */
    private static boolean holds(Kind target, String type, boolean unsigned) {
        long min;
        long max;
        switch (type) {
            case "tinyint" -> {
                min = unsigned ? 0 : -128;
                max = unsigned ? 255 : 127;
            }
            case "smallint" -> {
                min = unsigned ? 0 : Short.MIN_VALUE;
                max = unsigned ? 65_535 : Short.MAX_VALUE;
            }
            case "mediumint" -> {
                min = unsigned ? 0 : -8_388_608;
                max = unsigned ? 16_777_215 : 8_388_607;
            }
            case "year" -> {
                min = 0;
                max = 2155;
            }
            case "int", "integer" -> {
                min = unsigned ? 0 : Integer.MIN_VALUE;
                max = unsigned ? 4_294_967_295L : Integer.MAX_VALUE;
            }
            default -> {
                if (unsigned) {
                    return false; // up to 18446744073709551615: no integer kind holds it
                }
                min = Long.MIN_VALUE;
                max = Long.MAX_VALUE;
            }
        }
        return target.min() <= min && max <= target.max();
    }

    private String query(Table table, List<Measure> measures) {
        String sums = measures.stream().map(m -> "SUM(CASE WHEN " + m.expression() + " THEN 1 ELSE 0 END)").collect(Collectors.joining(", "));
        String from = MySqlCatalogReader.quote(table.schema()) + "." + MySqlCatalogReader.quote(table.name());
        if (rowLimit > 0) {
            String columns = measures.stream().map(Measure::column).distinct().map(MySqlCatalogReader::quote).collect(Collectors.joining(", "));
            from = "(SELECT " + columns + " FROM " + from + " LIMIT " + rowLimit + ") AS checked_rows";
        }
        return "SELECT " + sums + " FROM " + from;
    }

    private static boolean isTimeout(SQLException e) {
        // 1317: query execution was interrupted, 1969: max_statement_time exceeded (MariaDB); 3024: max_execution_time exceeded (MySQL).
        return e instanceof SQLTimeoutException || e.getErrorCode() == 1317 || e.getErrorCode() == 1969 || e.getErrorCode() == 3024;
    }
}
