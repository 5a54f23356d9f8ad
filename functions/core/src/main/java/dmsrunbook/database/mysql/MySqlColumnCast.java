package dmsrunbook.database.mysql;

import dmsrunbook.database.mysql.MySqlTypeCasts.CastRule;
import dmsrunbook.preflight.CheckStatus;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one MySQL column becomes on PostgreSQL ({@link MySqlTypeCasts#cast}): the PostgreSQL type (null for an enum
 * type, which the conversion names after the target table and column, and for a column that is not converted), the
 * kind of value it holds (what defaults, data checks and loaders go by), the cast table's rule that applied (null for a
 * user override), the enum or set labels, whether it becomes an identity column, the collation it gets ({@code "C"}
 * for MySQL's binary collations, else null: the database's), whether the source compares it without case, and how the
 * report flags it (with the note saying what differs, or the fix).
 */
public record MySqlColumnCast(String type, Kind kind, CastRule rule, List<String> labels, boolean identity, String collation,
                              boolean caseInsensitive, CheckStatus status, String note) {

    /** The kinds of PostgreSQL values a MySQL column turns into. */
    public enum Kind {
        BOOLEAN, SMALLINT, INTEGER, BIGINT, NUMERIC, REAL, DOUBLE, CHAR, VARCHAR, TEXT, BYTEA, DATE, TIMESTAMP, TIMESTAMPTZ, TIME,
        BIT_VARYING, JSONB, UUID, INET,
        /** A PostgreSQL enum type of its own. */
        ENUM_TYPE,
        /** text, with a check listing the enum's labels. */
        ENUM_CHECK,
        /** text, with a check that every comma-separated member is one of the set's labels. */
        SET_CHECK,
        /** A user override the conversion cannot classify (e.g. a PostGIS geometry). */
        OTHER,
        /** Not converted: the column is not created. */
        NONE;

        private static final Pattern LENGTH = Pattern.compile("\\(\\s*(\\d+)");

        /** The kind of a PostgreSQL type as a user writes it in an override. */
        public static Kind of(String postgresType) {
            String type = postgresType.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            String bare = type.replaceAll("\\s*\\(.*\\)", "").replace("pg_catalog.", "");
            if (bare.endsWith("[]")) {
                return OTHER;
            }
            return switch (bare) {
                case "boolean", "bool" -> BOOLEAN;
                case "smallint", "int2" -> SMALLINT;
                case "integer", "int", "int4" -> INTEGER;
                case "bigint", "int8" -> BIGINT;
                case "numeric", "decimal" -> NUMERIC;
                case "real", "float4" -> REAL;
                case "double precision", "float8", "float" -> DOUBLE;
                case "char", "character", "bpchar" -> CHAR;
                case "varchar", "character varying" -> VARCHAR;
                case "text", "citext" -> TEXT;
                case "bytea" -> BYTEA;
                case "date" -> DATE;
                case "timestamp", "timestamp without time zone" -> TIMESTAMP;
                case "timestamptz", "timestamp with time zone" -> TIMESTAMPTZ;
                case "time", "time without time zone" -> TIME;
                case "bit varying", "varbit", "bit" -> BIT_VARYING;
                case "jsonb", "json" -> JSONB;
                case "uuid" -> UUID;
                case "inet" -> INET;
                default -> OTHER;
            };
        }

        /** The length in an override such as {@code varchar(20)}, or null. */
        public static Integer lengthOf(String postgresType) {
            Matcher matcher = LENGTH.matcher(postgresType);
            return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
        }

        public boolean integer() {
            return this == SMALLINT || this == INTEGER || this == BIGINT;
        }

        public boolean textual() {
            return this == CHAR || this == VARCHAR || this == TEXT || this == ENUM_CHECK || this == SET_CHECK;
        }

        /** The smallest and largest value of an integer kind. */
        public long min() {
            return switch (this) {
                case SMALLINT -> Short.MIN_VALUE;
                case INTEGER -> Integer.MIN_VALUE;
                case BIGINT -> Long.MIN_VALUE;
                default -> throw new IllegalStateException(this + " is not an integer kind");
            };
        }

        public long max() {
            return switch (this) {
                case SMALLINT -> Short.MAX_VALUE;
                case INTEGER -> Integer.MAX_VALUE;
                case BIGINT -> Long.MAX_VALUE;
                default -> throw new IllegalStateException(this + " is not an integer kind");
            };
        }
    }

    public MySqlColumnCast {
        labels = List.copyOf(labels);
    }

    public boolean converted() {
        return kind != Kind.NONE;
    }

    /** Whether the type came from the spec's {@code conversion.typeOverrides}. */
    public boolean overridden() {
        return rule == null && kind != Kind.NONE;
    }
}
