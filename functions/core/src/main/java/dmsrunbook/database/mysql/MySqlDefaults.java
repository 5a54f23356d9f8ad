package dmsrunbook.database.mysql;

import static dmsrunbook.database.postgres.PostgresQuoting.literal;

import dmsrunbook.database.mysql.MySqlCatalog.Column;
import dmsrunbook.database.mysql.MySqlColumnCast.Kind;
import dmsrunbook.preflight.CheckStatus;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MySQL column default as PostgreSQL takes it. information_schema spells defaults in two ways: MariaDB 10.2.7+
 * quotes literal strings ({@code 'abc'}, {@code 'it''s'}), writes {@code NULL} for a NULL default and expressions
 * bare ({@code current_timestamp()}); MySQL (and older MariaDB) writes literals bare and marks expressions with
 * {@code DEFAULT_GENERATED} in EXTRA. Both are read here.
 *
 * <ul>
 *   <li>{@code CURRENT_TIMESTAMP}, {@code current_timestamp()}, {@code now()} (any precision) become {@code now()}
 *       ({@code CURRENT_DATE} for a date column), {@code curdate()} becomes {@code CURRENT_DATE}.</li>
 *   <li>Literals are re-quoted for the target type: numbers bare, booleans {@code true}/{@code false} (from 0/1 or
 *       {@code b'1'}), bit strings {@code B'...'} padded to the column's bits, bytes as hex, everything else a string
 *       constant the column's type parses.</li>
 *   <li>Zero dates ({@code '0000-00-00'}, {@code '0000-00-00 00:00:00'}, or a zero month or day) have no PostgreSQL
 *       value: the default is dropped and, on a NOT NULL column, NOT NULL too (the zero dates load as NULL), as pgloader
 *       does.</li>
 *   <li>Other expressions go through {@link MySqlExpressions}; one it cannot translate is dropped, with a WARN naming
 *       it.</li>
 * </ul>
 */
public final class MySqlDefaults {

    /** A default: its PostgreSQL SQL (null for none), whether NOT NULL must go too, how the report flags it and why. */
    public record Converted(String sql, boolean dropNotNull, CheckStatus status, String note) {

        static Converted none() {
            return new Converted(null, false, CheckStatus.PASS, null);
        }
    }

