package dmsrunbook.lake;

import dmsrunbook.lake.layout.TableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code LAKE_TABLES}: entries {@code schema.table:key[,key...]} separated by {@code ;}. A schema, table or key
 * name holding a dot, a quote or a separator ({@code : ; ,}) is written in double quotes, a quote inside doubled:
 * {@code "my.schema".orders:id}. An unquoted name ends at the first dot, so {@code my.schema.orders:id} is refused
 * (naming the quoting) rather than read as another table. Blanks around names are ignored.
 */
final class LakeTableList {

    static final String EXAMPLE = "e.g. public.orders:id; quote a name holding a dot: \"my.schema\".orders:id";

    private final String spec;
    private int at;

    private LakeTableList(String spec) {
        this.spec = spec;
    }

    /**
     * The tables and their keys.
     *
     * @param tables   each table's primary key columns, in the order given
     * @param problems what could not be read, one line per entry, naming the fix
     */
    record Parsed(Map<TableName, List<String>> tables, List<String> problems) {
    }

    static Parsed parse(String spec) {
        return new LakeTableList(spec == null ? "" : spec).entries();
    }

    private Parsed entries() {
        Map<TableName, List<String>> tables = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        while (at < spec.length()) {
            skipBlanks();
            if (at >= spec.length()) {
                break;
            }
            if (spec.charAt(at) == ';') {
                at++;
                continue;
            }
            int start = at;
            try {
                Entry entry = entry();
                if (tables.containsKey(entry.table())) {
                    problems.add("LAKE_TABLES names " + entry.table() + " twice -> keep one entry per table");
                }
                tables.putIfAbsent(entry.table(), entry.keys());
            } catch (IllegalArgumentException e) {
                at = entryEnd(start);
                problems.add("LAKE_TABLES entry '" + spec.substring(start, at).trim() + "' is not schema.table:key[,key] -> "
                        + e.getMessage());
            }
        }
        return new Parsed(tables, problems);
    }

    private record Entry(TableName table, List<String> keys) {
    }

    /** One entry from {@link #at}; leaves {@link #at} on the {@code ;} after it or at the end. */
    private Entry entry() {
        String schema = name();
        expect('.', "no '.' between schema and table: " + EXAMPLE);
        String table = name();
        if (at < spec.length() && spec.charAt(at) == '.') {
            throw new IllegalArgumentException("more than one '.' before ':': " + EXAMPLE);
        }
        expect(':', "no ':' before the key columns: " + EXAMPLE);
        List<String> keys = new ArrayList<>();
        keys.add(name());
        while (at < spec.length() && spec.charAt(at) == ',') {
            at++;
            keys.add(name());
        }
        if (at < spec.length() && spec.charAt(at) != ';') {
            throw new IllegalArgumentException("unexpected '" + spec.charAt(at) + "' after the key columns: " + EXAMPLE);
        }
        return new Entry(new TableName(schema, table), List.copyOf(keys));
    }

    /** A name, quoted or not, with the blanks around it skipped. */
    private String name() {
        skipBlanks();
        StringBuilder name = new StringBuilder();
        if (at < spec.length() && spec.charAt(at) == '"') {
            at++;
            while (true) {
                if (at >= spec.length()) {
                    throw new IllegalArgumentException("a quoted name has no closing '\"': " + EXAMPLE);
                }
                char c = spec.charAt(at++);
                if (c == '"') {
                    if (at < spec.length() && spec.charAt(at) == '"') {
                        name.append('"');
                        at++;
                        continue;
                    }
                    break;
                }
                name.append(c);
            }
            skipBlanks();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a name is empty: " + EXAMPLE);
            }
            return name.toString();
        }
        while (at < spec.length() && ".:;,\"".indexOf(spec.charAt(at)) < 0) {
            name.append(spec.charAt(at++));
        }
        String plain = name.toString().strip();
        if (plain.isEmpty()) {
            throw new IllegalArgumentException("a name is empty: " + EXAMPLE);
        }
        if (at < spec.length() && spec.charAt(at) == '"') {
            throw new IllegalArgumentException("a quote inside an unquoted name: quote the whole name, a quote in it doubled (\"a\"\"b\")");
        }
        return plain;
    }

    private void expect(char wanted, String problem) {
        if (at >= spec.length() || spec.charAt(at) != wanted) {
            throw new IllegalArgumentException(problem);
        }
        at++;
    }

    private void skipBlanks() {
        while (at < spec.length() && Character.isWhitespace(spec.charAt(at))) {
            at++;
        }
    }

    /** Where the entry starting at {@code start} ends: the next {@code ;} outside quotes, or the end. */
    private int entryEnd(int start) {
        boolean quoted = false;
        for (int i = start; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return spec.length();
    }
}
