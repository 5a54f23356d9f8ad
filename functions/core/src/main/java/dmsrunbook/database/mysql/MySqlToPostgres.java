package dmsrunbook.database.mysql;

import static dmsrunbook.database.postgres.PostgresQuoting.identifier;
import static dmsrunbook.database.postgres.PostgresQuoting.literal;
import static dmsrunbook.database.postgres.PostgresQuoting.qualified;
import static dmsrunbook.database.postgres.PostgresQuoting.qualifiedLiteral;

import dmsrunbook.database.mysql.MySqlCatalog.Check;
import dmsrunbook.database.mysql.MySqlCatalog.Column;
import dmsrunbook.database.mysql.MySqlCatalog.ForeignKey;
import dmsrunbook.database.mysql.MySqlCatalog.Index;
import dmsrunbook.database.mysql.MySqlCatalog.IndexPart;
import dmsrunbook.database.mysql.MySqlCatalog.Table;
import dmsrunbook.database.mysql.MySqlColumnCast.Kind;
import dmsrunbook.database.postgres.PostgresNames;
import dmsrunbook.mapping.TableMappings;
import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.schema.ObjectConversion;
import dmsrunbook.schema.ObjectKind;
import dmsrunbook.schema.ObjectName;
import dmsrunbook.schema.SchemaConversion;
import dmsrunbook.schema.SchemaObject;
import dmsrunbook.schema.SchemaPlan;
import dmsrunbook.schema.SchemaStatement;
import dmsrunbook.schema.SchemaStatement.Action;
import dmsrunbook.spec.ConversionSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Converts the selected tables of a {@link MySqlCatalog} into a PostgreSQL {@link SchemaPlan}, as pgloader converts a
 * MySQL schema, with every name the target gets from the spec's DMS mappings (schema and table rules: rename, case,
 * prefix, suffix; column rules: the same, and remove-column), every statement idempotent (a done check each), and
 * what no mechanical conversion carries listed with its source text.
 *
 * <p>Pre-data: the target schemas, enum types ({@code <table>_<column>}), tables with their converted columns
 * ({@link MySqlTypeCasts}), defaults ({@link MySqlDefaults}), NOT NULL, AUTO_INCREMENT as identity columns starting at
 * the table's AUTO_INCREMENT, primary keys, comments.
 *
 * <p>Post-data, after the load: unique and secondary indexes, check constraints (translated by {@link
 * MySqlExpressions}; MariaDB's json_valid checks are dropped, jsonb enforces them; enum and set columns held as text get
 * checks listing their labels), foreign keys (added NOT VALID, validated last), the {@code ON UPDATE
 * CURRENT_TIMESTAMP} columns' trigger function and trigger, and each identity moved past the largest loaded id.
 *
 * <p>Indexes: a FULLTEXT index becomes a GIN index on {@code to_tsvector('simple', ...)} of its columns ('simple': no
 * stemming and no stop words, the closest to MySQL's built-in parser); queries using MATCH ... AGAINST must be
 * rewritten to use that expression. A prefix index part ({@code col(n)}) becomes {@code left(col, n)} in an
 * expression index when the index is unique (the same rule: the first n characters are unique) or the column is
 * unbounded (text, blob: a whole value could pass btree's entry limit of about 2,700 bytes); in a non-unique index on a
 * bounded column it becomes the whole column, which serves the same queries (equality, range, LIKE 'prefix%') where an
 * expression index on left() would only serve queries that repeat the expression. HASH indexes become btree; SPATIAL
 * indexes and MySQL 8's functional key parts need a person.
 *
 * <p>Names: every name is double-quoted in the plan, so case and reserved words reach PostgreSQL as they are; a table
 * or column that an application could not write unquoted (capitals, reserved words) is flagged, with a DMS
 * convert-lowercase rule as the usual fix. Index names stay MySQL's when free in the target schema (PostgreSQL's index
 * names are per schema, MySQL's per table), else become {@code <table>_<index>}; names over 63 bytes are cut with a
 * hash.
 */
public final class MySqlToPostgres {

    /** btree refuses entries over about 2,700 bytes; a varchar(n) of 4-byte characters up to this stays indexable whole. */
    private static final int WHOLE_COLUMN_INDEX_LIMIT_CHARACTERS = 500;
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+).*");

    private MySqlToPostgres() {
    }

    /** The conversion of the tables {@code mappings} selects, named as they name them on the target. */
    public static SchemaConversion convert(MySqlCatalog catalog, TableMappings mappings, ConversionSpec spec) {
        return new Conversion(catalog, mappings, spec).run();
    }

    /** Whether the server writes literal defaults quoted in information_schema (MariaDB 10.2.7 and later). */
    static boolean quotesLiteralDefaults(MySqlCatalog catalog) {
        if (!catalog.mariaDb()) {
            return false;
        }
        var matcher = VERSION.matcher(catalog.version());
        if (!matcher.matches()) {
            return true;
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        int patch = Integer.parseInt(matcher.group(3));
        return major > 10 || major == 10 && (minor > 2 || minor == 2 && patch >= 7);
    }

    /** A selected table with its target name and each column's target name and cast. */
    private static final class Planned {
        final Table table;
        final ObjectName target;
        final Map<String, String> columnNames = new LinkedHashMap<>();
        final Map<String, MySqlColumnCast> casts = new LinkedHashMap<>();
        final Map<String, String> enumTypes = new HashMap<>();

        Planned(Table table, ObjectName target) {
            this.table = table;
            this.target = target;
        }

        /** The target name of a source column, or null when it is not on the target (removed, or not converted). */
        String targetColumn(String sourceColumn) {
            for (var entry : columnNames.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(sourceColumn)) {
                    MySqlColumnCast cast = casts.get(entry.getKey());
                    return cast != null && cast.converted() ? entry.getValue() : null;
                }
            }
            return null;
        }

        MySqlColumnCast cast(String sourceColumn) {
            for (var entry : casts.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(sourceColumn)) {
                    return entry.getValue();
                }
            }
            return null;
        }
    }

    private static final class Conversion {

        private final MySqlCatalog catalog;
        private final TableMappings mappings;
        private final ConversionSpec spec;
        private final boolean quotesLiterals;
        private final List<ObjectConversion> objects = new ArrayList<>();
        private final List<String> notCarried = new ArrayList<>();
        private final List<SchemaStatement> schemas = new ArrayList<>();
        private final List<SchemaStatement> types = new ArrayList<>();
        private final List<SchemaStatement> tables = new ArrayList<>();
        private final List<SchemaStatement> primaryKeys = new ArrayList<>();
        private final List<SchemaStatement> indexes = new ArrayList<>();
        private final List<SchemaStatement> checks = new ArrayList<>();
        private final List<SchemaStatement> foreignKeys = new ArrayList<>();
        private final List<SchemaStatement> triggers = new ArrayList<>();
        private final List<SchemaStatement> identities = new ArrayList<>();
        private final List<SchemaStatement> validations = new ArrayList<>();
        private final Map<ObjectName, String> tableDefinitions = new TreeMap<>();
        private final Map<String, PostgresNames.Namespace> relations = new HashMap<>();
        private final Map<String, PostgresNames.Namespace> typeNames = new HashMap<>();
        private final Map<String, PostgresNames.Namespace> functions = new HashMap<>();
        private final Map<TableName, Planned> planned = new LinkedHashMap<>();

        Conversion(MySqlCatalog catalog, TableMappings mappings, ConversionSpec spec) {
            this.catalog = catalog;
            this.mappings = mappings;
            this.spec = spec;
            this.quotesLiterals = quotesLiteralDefaults(catalog);
        }

        SchemaConversion run() {
            nameTables();
            schemaNotes();
            for (Planned table : planned.values()) {
                table(table);
            }
            for (Planned table : planned.values()) {
                postData(table);
            }
            needsAPerson();
            List<SchemaStatement> pre = new ArrayList<>(schemas);
            pre.addAll(types);
            pre.addAll(tables);
            pre.addAll(primaryKeys);
            List<SchemaStatement> post = new ArrayList<>(indexes);
            post.addAll(checks);
            post.addAll(foreignKeys);
            post.addAll(triggers);
            post.addAll(identities);
            post.addAll(validations);
            return new SchemaConversion(new SchemaPlan(pre, post, notCarried), objects, tableDefinitions);
        }

        /** Target names for the selected tables and their columns, and each column's cast. */
        private void nameTables() {
            Map<ObjectName, TableName> claimed = new HashMap<>();
            for (Table table : catalog.tables()) {
                TableName source = table.sourceName();
                if (!mappings.selects(source)) {
                    continue;
                }
                SchemaObject sourceObject = SchemaObject.of(ObjectKind.TABLE, new ObjectName(source.schema(), source.table()));
                if (!table.kind().equals("TABLE") && !table.kind().equals("SYSTEM VERSIONED")) {
                    String kind = table.kind().toLowerCase(Locale.ROOT);
                    objects.add(ObjectConversion.needsAPerson(sourceObject, kind, CheckStatus.WARN, "a MariaDB " + kind
                            + " is not a table DMS loads: create it on the target by hand (a SEQUENCE becomes CREATE SEQUENCE)", List.of()));
                    notCarried.add(sourceObject + ": needs a person (a MariaDB " + kind + ")");
                    continue;
                }
                TableName targetName = mappings.targetName(source);
                ObjectName target = new ObjectName(targetName.schema(), targetName.table());
                TableName earlier = claimed.putIfAbsent(target, source);
                if (earlier != null || PostgresNames.tooLong(target.name())) {
                    objects.add(ObjectConversion.needsAPerson(sourceObject, source.toString(), CheckStatus.FAIL, earlier != null
                            ? "the mappings name it " + target + ", as they name " + earlier + ": add a DMS rename rule for one of them"
                            : "its target name " + target + " is over PostgreSQL's 63 bytes: add a DMS rename rule", List.of()));
                    notCarried.add(sourceObject + ": not converted (its target name is taken or too long)");
                    continue;
                }
                relations(target.schema()).take(target.name());
                types(target.schema()).take(target.name()); // a table's row type shares the type namespace
                Planned plan = new Planned(table, target);
                Set<String> columnNames = new java.util.HashSet<>();
                for (Column column : table.columns()) {
                    Optional<String> name = mappings.targetColumn(source, column.name());
                    if (name.isPresent() && !columnNames.add(name.get())) {
                        plan.casts.put(column.name(), new MySqlColumnCast(null, Kind.NONE, null, List.of(), false, null, false, CheckStatus.FAIL,
                                "the mappings name another column " + name.get() + " too: add a DMS rename rule for one of them"));
                        plan.columnNames.put(column.name(), name.get());
                        continue;
                    }
                    name.ifPresent(n -> plan.columnNames.put(column.name(), n));
                    if (name.isPresent()) {
                        plan.casts.put(column.name(), MySqlTypeCasts.cast(table, column, spec));
                    }
                }
                planned.put(source, plan);
            }
            alignForeignKeyTypes();
        }

        /**
         * A referencing column takes the integer type of the key it references when the casts gave them types PostgreSQL
         * cannot compare in a foreign key (numeric(20) against a bigint identity made from bigint unsigned).
         */
        private void alignForeignKeyTypes() {
            for (Planned table : planned.values()) {
                for (ForeignKey key : table.table.foreignKeys()) {
                    Planned referenced = planned.get(key.referencedName());
                    if (referenced == null) {
                        continue;
                    }
                    for (int i = 0; i < key.columns().size(); i++) {
                        MySqlColumnCast from = table.cast(key.columns().get(i));
                        MySqlColumnCast to = referenced.cast(key.referencedColumns().get(i));
                        if (from == null || to == null || from.overridden() || from.kind() == to.kind()
                                || !(from.kind().integer() || from.kind() == Kind.NUMERIC) || !(to.kind().integer() || to.kind() == Kind.NUMERIC)
                                || from.kind() != Kind.NUMERIC && to.kind() != Kind.NUMERIC) {
                            continue;
                        }
                        String column = table.table.column(key.columns().get(i)).map(Column::name).orElseThrow();
                        table.casts.put(column, new MySqlColumnCast(to.type(), to.kind(), from.rule(), List.of(), false, null, false,
                                to.status(), "takes the type of the key it references, " + referenced.target + "."
                                + referenced.targetColumn(key.referencedColumns().get(i)) + " (" + to.type() + ")"));
                    }
                }
            }
        }

        private void schemaNotes() {
            Map<String, String> targets = new TreeMap<>();
            planned.forEach((source, table) -> targets.putIfAbsent(source.schema(), table.target.schema()));
            Set<String> created = new LinkedHashSet<>();
            for (var entry : targets.entrySet()) {
                String target = entry.getValue();
                if (created.add(target)) {
                    schemas.add(new SchemaStatement(schemaObject(target), Action.CREATE, "CREATE SCHEMA IF NOT EXISTS " + identifier(target),
                            "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = " + literal(target) + ")"));
                }
                List<String> insensitive = new ArrayList<>();
                planned.forEach((source, table) -> {
                    if (source.schema().equals(entry.getKey())) {
                        table.casts.forEach((column, cast) -> {
                            if (cast.caseInsensitive()) {
                                insensitive.add(source.table() + "." + column);
                            }
                        });
                    }
                });
                String charset = catalog.schemas().stream().filter(s -> s.name().equals(entry.getKey())).findFirst()
                        .map(s -> s.charset() + ", " + s.collation()).orElse("");
                StringBuilder note = new StringBuilder("the target database must be UTF8 (DMS converts every character set to it)");
                CheckStatus status = CheckStatus.PASS;
                if (!insensitive.isEmpty()) {
                    status = CheckStatus.WARN;
                    note.append("; ").append(insensitive.size()).append(" text columns compare without case on the source (")
                            .append(sample(insensitive)).append("): on PostgreSQL 'Bob' = 'bob' is false, unique keys on them accept both, "
                                    + "and trailing spaces count ('a' <> 'a '); use lower() in queries, the citext type or a "
                                    + "nondeterministic ICU collation where the application relies on it");
                }
                if (catalog.lowerCaseTableNames() == 2) {
                    status = CheckStatus.WARN;
                    note.append("; lower_case_table_names=2: the source compares table names without case, the target keeps each "
                            + "name's case (add a DMS convert-lowercase rule)");
                }
                objects.add(new ObjectConversion(schemaObject(entry.getKey()), charset, schemaObject(target), null,
                        ObjectConversion.Outcome.CONVERTED, status, note.toString(), List.of()));
            }
        }

        private void table(Planned plan) {
            Table table = plan.table;
            ObjectName target = plan.target;
            SchemaObject tableObject = SchemaObject.of(ObjectKind.TABLE, target);
            int tableEntry = objects.size();
            List<String> columnDefinitions = new ArrayList<>();
            List<String> tableNotes = new ArrayList<>();
            CheckStatus tableStatus = CheckStatus.PASS;
            if (!PostgresNames.plain(target.name())) {
                tableStatus = CheckStatus.WARN;
                tableNotes.add("queries must quote the name " + identifier(target.name()) + " (capitals or a reserved word): "
                        + "a DMS convert-lowercase or rename rule avoids it");
            }
            if (table.partitioned()) {
                tableStatus = CheckStatus.WARN;
                tableNotes.add("MySQL partitioning is not carried: the target table is not partitioned");
            }
            if (table.primaryKey().isEmpty()) {
                tableStatus = CheckStatus.WARN;
                tableNotes.add("no primary key: DMS cannot apply updates and deletes by key, and the data comparison is weaker");
            }
            if (table.kind().equals("SYSTEM VERSIONED")) {
                tableStatus = CheckStatus.WARN;
                tableNotes.add("system versioning is not carried: only the current rows are loaded");
            }
            List<String> rulesNotFollowed = mappings.columnRulesNotFollowed(table.sourceName());
            if (!rulesNotFollowed.isEmpty()) {
                tableStatus = CheckStatus.WARN;
                tableNotes.add("DMS column rules the converted table does not follow (" + String.join(", ", rulesNotFollowed)
                        + "): adjust the table by hand, or use conversion.typeOverrides");
            }
            List<SchemaStatement> comments = new ArrayList<>();
            List<String> onUpdate = new ArrayList<>();
            List<String> identityColumns = new ArrayList<>();
            for (Column column : table.columns()) {
                SchemaObject sourceColumn = SchemaObject.of(ObjectKind.COLUMN, sourceName(table), column.name());
                String sourceText = sourceColumnText(column);
                String name = plan.columnNames.get(column.name());
                if (name == null) {
                    objects.add(ObjectConversion.converted(sourceColumn, sourceText, null, null, "left out by a DMS remove-column rule"));
                    continue;
                }
                MySqlColumnCast cast = plan.casts.get(column.name());
                SchemaObject targetColumn = SchemaObject.of(ObjectKind.COLUMN, target, name);
                if (!cast.converted()) {
                    objects.add(ObjectConversion.needsAPerson(sourceColumn, sourceText, cast.status(), cast.note(), List.of(target)));
                    notCarried.add(sourceColumn + ": not converted (" + cast.note() + ")");
                    continue;
                }
                String type = cast.type();
                if (cast.kind() == Kind.ENUM_TYPE) {
                    String typeName = types(target.schema()).unique(target.name() + "_" + name);
                    ObjectName enumName = new ObjectName(target.schema(), typeName);
                    plan.enumTypes.put(column.name(), typeName);
                    type = qualified(enumName);
                    SchemaObject enumObject = SchemaObject.of(ObjectKind.ENUM, enumName);
                    types.add(new SchemaStatement(enumObject, Action.CREATE, "CREATE TYPE " + qualified(enumName) + " AS ENUM ("
                            + cast.labels().stream().map(l -> literal(l)).collect(Collectors.joining(", ")) + ")",
                            "SELECT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = "
                                    + literal(enumName.schema()) + " AND t.typname = " + literal(enumName.name()) + ")"));
                }
                MySqlDefaults.Converted converted = MySqlDefaults.convert(column, cast, quotesLiterals, c -> plan.targetColumn(c));
                StringBuilder definition = new StringBuilder(type);
                if (cast.collation() != null) {
                    definition.append(" COLLATE ").append(identifier(cast.collation()));
                }
                if (cast.identity()) {
                    long start = table.autoIncrement() == null || table.autoIncrement() < 1 ? 1 : table.autoIncrement();
                    definition.append(" GENERATED BY DEFAULT AS IDENTITY (START WITH ").append(start).append(")");
                    identityColumns.add(name);
                }
                if (converted.sql() != null) {
                    definition.append(" DEFAULT ").append(converted.sql());
                }
                if (!column.nullable() && !converted.dropNotNull()) {
                    definition.append(" NOT NULL");
                }
                columnDefinitions.add(identifier(name) + " " + definition);
                List<String> notes = new ArrayList<>();
                CheckStatus status = worst(cast.status(), converted.status());
                if (cast.rule() != null) {
                    notes.add(cast.rule().source() + " -> " + cast.rule().target());
                }
                if (cast.note() != null) {
                    notes.add(cast.note());
                }
                if (converted.note() != null) {
                    notes.add(converted.note());
                }
                if (cast.kind() == Kind.ENUM_CHECK || cast.kind() == Kind.SET_CHECK) {
                    notes.add("a check keeps the values to the labels (post-data)");
                }
                if (column.onUpdateCurrentTimestamp()) {
                    onUpdate.add(name);
                    notes.add("ON UPDATE CURRENT_TIMESTAMP becomes a BEFORE UPDATE trigger (post-data)");
                }
                if (column.generated()) {
                    status = worst(status, CheckStatus.WARN);
                    notes.add("generated column (" + column.generationExpression() + ") becomes a plain column holding the loaded values: "
                            + "after the cutover, compute it in the application or a trigger (a PostgreSQL generated column refuses the loaded values)");
                }
                if (!PostgresNames.plain(name)) {
                    status = worst(status, CheckStatus.WARN);
                    notes.add("queries must quote " + identifier(name) + (PostgresNames.reserved(name) ? " (a reserved word in PostgreSQL)"
                            : " (capitals: MySQL matches column names without case, PostgreSQL does not)"));
                }
                objects.add(new ObjectConversion(sourceColumn, sourceText, targetColumn, definition.toString(), ObjectConversion.Outcome.CONVERTED,
                        status, String.join("; ", notes), List.of()));
                if (column.comment() != null) {
                    comments.add(new SchemaStatement(targetColumn, Action.COMMENT, "COMMENT ON COLUMN " + qualified(target) + "." + identifier(name)
                            + " IS " + literal(column.comment()), "SELECT col_description(" + regclass(target) + ", (SELECT attnum FROM pg_attribute "
                            + "WHERE attrelid = " + regclass(target) + " AND attname = " + literal(name) + ")) IS NOT DISTINCT FROM " + literal(column.comment())));
                }
            }
            String create = "CREATE TABLE IF NOT EXISTS " + qualified(target) + " ("
                    + columnDefinitions.stream().map(d -> "\n    " + d).collect(Collectors.joining(",")) + "\n)";
            tables.add(new SchemaStatement(tableObject, Action.CREATE, create, "SELECT " + regclass(target) + " IS NOT NULL"));
            if (table.comment() != null) {
                tables.add(new SchemaStatement(tableObject, Action.COMMENT, "COMMENT ON TABLE " + qualified(target) + " IS " + literal(table.comment()),
                        "SELECT obj_description(" + regclass(target) + ", 'pg_class') IS NOT DISTINCT FROM " + literal(table.comment())));
            }
            tables.addAll(comments);
            objects.add(tableEntry, new ObjectConversion(SchemaObject.of(ObjectKind.TABLE, sourceName(table)), table.engine() == null ? "" : "ENGINE=" + table.engine(),
                            tableObject, null, ObjectConversion.Outcome.CONVERTED, tableStatus, String.join("; ", tableNotes), List.of()));
            StringBuilder definitionText = new StringBuilder();
            types.stream().filter(t -> plan.enumTypes.containsValue(t.object().name().name()) && t.object().name().schema().equals(target.schema()))
                    .forEach(t -> definitionText.append(t.sql()).append(";\n"));
            definitionText.append(create);
            primaryKey(plan).ifPresent(sql -> definitionText.append(";\n").append(sql));
            tableDefinitions.put(target, definitionText.toString());
            onUpdateTrigger(plan, onUpdate);
            for (String identityColumn : identityColumns) {
                identityRestart(plan, identityColumn);
            }
        }

        /** The primary key, in pre-data: its SQL for the table's definition, when it was converted. */
        private Optional<String> primaryKey(Planned plan) {
            Optional<Index> key = plan.table.primaryKey();
            if (key.isEmpty()) {
                return Optional.empty();
            }
            List<String> columns = new ArrayList<>();
            for (IndexPart part : key.get().parts()) {
                String column = part.column() == null ? null : plan.targetColumn(part.column());
                if (column == null) {
                    objects.add(ObjectConversion.needsAPerson(SchemaObject.of(ObjectKind.PRIMARY_KEY, sourceName(plan.table), "PRIMARY"),
                            indexText(key.get()), CheckStatus.FAIL, "a key column is not on the target: convert it (conversion.typeOverrides) "
                                    + "or choose another key by hand", List.of(plan.target)));
                    notCarried.add("primary key of " + plan.table.sourceName() + ": not converted (a key column is not on the target)");
                    return Optional.empty();
                }
                columns.add(identifier(column));
            }
            String name = relations(plan.target.schema()).unique(plan.target.name() + "_pkey");
            SchemaObject object = SchemaObject.of(ObjectKind.PRIMARY_KEY, plan.target, name);
            String sql = "ALTER TABLE " + qualified(plan.target) + " ADD CONSTRAINT " + identifier(name) + " PRIMARY KEY (" + String.join(", ", columns) + ")";
            primaryKeys.add(new SchemaStatement(object, Action.CREATE, sql, constraintExists(plan.target, name)));
            objects.add(ObjectConversion.converted(SchemaObject.of(ObjectKind.PRIMARY_KEY, sourceName(plan.table), "PRIMARY"), indexText(key.get()),
                    object, "PRIMARY KEY (" + String.join(", ", columns) + ")", null));
            return Optional.of(sql);
        }

        private void postData(Planned plan) {
            for (Index index : plan.table.indexes()) {
                if (!index.primary()) {
                    index(plan, index);
                }
            }
            for (Check check : plan.table.checks()) {
                check(plan, check);
            }
            labelChecks(plan);
            for (ForeignKey key : plan.table.foreignKeys()) {
                foreignKey(plan, key);
            }
        }

        private void index(Planned plan, Index index) {
            SchemaObject source = SchemaObject.of(ObjectKind.INDEX, sourceName(plan.table), index.name());
            String sourceText = indexText(index);
            if (index.spatial()) {
                objects.add(ObjectConversion.needsAPerson(source, sourceText, CheckStatus.WARN,
                        "a SPATIAL index needs PostGIS: CREATE INDEX ... USING gist on the geometry column once it is converted", List.of(plan.target)));
                notCarried.add(source + ": needs a person (SPATIAL index)");
                return;
            }
            List<String> parts = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            CheckStatus status = CheckStatus.PASS;
            String method = "";
            if (index.fulltext()) {
                List<String> columns = new ArrayList<>();
                for (IndexPart part : index.parts()) {
                    String column = part.column() == null ? null : plan.targetColumn(part.column());
                    if (column == null) {
                        skippedIndex(source, sourceText, plan);
                        return;
                    }
                    columns.add("coalesce(" + identifier(column) + ", '')");
                }
                method = " USING gin";
                parts.add("(to_tsvector('simple'::regconfig, " + String.join(" || ' ' || ", columns) + "))");
                status = CheckStatus.WARN;
                notes.add("FULLTEXT becomes a GIN index on to_tsvector('simple', ...): rewrite MATCH ... AGAINST as "
                        + "to_tsvector('simple', <the same expression>) @@ plainto_tsquery('simple', ...) to use it");
            } else {
                if (index.type().equalsIgnoreCase("HASH")) {
                    notes.add("a HASH index becomes btree");
                }
                boolean anyCaseInsensitive = false;
                for (IndexPart part : index.parts()) {
                    if (part.column() == null) {
                        objects.add(ObjectConversion.needsAPerson(source, sourceText, CheckStatus.WARN,
                                "a functional key part (" + part.expression() + ") is MySQL SQL: write the PostgreSQL expression index by hand",
                                List.of(plan.target)));
                        notCarried.add(source + ": needs a person (functional key part)");
                        return;
                    }
                    String column = plan.targetColumn(part.column());
                    if (column == null) {
                        skippedIndex(source, sourceText, plan);
                        return;
                    }
                    MySqlColumnCast cast = plan.cast(part.column());
                    anyCaseInsensitive |= cast.caseInsensitive();
                    String expression = identifier(column);
                    if (part.subPart() != null) {
                        Column sourceColumn = plan.table.column(part.column()).orElseThrow();
                        boolean bounded = sourceColumn.charLength() != null && sourceColumn.charLength() <= WHOLE_COLUMN_INDEX_LIMIT_CHARACTERS
                                && (cast.kind() == Kind.VARCHAR || cast.kind() == Kind.CHAR || cast.kind() == Kind.BYTEA);
                        if (index.unique() || !bounded) {
                            expression = cast.kind() == Kind.BYTEA ? "(substring(" + expression + " FROM 1 FOR " + part.subPart() + "))"
                                    : "(left(" + expression + ", " + part.subPart() + "))";
                            notes.add("prefix " + part.column() + "(" + part.subPart() + ") becomes " + expression.substring(1, expression.length() - 1)
                                    + (index.unique() ? " (the same uniqueness rule)" : " (the column is unbounded)")
                                    + ": only queries using that expression use the index");
                            status = CheckStatus.WARN;
                        } else {
                            notes.add("prefix " + part.column() + "(" + part.subPart() + ") becomes the whole column (bounded, so it indexes whole "
                                    + "and serves the same queries)");
                        }
                    }
                    parts.add(expression + (part.descending() ? " DESC" : ""));
                }
                if (index.unique() && anyCaseInsensitive) {
                    status = CheckStatus.WARN;
                    notes.add("unique without case on the source: PostgreSQL accepts 'Bob' and 'bob' both");
                }
            }
            String name = indexName(plan, index.name());
            ObjectName indexName = new ObjectName(plan.target.schema(), name);
            SchemaObject object = SchemaObject.of(ObjectKind.INDEX, indexName);
            String sql = "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " + identifier(name) + " ON " + qualified(plan.target)
                    + method + " (" + String.join(", ", parts) + ")";
            indexes.add(new SchemaStatement(object, Action.CREATE, sql, "SELECT " + regclass(indexName) + " IS NOT NULL"));
            objects.add(new ObjectConversion(source, sourceText, object, sql, ObjectConversion.Outcome.CONVERTED, status, String.join("; ", notes), List.of()));
        }

        private void skippedIndex(SchemaObject source, String sourceText, Planned plan) {
            objects.add(ObjectConversion.changed(source, sourceText, null, null, "not created: one of its columns is not on the target"));
            notCarried.add(source + ": not created (a column is not on the target)");
        }

        private String indexName(Planned plan, String mysqlName) {
            PostgresNames.Namespace namespace = relations(plan.target.schema());
            String fitted = PostgresNames.fit(mysqlName);
            if (!namespace.taken(fitted)) {
                namespace.take(fitted);
                return fitted;
            }
            return namespace.unique(plan.target.name() + "_" + mysqlName);
        }

        private void check(Planned plan, Check check) {
            SchemaObject source = SchemaObject.of(ObjectKind.CHECK_CONSTRAINT, sourceName(plan.table), check.name());
            String jsonColumn = check.clause().trim().toLowerCase(Locale.ROOT).startsWith("json_valid(") ? plan.table.columns().stream()
                    .filter(c -> MySqlTypeCasts.isJson(plan.table, c) && check.clause().trim().equalsIgnoreCase("json_valid(`" + c.name().replace("`", "``") + "`)"))
                    .map(Column::name).findFirst().orElse(null) : null;
            if (jsonColumn != null && plan.cast(jsonColumn) != null && plan.cast(jsonColumn).kind() == Kind.JSONB) {
                objects.add(ObjectConversion.converted(source, check.clause(), null, null, "not needed: jsonb holds only valid JSON"));
                return;
            }
            Optional<String> translated = MySqlExpressions.translate(check.clause(), column -> {
                MySqlColumnCast cast = plan.cast(column);
                boolean sameValues = cast != null && switch (cast.kind()) {
                    case BOOLEAN, BIT_VARYING, SET_CHECK, JSONB, BYTEA, NONE, OTHER -> false;
                    default -> true;
                };
                return sameValues ? plan.targetColumn(column) : null;
            });
            if (translated.isEmpty()) {
                objects.add(ObjectConversion.needsAPerson(source, check.clause(), CheckStatus.WARN,
                        "no mechanical translation of this check: write it in PostgreSQL by hand", List.of(plan.target)));
                notCarried.add(source + ": needs a person (check " + check.clause() + ")");
                return;
            }
            addCheck(plan, check.name(), translated.get(), source, check.clause());
        }

        /** Enum columns held as text and set columns get a check that keeps their values to the labels. */
        private void labelChecks(Planned plan) {
            for (var entry : plan.casts.entrySet()) {
                MySqlColumnCast cast = entry.getValue();
                if (cast.kind() != Kind.ENUM_CHECK && cast.kind() != Kind.SET_CHECK) {
                    continue;
                }
                String column = identifier(plan.columnNames.get(entry.getKey()));
                String labels = cast.labels().stream().map(l -> literal(l)).collect(Collectors.joining(", "));
                String clause = cast.kind() == Kind.ENUM_CHECK ? column + " IN (" + labels + ")"
                        : column + " = '' OR string_to_array(" + column + ", ',') <@ ARRAY[" + labels + "]::text[]";
                Column sourceColumn = plan.table.column(entry.getKey()).orElseThrow();
                addCheck(plan, plan.columnNames.get(entry.getKey()) + "_check", clause, null, sourceColumn.columnType());
            }
        }

        private void addCheck(Planned plan, String wantedName, String clause, SchemaObject source, String sourceText) {
            String name = PostgresNames.fit(wantedName);
            SchemaObject object = SchemaObject.of(ObjectKind.CHECK_CONSTRAINT, plan.target, name);
            String sql = "ALTER TABLE " + qualified(plan.target) + " ADD CONSTRAINT " + identifier(name) + " CHECK (" + clause + ")";
            checks.add(new SchemaStatement(object, Action.CREATE, sql, constraintExists(plan.target, name)));
            if (source != null) {
                objects.add(ObjectConversion.converted(source, sourceText, object, "CHECK (" + clause + ")", null));
            }
        }

        private void foreignKey(Planned plan, ForeignKey key) {
            SchemaObject source = SchemaObject.of(ObjectKind.FOREIGN_KEY, sourceName(plan.table), key.name());
            String sourceText = "FOREIGN KEY (" + String.join(", ", key.columns()) + ") REFERENCES " + key.referencedName() + " ("
                    + String.join(", ", key.referencedColumns()) + ") ON UPDATE " + key.updateRule() + " ON DELETE " + key.deleteRule();
            Planned referenced = planned.get(key.referencedName());
            if (referenced == null) {
                objects.add(ObjectConversion.changed(source, sourceText, null, null, "not created: " + key.referencedName()
                        + " is not migrated (the mappings do not select it, or it is not converted)"));
                notCarried.add(source + ": not created (its table " + key.referencedName() + " is not migrated)");
                return;
            }
            List<String> columns = new ArrayList<>();
            List<String> referencedColumns = new ArrayList<>();
            for (int i = 0; i < key.columns().size(); i++) {
                String column = plan.targetColumn(key.columns().get(i));
                String referencedColumn = referenced.targetColumn(key.referencedColumns().get(i));
                if (column == null || referencedColumn == null) {
                    objects.add(ObjectConversion.changed(source, sourceText, null, null, "not created: one of its columns is not on the target"));
                    notCarried.add(source + ": not created (a column is not on the target)");
                    return;
                }
                columns.add(identifier(column));
                referencedColumns.add(identifier(referencedColumn));
            }
            if (!uniquelyIndexed(referenced.table, key.referencedColumns())) {
                objects.add(ObjectConversion.needsAPerson(source, sourceText, CheckStatus.WARN, "PostgreSQL needs a primary key or unique index on "
                        + key.referencedName() + " (" + String.join(", ", key.referencedColumns()) + "), which InnoDB does not: add one, or "
                        + "enforce the reference another way", List.of(plan.target, referenced.target)));
                notCarried.add(source + ": needs a person (the referenced columns are not unique)");
                return;
            }
            String name = PostgresNames.fit(key.name());
            SchemaObject object = SchemaObject.of(ObjectKind.FOREIGN_KEY, plan.target, name);
            String definition = "FOREIGN KEY (" + String.join(", ", columns) + ") REFERENCES " + qualified(referenced.target) + " ("
                    + String.join(", ", referencedColumns) + ") ON UPDATE " + action(key.updateRule()) + " ON DELETE " + action(key.deleteRule());
            foreignKeys.add(new SchemaStatement(object, Action.CREATE, "ALTER TABLE " + qualified(plan.target) + " ADD CONSTRAINT " + identifier(name)
                    + " " + definition + " NOT VALID", constraintExists(plan.target, name)));
            validations.add(new SchemaStatement(object, Action.VALIDATE, "ALTER TABLE " + qualified(plan.target) + " VALIDATE CONSTRAINT " + identifier(name),
                    "SELECT COALESCE((SELECT convalidated FROM pg_constraint WHERE conrelid = " + regclass(plan.target) + " AND conname = "
                            + literal(name) + "), false)"));
            objects.add(ObjectConversion.converted(source, sourceText, object, definition, "added NOT VALID after the load, then validated"));
        }

        private static boolean uniquelyIndexed(Table table, List<String> columns) {
            Set<String> wanted = columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            return table.indexes().stream().filter(i -> i.unique() && !i.prefixed() && !i.fulltext())
                    .anyMatch(i -> i.parts().stream().map(p -> String.valueOf(p.column()).toLowerCase(Locale.ROOT)).collect(Collectors.toSet()).equals(wanted));
        }

        private static String action(String rule) {
            return switch (rule.toUpperCase(Locale.ROOT)) {
                case "CASCADE" -> "CASCADE";
                case "SET NULL" -> "SET NULL";
                case "SET DEFAULT" -> "SET DEFAULT";
                case "RESTRICT" -> "RESTRICT";
                default -> "NO ACTION";
            };
        }

        /**
         * ON UPDATE CURRENT_TIMESTAMP as MySQL means it: when an UPDATE changes any other column and does not set the
         * timestamp itself, the timestamp becomes the current time. Rows are compared as jsonb (every type has a jsonb
         * form, not every type an equality operator). An UPDATE that sets the column to the value it already had gets
         * the current time here, where MySQL keeps the explicit value.
         */
        private void onUpdateTrigger(Planned plan, List<String> columns) {
            if (columns.isEmpty()) {
                return;
            }
            String schema = plan.target.schema();
            PostgresNames.Namespace names = functions.computeIfAbsent(schema, s -> new PostgresNames.Namespace());
            ObjectName function = new ObjectName(schema, names.unique(plan.target.name() + "_on_update_current_timestamp"));
            String excluded = columns.stream().map(c -> literal(c)).collect(Collectors.joining(", "));
            StringBuilder body = new StringBuilder("\nBEGIN\n    IF (to_jsonb(NEW) - ARRAY[" + excluded + "]::text[]) IS DISTINCT FROM (to_jsonb(OLD) - ARRAY["
                    + excluded + "]::text[]) THEN\n");
            for (String column : columns) {
                body.append("        IF NEW.").append(identifier(column)).append(" IS NOT DISTINCT FROM OLD.").append(identifier(column))
                        .append(" THEN\n            NEW.").append(identifier(column)).append(" := now();\n        END IF;\n");
            }
            body.append("    END IF;\n    RETURN NEW;\nEND\n");
            String tag = "$on_update$";
            while (body.indexOf(tag) >= 0) {
                tag = "$" + tag.substring(1, tag.length() - 1) + "_$";
            }
            SchemaObject functionObject = SchemaObject.of(ObjectKind.FUNCTION, function, "");
            triggers.add(new SchemaStatement(functionObject, Action.CREATE, "CREATE OR REPLACE FUNCTION " + qualified(function)
                    + "() RETURNS trigger LANGUAGE plpgsql AS " + tag + body + tag,
                    "SELECT to_regprocedure(" + literal(qualified(function) + "()") + ") IS NOT NULL"));
            String triggerName = PostgresNames.fit(plan.target.name() + "_on_update_current_timestamp");
            SchemaObject triggerObject = SchemaObject.of(ObjectKind.TRIGGER, plan.target, triggerName);
            String sql = "CREATE TRIGGER " + identifier(triggerName) + " BEFORE UPDATE ON " + qualified(plan.target)
                    + " FOR EACH ROW EXECUTE FUNCTION " + qualified(function) + "()";
            triggers.add(new SchemaStatement(triggerObject, Action.CREATE, sql, "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = "
                    + regclass(plan.target) + " AND tgname = " + literal(triggerName) + ")"));
        }

        /** After the load, the identity continues past the largest id loaded (and never below the source's AUTO_INCREMENT). */
        private void identityRestart(Planned plan, String column) {
            long next = plan.table.autoIncrement() == null || plan.table.autoIncrement() < 1 ? 1 : plan.table.autoIncrement();
            String sequence = "pg_get_serial_sequence(" + qualifiedLiteral(plan.target) + ", " + literal(column) + ")";
            String largest = "GREATEST((SELECT COALESCE(max(" + identifier(column) + "), 0) FROM " + qualified(plan.target) + "), " + (next - 1) + ")";
            identities.add(new SchemaStatement(SchemaObject.of(ObjectKind.COLUMN, plan.target, column), Action.ALTER,
                    "SELECT setval(" + sequence + ", GREATEST(" + largest + ", 1), " + largest + " >= 1)",
                    "SELECT COALESCE(pg_sequence_last_value(" + sequence + "::regclass), 0) >= " + largest));
        }

        /** Views, routines, triggers and events: listed with their full source text, none created. */
        private void needsAPerson() {
            Set<String> selectedSchemas = planned.keySet().stream().map(TableName::schema).collect(Collectors.toSet());
            for (var view : catalog.views()) {
                if (selectedSchemas.contains(view.schema())) {
                    person(ObjectKind.VIEW, view.schema(), view.name(), null, view.definition(),
                            "a MySQL view's SELECT uses MySQL's functions and quoting: rewrite it for PostgreSQL (over the converted tables)");
                }
            }
            for (var routine : catalog.routines()) {
                if (selectedSchemas.contains(routine.schema())) {
                    ObjectKind kind = routine.type().equals("FUNCTION") ? ObjectKind.FUNCTION : ObjectKind.PROCEDURE;
                    person(kind, routine.schema(), routine.name(), "", routine.definition(),
                            "MySQL's procedural SQL has no mechanical PostgreSQL translation: rewrite it in PL/pgSQL");
                }
            }
            for (var trigger : catalog.triggers()) {
                if (selectedSchemas.contains(trigger.schema())) {
                    person(ObjectKind.TRIGGER, trigger.schema(), trigger.table(), trigger.name(), trigger.definition(),
                            "a MySQL trigger's body is procedural SQL: rewrite it as a PL/pgSQL trigger function and a trigger "
                                    + "(it would also fire for the rows DMS applies: create it at the cutover)");
                }
            }
            for (var event : catalog.events()) {
                if (selectedSchemas.contains(event.schema())) {
                    person(ObjectKind.EVENT, event.schema(), event.name(), null, event.definition(),
                            "PostgreSQL has no event scheduler: schedule the job with pg_cron (where available) or outside the database");
                }
            }
        }

        private void person(ObjectKind kind, String schema, String name, String member, String text, String reason) {
            SchemaObject source = member == null ? SchemaObject.of(kind, new ObjectName(schema, name)) : SchemaObject.of(kind, new ObjectName(schema, name), member);
            String shown = text == null || text.isEmpty() ? "(the source text is hidden from this user: grant SHOW CREATE ROUTINE / SELECT on the "
                    + "definer's objects to read it)" : text;
            objects.add(ObjectConversion.needsAPerson(source, shown, CheckStatus.WARN, reason, referredTables(schema, text, kind == ObjectKind.TRIGGER ? name : null)));
            notCarried.add(source + ": needs a person (" + reason + ")");
        }

        /** The converted tables a source text names (as a word, backquoted or not; its own table for a trigger). */
        private List<ObjectName> referredTables(String schema, String text, String ownTable) {
            List<ObjectName> referred = new ArrayList<>();
            String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
            for (var entry : planned.entrySet()) {
                TableName source = entry.getKey();
                boolean own = ownTable != null && source.schema().equals(schema) && source.table().equalsIgnoreCase(ownTable);
                Pattern word = Pattern.compile("(?<![a-z0-9_$])`?" + Pattern.quote(source.table().toLowerCase(Locale.ROOT)) + "`?(?![a-z0-9_$])");
                if (own || word.matcher(lower).find()) {
                    referred.add(entry.getValue().target);
                }
            }
            return referred;
        }

        private PostgresNames.Namespace relations(String schema) {
            return relations.computeIfAbsent(schema, s -> new PostgresNames.Namespace());
        }

        private PostgresNames.Namespace types(String schema) {
            return typeNames.computeIfAbsent(schema, s -> new PostgresNames.Namespace());
        }

        private static ObjectName sourceName(Table table) {
            return new ObjectName(table.schema(), table.name());
        }

        private static SchemaObject schemaObject(String schema) {
            return SchemaObject.of(ObjectKind.SCHEMA, new ObjectName(schema, ""));
        }

        private static String regclass(ObjectName name) {
            return "to_regclass(" + qualifiedLiteral(name) + ")";
        }

        private static String constraintExists(ObjectName table, String name) {
            return "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = " + regclass(table) + " AND conname = " + literal(name) + ")";
        }

        private static CheckStatus worst(CheckStatus a, CheckStatus b) {
            return a.compareTo(b) >= 0 ? a : b;
        }

        private static String sample(List<String> names) {
            return names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
        }

        private static String sourceColumnText(Column column) {
            StringBuilder text = new StringBuilder(column.columnType());
            if (column.collation() != null) {
                text.append(" COLLATE ").append(column.collation());
            }
            if (!column.nullable()) {
                text.append(" NOT NULL");
            }
            if (column.defaultValue() != null && !column.defaultValue().equalsIgnoreCase("NULL")) {
                text.append(" DEFAULT ").append(column.defaultValue());
            }
            if (column.extra() != null) {
                text.append(' ').append(column.extra());
            }
            if (column.generationExpression() != null) {
                text.append(" AS (").append(column.generationExpression()).append(')');
            }
            return text.toString();
        }

        private static String indexText(Index index) {
            return (index.primary() ? "PRIMARY KEY" : (index.unique() ? "UNIQUE " : "") + (index.fulltext() ? "FULLTEXT " : index.spatial() ? "SPATIAL " : "")
                    + "KEY " + index.name()) + " (" + index.parts().stream().map(p -> p.column() == null ? "(" + p.expression() + ")"
                    : p.column() + (p.subPart() == null ? "" : "(" + p.subPart() + ")") + (p.descending() ? " DESC" : "")).collect(Collectors.joining(", ")) + ")";
        }
    }
}