    private static final Pattern NOW = Pattern.compile("(current_timestamp|now|localtime|localtimestamp)\\s*(\\(\\s*\\d*\\s*\\))?");
    private static final Pattern TODAY = Pattern.compile("(curdate|current_date)\\s*(\\(\\s*\\))?");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern BITS = Pattern.compile("b'([01]*)'", Pattern.CASE_INSENSITIVE);
    private static final Pattern ZERO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2}).*");

    private MySqlDefaults() {
    }

    /**
     * The PostgreSQL default of {@code column} cast as {@code cast}.
     *
     * @param quotesLiterals whether the server quotes literal defaults (MariaDB 10.2.7+)
     * @param columns        source column names to target names, for expression defaults that name columns
     */
    public static Converted convert(Column column, MySqlColumnCast cast, boolean quotesLiterals, Function<String, String> columns) {
        String raw = column.defaultValue();
        if (raw == null || cast.identity() || column.generated()) {
            return Converted.none();
        }
        String text = raw.trim();
        boolean literal;
        String value;
        if (quotesLiterals) {
            if (text.equalsIgnoreCase("NULL")) {
                return Converted.none();
            }
            if (text.startsWith("'")) {
                int[] end = new int[1];
                value = MySqlExpressions.string(text, 0, end);
                literal = value != null && end[0] == text.length();
                if (!literal) {
                    value = text;
                }
            } else {
                literal = NUMBER.matcher(text).matches() || BITS.matcher(text).matches();
                value = text;
            }
        } else {
            literal = !column.defaultIsExpression() && !NOW.matcher(text.toLowerCase(Locale.ROOT)).matches();
            value = text;
        }
        if (!literal) {
            return expression(column, cast, text, columns);
        }
        return literalDefault(column, cast, value);
    }

    private static Converted expression(Column column, MySqlColumnCast cast, String text, Function<String, String> columns) {
        String lower = text.toLowerCase(Locale.ROOT);
        String unwrapped = lower.startsWith("(") && lower.endsWith(")") ? lower.substring(1, lower.length() - 1).trim() : lower;
        if (NOW.matcher(unwrapped).matches()) {
            return new Converted(cast.kind() == Kind.DATE ? "CURRENT_DATE" : "now()", false, CheckStatus.PASS, null);
        }
        if (TODAY.matcher(unwrapped).matches()) {
            return new Converted("CURRENT_DATE", false, CheckStatus.PASS, null);
        }
        if (unwrapped.matches("uuid\\s*\\(\\s*\\)")) {
            return new Converted(cast.kind() == Kind.UUID ? "gen_random_uuid()" : "gen_random_uuid()::text", false, CheckStatus.WARN,
                    "default uuid() becomes gen_random_uuid(): random (version 4) UUIDs, where MySQL makes time-based (version 1) ones");
        }
        // MySQL 8 may show an expression default in the parentheses it was written in; one pair is added back below.
        String inner = text.startsWith("(") && text.endsWith(")") && balanced(text.substring(1, text.length() - 1))
                ? text.substring(1, text.length() - 1) : text;
        Optional<String> translated = MySqlExpressions.translate(inner, columns);
        if (translated.isPresent() && cast.kind() != Kind.BOOLEAN && cast.kind() != Kind.NONE) {
            return new Converted("(" + translated.get() + ")", false, CheckStatus.PASS, null);
        }
        return new Converted(null, false, CheckStatus.WARN, "default " + text + " is not converted (no mechanical translation): "
                + "write it as a PostgreSQL expression by hand (ALTER TABLE ... ALTER COLUMN ... SET DEFAULT ...)");
    }

    private static Converted literalDefault(Column column, MySqlColumnCast cast, String value) {
        Matcher bits = BITS.matcher(value);
        switch (cast.kind()) {
            case BOOLEAN:
                Boolean truth = bits.matches() ? Long.parseLong("0" + bits.group(1), 2) != 0
                        : NUMBER.matcher(value).matches() ? Double.parseDouble(value) != 0 : null;
                return truth == null ? dropped(value, "is not a number") : new Converted(truth.toString(), false, CheckStatus.PASS, null);
            case SMALLINT:
            case INTEGER:
            case BIGINT:
            case NUMERIC:
            case REAL:
            case DOUBLE:
                if (bits.matches()) {
                    return new Converted(Long.toString(Long.parseLong("0" + bits.group(1), 2)), false, CheckStatus.PASS, null);
                }
                return NUMBER.matcher(value).matches() ? new Converted(value, false, CheckStatus.PASS, null) : dropped(value, "is not a number");
            case BIT_VARYING:
                String digits = bits.matches() ? bits.group(1)
                        : NUMBER.matcher(value).matches() ? Long.toBinaryString(Long.parseLong(value)) : null;
                if (digits == null) {
                    return dropped(value, "is not a bit string");
                }
                int width = column.precision() == null ? digits.length() : column.precision();
                String padded = "0".repeat(Math.max(0, width - digits.length())) + digits;
                return new Converted("B'" + padded.substring(Math.max(0, padded.length() - width)) + "'", false, CheckStatus.PASS, null);
            case DATE:
            case TIMESTAMP:
            case TIMESTAMPTZ:
                Matcher date = ZERO_DATE.matcher(value);
                if (date.matches() && (date.group(1).equals("0000") || date.group(2).equals("00") || date.group(3).equals("00"))) {
                    boolean dropNotNull = !column.nullable();
                    return new Converted(null, dropNotNull, CheckStatus.WARN, "default '" + value + "' dropped: PostgreSQL has no zero date"
                            + (dropNotNull ? "; NOT NULL dropped too, so rows holding zero dates load as NULL (set it again once none is left)" : ""));
                }
                return new Converted(literal(value), false, CheckStatus.PASS, null);
            case BYTEA:
                return new Converted(literal("\\x" + HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8))), false, CheckStatus.PASS, null);
            case NONE:
                return Converted.none();
            default:
                return new Converted(literal(value), false, CheckStatus.PASS, null);
        }
    }

    /** Whether every parenthesis in {@code text} closes within it (so outer ones around it are a pair). */
    private static boolean balanced(String text) {
        int depth = 0;
        for (char c : text.toCharArray()) {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private static Converted dropped(String value, String why) {
        return new Converted(null, false, CheckStatus.WARN, "default " + value + " " + why + " for the target type: dropped");
    }
}
