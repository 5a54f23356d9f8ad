package dmsrunbook.database.mysql;

import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.PreflightContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tables the source user cannot read are missing from MySQL's and MariaDB's {@code information_schema} (and from
 * {@code SHOW TABLES}), so a selection rule like {@code shop.%} silently matches fewer tables than the schema holds,
 * and DMS would leave them behind. Where the user may read InnoDB's own table list (PROCESS), the tables the rules
 * match there are compared with those it sees; otherwise its grants say where the view is partial: a schema it reads
 * table by table, or one the rules name where it has no grant at all.
 */
public final class MySqlHiddenTables {

    private static final String SIDE = "source";
    private static final String CHECK = "hidden tables";
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "information_schema", "performance_schema", "sys");
    private static final Pattern GRANT = Pattern.compile("^GRANT (.+?) ON (?:TABLE )?(\\S+) TO ", Pattern.CASE_INSENSITIVE);
    /** InnoDB's lists need PROCESS: MariaDB's INNODB_SYS_TABLES, MySQL 8's INNODB_TABLES; names are schema/table. */
    private static final List<String> INNODB_LISTS = List.of("SELECT NAME FROM information_schema.INNODB_SYS_TABLES",
            "SELECT NAME FROM information_schema.INNODB_TABLES");

    public CheckResult run(Connection source, PreflightContext context) throws SQLException {
        Grants grants = grants(source);
        if (grants.readsEverything()) {
            return CheckResult.pass(SIDE, CHECK, context.sourceUser() + " may read every table (SELECT on *.*), so every table is visible");
        }
        Optional<List<TableName>> everyTable = innodbTables(source);
        if (everyTable.isPresent()) {
            List<TableName> hidden = context.spec().mappings().select(everyTable.get()).stream()
                    .filter(table -> !context.selects(table)).toList();
            if (hidden.isEmpty()) {
                return CheckResult.pass(SIDE, CHECK, "every table the rules match in InnoDB's own list is visible to " + context.sourceUser());
            }
            return CheckResult.warn(SIDE, CHECK, "the selection rules match " + hidden.size() + " more tables than " + context.sourceUser()
                            + " can see (information_schema hides them, so DMS would leave them behind): "
                            + hidden.stream().map(TableName::toString).collect(Collectors.joining(", ")),
                    hidden.stream().map(t -> "GRANT SELECT ON " + t.quoted('`') + " TO '" + context.sourceUser() + "'@'%';")
                            .collect(Collectors.joining(" ")));
        }
        Set<String> partial = new TreeSet<>();
        Set<String> unseen = new TreeSet<>();
        for (String schema : candidateSchemas(context, grants)) {
            if (grants.readsSchema(schema)) {
                continue;
            }
            if (grants.tablesIn(schema).isEmpty()) {
                unseen.add(schema);
            } else {
                partial.add(schema);
            }
        }
        if (partial.isEmpty() && unseen.isEmpty()) {
            return CheckResult.pass(SIDE, CHECK, context.sourceUser() + " may read every table of the schemas the rules select");
        }
        List<String> what = new ArrayList<>();
        if (!partial.isEmpty()) {
            what.add(context.sourceUser() + " reads " + String.join(", ", partial) + " table by table (SELECT on "
                    + partial.stream().flatMap(s -> grants.tablesIn(s).stream()).sorted().collect(Collectors.joining(", "))
                    + " only): tables it has no grant on are invisible to it, so the rules may match fewer tables than exist");
        }
        if (!unseen.isEmpty()) {
            what.add("the rules name " + String.join(", ", unseen) + ", where " + context.sourceUser() + " has no SELECT grant: "
                    + "it cannot see those tables at all");
        }
        Set<String> toGrant = new TreeSet<>(partial);
        toGrant.addAll(unseen);
        return CheckResult.warn(SIDE, CHECK, String.join("; ", what),
                toGrant.stream().map(s -> "GRANT SELECT ON `" + s.replace("`", "``") + "`.* TO '" + context.sourceUser() + "'@'%';")
                        .collect(Collectors.joining(" "))
                        + " (or GRANT PROCESS ON *.* TO '" + context.sourceUser() + "'@'%'; so the preflight can list every InnoDB table)");
    }

    /** The schemas the include rules could select: those they name literally, and those the user has grants in. */
    private static Set<String> candidateSchemas(PreflightContext context, Grants grants) {
        Set<String> known = new LinkedHashSet<>(grants.schemasNamed());
        context.selectedTables().forEach(t -> known.add(t.schema()));
        Set<String> candidates = new TreeSet<>();
        for (String pattern : context.spec().mappings().schemaPatterns()) {
            if (!pattern.contains("%")) {
                candidates.add(pattern);
            }
            // A DMS object-locator name: % stands for any run of characters, everything else for itself.
            Pattern schemaPattern = Pattern.compile(Arrays.stream(pattern.split("%", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
            known.stream().filter(s -> schemaPattern.matcher(s).matches()).forEach(candidates::add);
        }
        candidates.removeIf(s -> SYSTEM_SCHEMAS.contains(s.toLowerCase(Locale.ROOT)));
        return candidates;
    }

    private static Optional<List<TableName>> innodbTables(Connection source) {
        for (String query : INNODB_LISTS) {
            List<TableName> tables = new ArrayList<>();
            try (Statement statement = source.createStatement(); ResultSet rows = statement.executeQuery(query)) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    int slash = name.indexOf('/');
                    // Partitions (#P#), temporary tables (#sql) and InnoDB's own tables have no place in a selection.
                    if (slash > 0 && !name.contains("#")) {
                        String schema = decode(name.substring(0, slash));
                        if (!SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT))) {
                            tables.add(new TableName(schema, decode(name.substring(slash + 1))));
                        }
                    }
                }
                return Optional.of(tables);
            } catch (SQLException e) {
                // No PROCESS privilege (1227), or not this server's list (1109): try the next, then fall back to the grants.
            }
        }
        return Optional.empty();
    }

    /** InnoDB writes names as file names: characters outside [A-Za-z0-9_] as @xxxx (hex code point). */
    private static String decode(String fileName) {
        Matcher escape = Pattern.compile("@([0-9a-fA-F]{4})").matcher(fileName);
        StringBuilder name = new StringBuilder();
        while (escape.find()) {
            escape.appendReplacement(name, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(escape.group(1), 16))));
        }
        escape.appendTail(name);
        return name.toString();
    }

    private static Grants grants(Connection source) throws SQLException {
        List<String> lines = new ArrayList<>();
        // SHOW GRANTS without FOR: the user's grants and those of its current role (MariaDB), as they apply now.
        try (Statement statement = source.createStatement(); ResultSet rows = statement.executeQuery("SHOW GRANTS")) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return Grants.of(lines);
    }

    /** The SELECT the user holds: on everything, on whole schemas (their names may be LIKE patterns), on single tables. */
    private record Grants(boolean readsEverything, List<String> schemaPatterns, List<TableName> tables) {

        static Grants of(List<String> lines) {
            boolean everything = false;
            List<String> schemas = new ArrayList<>();
            List<TableName> tables = new ArrayList<>();
            for (String line : lines) {
                Matcher grant = GRANT.matcher(line);
                if (!grant.find()) {
                    continue;
                }
                String privileges = grant.group(1).toUpperCase(Locale.ROOT);
                // Column grants (SELECT (a, b)) do not let DMS read the table; the select privilege check says so.
                boolean reads = privileges.contains("ALL PRIVILEGES") || Pattern.compile("(^|, )SELECT(,|$)").matcher(privileges).find();
                String object = grant.group(2);
                if (!reads || object.toUpperCase(Locale.ROOT).matches("^(PROCEDURE|FUNCTION|PACKAGE).*")) {
                    continue;
                }
                if (object.equals("*.*")) {
                    everything = true;
                    continue;
                }
                int dot = schemaEnd(object);
                if (dot >= object.length()) {
                    continue;
                }
                String schema = unquote(object.substring(0, dot));
                String table = object.substring(dot + 1);
                if (table.equals("*")) {
                    schemas.add(schema);
                } else {
                    tables.add(new TableName(schema, unquote(table)));
                }
            }
            return new Grants(everything, schemas, tables);
        }

        /** Where the schema of a grant's object ends: the first dot outside backticks (a backtick inside doubled). */
        private static int schemaEnd(String object) {
            boolean quoted = false;
            for (int i = 0; i < object.length(); i++) {
                if (object.charAt(i) == '`') {
                    quoted = !quoted;
                } else if (object.charAt(i) == '.' && !quoted) {
                    return i;
                }
            }
            return object.length();
        }

        private static String unquote(String name) {
            return name.startsWith("`") && name.endsWith("`") ? name.substring(1, name.length() - 1).replace("``", "`") : name;
        }

        boolean readsSchema(String schema) {
            return schemaPatterns.stream().anyMatch(pattern -> like(pattern, schema));
        }

        List<String> tablesIn(String schema) {
            return tables.stream().filter(t -> t.schema().equals(schema)).map(TableName::toString).toList();
        }

        Set<String> schemasNamed() {
            Set<String> schemas = new LinkedHashSet<>();
            tables.forEach(t -> schemas.add(t.schema()));
            schemaPatterns.stream().filter(p -> !p.contains("%") && !p.replace("\\_", "").contains("_")).map(p -> p.replace("\\_", "_"))
                    .forEach(schemas::add);
            return schemas;
        }

        /** A database name in a grant is a LIKE pattern: % and _ are wildcards, \_ and \% are themselves. */
        private static boolean like(String pattern, String name) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\\' && i + 1 < pattern.length()) {
                    regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                } else if (c == '%') {
                    regex.append(".*");
                } else if (c == '_') {
                    regex.append('.');
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return name.matches(regex.toString());
        }
    }
}
