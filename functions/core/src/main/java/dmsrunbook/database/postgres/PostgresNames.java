package dmsrunbook.database.postgres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * PostgreSQL's rules for names built in Java: at most 63 bytes (longer names are cut by the server, so two long names
 * could meet), the reserved key words (a column named one of them must be quoted in every query), and names an
 * application can write unquoted (lower case). The plan quotes every name anyway; these rules decide what to warn about
 * and how generated names (indexes, types, trigger functions) stay distinct.
 */
public final class PostgresNames {

    /** NAMEDATALEN - 1. */
    public static final int MAX_BYTES = 63;

    /** pg_get_keywords() with catcode 'R' (reserved) or 'T' (reserved, can be a function or type name), PostgreSQL 15. */
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
            "authorization", "binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint",
            "create", "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time", "current_timestamp",
            "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
            "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect", "into",
            "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not",
            "notnull", "null", "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary", "references",
            "returning", "right", "select", "session_user", "similar", "some", "symmetric", "table", "tablesample", "then", "to",
            "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window", "with");

    private PostgresNames() {
    }

    public static boolean reserved(String name) {
        return RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Whether an application can write the name without quotes and reach it: lower case, a plain word, not reserved. */
    public static boolean plain(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") && !reserved(name);
    }

    public static boolean tooLong(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }

    /** The name, or when it is over 63 bytes its first bytes and a hash of the whole, so distinct names stay distinct. */
    public static String fit(String name) {
        if (!tooLong(name)) {
            return name;
        }
        String hash = "_" + shortHash(name);
        StringBuilder cut = new StringBuilder();
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            String next = new String(Character.toChars(codePoint));
            if ((cut + next + hash).getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                break;
            }
            cut.append(next);
            i += Character.charCount(codePoint);
        }
        return cut + hash;
    }

    private static String shortHash(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Names in one PostgreSQL namespace (a schema's relations, or its types), handing out a name not yet taken:
     * the wanted one, else it with {@code _2}, {@code _3} ... (each fitted to 63 bytes).
     */
    public static final class Namespace {

        private final Set<String> taken = new HashSet<>();

        /** Marks a name as taken (a table); false when it already was. */
        public boolean take(String name) {
            return taken.add(name);
        }

        public boolean taken(String name) {
            return taken.contains(name);
        }

        public String unique(String wanted) {
            String name = fit(wanted);
            for (int n = 2; !taken.add(name); n++) {
                name = fit(wanted + "_" + n);
            }
            return name;
        }
    }
}
