package dmsrunbook.mapping;

import java.util.Optional;

/**
 * Reads and writes a table named in one string of the spec, {@code schema.table}: a schema or table name holding a dot
 * or a double quote is written in double quotes, a quote inside doubled ({@code "my.schema".orders}). An unquoted
 * name ends at the first dot, so {@code my.schema.orders} is refused as ambiguous rather than split at a guess. Names
 * are kept as written (no case folding): they must match the catalog's spelling.
 */
public final class QualifiedNameText {

    /** The fix for a text that names no table at all. */
    public static final String TABLE_FIX = "name the source table as \"schema.table\" (for MySQL, \"database.table\")";
    /** The fix for a name holding a dot or a quote. */
    public static final String QUOTE_FIX = "write a schema or table name holding a dot in double quotes, a quote in it doubled, "
            + "e.g. \"my.schema\".orders";

    /** The problem of a text without a schema and a table: the same words as for any other malformed field. */
    static final String NOT_A_TABLE = "is not a table name";

    private final String text;
    private int at;

    private QualifiedNameText(String text) {
        this.text = text;
    }

    /** The table named by {@code text}, or why it names none (one short sentence, without the fix). */
    public static Result parse(String text) {
        if (text == null) {
            return Result.problem(NOT_A_TABLE);
        }
        try {
            return Result.of(new QualifiedNameText(text).table());
        } catch (IllegalArgumentException e) {
            return Result.problem(e.getMessage());
        }
    }

    /** The table in the form {@link #parse} reads back: each part quoted only when it holds a dot, a quote or blanks at its ends. */
    public static String write(TableName table) {
        return part(table.schema()) + "." + part(table.table());
    }

    /** One name part as {@link #write} spells it. */
    static String part(String name) {
        boolean plain = !name.isEmpty() && name.indexOf('.') < 0 && name.indexOf('"') < 0 && name.strip().equals(name);
        return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * A parsed table name, or the reason there is none.
     *
     * @param problem what is wrong with the text, one short phrase without the fix (null when it names a table)
     * @param fix     how to write the table so it is read (null when it names a table)
     */
    public record Result(Optional<TableName> table, String problem, String fix) {

        static Result of(TableName table) {
            return new Result(Optional.of(table), null, null);
        }

        static Result problem(String problem) {
            boolean noTable = problem.equals(NOT_A_TABLE);
            return new Result(Optional.empty(), problem, noTable ? TABLE_FIX : QUOTE_FIX);
        }
    }

    private TableName table() {
        String schema = name();
        if (at >= text.length() || text.charAt(at) != '.') {
            throw new IllegalArgumentException(NOT_A_TABLE);
        }
        at++;
        String table = name();
        if (at < text.length()) {
            throw new IllegalArgumentException(text.charAt(at) == '.'
                    ? "has more than one '.', so it is not clear where the schema ends"
                    : "has '" + text.charAt(at) + "' after the table name");
        }
        return new TableName(schema, table);
    }

    /** A name from {@link #at}, quoted or not; leaves {@link #at} after it. */
    private String name() {
        StringBuilder name = new StringBuilder();
        if (at < text.length() && text.charAt(at) == '"') {
            at++;
            while (true) {
                if (at >= text.length()) {
                    throw new IllegalArgumentException("has a quoted name without its closing '\"'");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    if (at < text.length() && text.charAt(at) == '"') {
                        name.append('"');
                        at++;
                        continue;
                    }
                    break;
                }
                name.append(c);
            }
        } else {
            while (at < text.length() && text.charAt(at) != '.' && text.charAt(at) != '"') {
                name.append(text.charAt(at++));
            }
            if (at < text.length() && text.charAt(at) == '"') {
                throw new IllegalArgumentException("has a quote inside an unquoted name");
            }
        }
        if (name.isEmpty() || name.toString().isBlank()) {
            throw new IllegalArgumentException("has an empty name");
        }
        return name.toString();
    }
}
