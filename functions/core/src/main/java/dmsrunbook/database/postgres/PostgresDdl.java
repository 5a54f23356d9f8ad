package dmsrunbook.database.postgres;

import static dmsrunbook.database.postgres.PostgresQuoting.identifier;
import static dmsrunbook.database.postgres.PostgresQuoting.literal;
import static dmsrunbook.database.postgres.PostgresQuoting.qualified;
import static dmsrunbook.database.postgres.PostgresQuoting.qualifiedLiteral;

import dmsrunbook.database.postgres.PostgresCatalog.Address;
import dmsrunbook.database.postgres.PostgresCatalog.Column;
import dmsrunbook.database.postgres.PostgresCatalog.Constraint;
import dmsrunbook.database.postgres.PostgresCatalog.Dependency;
import dmsrunbook.database.postgres.PostgresCatalog.Extension;
import dmsrunbook.database.postgres.PostgresCatalog.Function;
import dmsrunbook.database.postgres.PostgresCatalog.Index;
import dmsrunbook.database.postgres.PostgresCatalog.Ownership;
import dmsrunbook.database.postgres.PostgresCatalog.Sequence;
import dmsrunbook.database.postgres.PostgresCatalog.Table;
import dmsrunbook.database.postgres.PostgresCatalog.Trigger;
import dmsrunbook.database.postgres.PostgresCatalog.View;
import dmsrunbook.schema.ObjectKind;
import dmsrunbook.schema.ObjectName;
import dmsrunbook.schema.SchemaObject;
import dmsrunbook.schema.SchemaPlan;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.schema.SchemaStatement;
import dmsrunbook.schema.SchemaStatement.Action;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * Builds the DDL that recreates a {@link PostgresCatalog} on an empty PostgreSQL target, as pg_dump would but from
 * the catalog alone (a Lambda has no pg_dump), split into pre-data and post-data and ordered by pg_depend.
 *
 * <p>Pre-data: schemas, extensions, collations, enum, domain, composite and range types, sequences, functions and
 * procedures, tables (columns, defaults, NOT NULL, generated and identity columns, collations, unlogged, partitioned
 * tables and their partitions) with their primary keys, views. Post-data: materialized views (WITH NO DATA: the
 * cutover refreshes them), secondary and unique indexes, unique, exclusion and check constraints, foreign keys (added
 * NOT VALID and validated at the end, except on partitioned tables where PostgreSQL 15 refuses NOT VALID), triggers
 * with their enabled state, rules, and the OWNED BY links of serial sequences. Comments go with their objects.
 * A partition's indexes and constraints are created before their parent's, under their own names, and the parent's
 * then attaches them, so the target's names are the source's.
 *
 * <p>Not carried: owners and grants (the objects belong to the user that applies the plan), aggregates, C-language
 * base types, row-level security policies, foreign tables, statistics objects ({@link SchemaPlan#notCarried} names
 * those the source has), and per-column storage, compression and statistics targets, tablespaces, security labels,
 * publications. Extensions are created in their default version on the target.
 */
public final class PostgresDdl {

    /** The order of kinds among objects whose dependencies are met (types before tables before views ...). */
    private static final List<ObjectKind> RANK = List.of(ObjectKind.SCHEMA, ObjectKind.EXTENSION, ObjectKind.COLLATION,
            ObjectKind.ENUM, ObjectKind.RANGE_TYPE, ObjectKind.DOMAIN, ObjectKind.COMPOSITE_TYPE, ObjectKind.SEQUENCE,
            ObjectKind.FUNCTION, ObjectKind.PROCEDURE, ObjectKind.TABLE, ObjectKind.PARTITION, ObjectKind.PRIMARY_KEY,
            ObjectKind.VIEW, ObjectKind.MATERIALIZED_VIEW, ObjectKind.INDEX, ObjectKind.UNIQUE_CONSTRAINT,
            ObjectKind.EXCLUSION_CONSTRAINT, ObjectKind.CHECK_CONSTRAINT, ObjectKind.FOREIGN_KEY, ObjectKind.TRIGGER,
            ObjectKind.RULE);

    /** Kinds that move to post-data when they need a post-data object (a view on a materialized view). */
    private static final Set<ObjectKind> MOVABLE = EnumSet.of(ObjectKind.VIEW, ObjectKind.FUNCTION, ObjectKind.PROCEDURE);

    private PostgresDdl() {
    }

    /** The statements that recreate the catalog's objects, each section in dependency order. */
    public static SchemaPlan plan(PostgresCatalog catalog) {
        return plan(catalog, false);
    }

    /**
     * The plan; with {@code keysAfterData}, the primary keys of ordinary tables move to post-data, ahead of its other
     * statements: a copy into tables without keys is faster (the native engine's copy, as pgcopydb's), and the key is
     * built from the copied rows in one sort instead of row by row. A partitioned table and its partitions keep theirs
     * in pre-data (their keys span tables copied apart).
     */
    public static SchemaPlan plan(PostgresCatalog catalog, boolean keysAfterData) {
        return new Planning(catalog, keysAfterData).plan();
    }

    /** Adds a table's primary key (or another constraint) as the plan does, skipped when the table already has it. */
    static SchemaStatement addConstraint(SchemaObject object, ObjectName table, String name, String definition) {
        String exists = "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass(" + qualifiedLiteral(table)
                + ") AND conname = " + literal(name) + ")";
        return new SchemaStatement(object, Action.CREATE, "ALTER TABLE " + qualified(table) + " ADD CONSTRAINT " + identifier(name) + " "
                + definition, exists);
    }

    /** The statements of one object (or of one partition's part of it), kept together when ordering. */
    private static final class Unit {
        final Address address;
        final SchemaObject object;
        SchemaSection section;
        final int order;
        final List<SchemaStatement> statements = new ArrayList<>();

        Unit(Address address, SchemaObject object, SchemaSection section, int order) {
            this.address = address;
            this.object = object;
            this.section = section;
            this.order = order;
        }
    }

    private static final class Planning {

        private final PostgresCatalog catalog;
        private final Map<Address, Unit> units = new LinkedHashMap<>();
        private final Map<Unit, Set<Unit>> needs = new HashMap<>();
        private final List<SchemaStatement> validations = new ArrayList<>();
        private final List<SchemaStatement> ownerships = new ArrayList<>();
        private final Map<Long, Table> tablesByOid = new HashMap<>();
        private final boolean keysAfterData;

        Planning(PostgresCatalog catalog, boolean keysAfterData) {
            this.catalog = catalog;
            this.keysAfterData = keysAfterData;
            catalog.tables().forEach(table -> tablesByOid.put(table.oid(), table));
        }

        SchemaPlan plan() {
            schemas();
            collationsAndTypes();
            sequences();
            functions();
            tables();
            constraints();
            views();
            indexes();
            triggersAndRules();
            extensions();
            dependencies();
            moveDependentsOfPostData();
            PostgresDependencyOrder<Unit> order = new PostgresDependencyOrder<>(Comparator
                    .comparingInt((Unit u) -> RANK.indexOf(u.object.kind()))
                    .thenComparing(u -> u.object.name())
                    .thenComparing(u -> String.valueOf(u.object.member()))
                    .thenComparingInt(u -> u.order));
            List<SchemaStatement> pre = new ArrayList<>();
            List<SchemaStatement> post = new ArrayList<>();
            for (SchemaSection section : SchemaSection.values()) {
                List<Unit> inSection = units.values().stream().filter(u -> u.section == section).toList();
                List<SchemaStatement> into = section == SchemaSection.PRE_DATA ? pre : post;
                order.order(inSection, needs).forEach(unit -> into.addAll(unit.statements));
            }
            post.addAll(validations);
            post.addAll(ownerships);
            List<String> notCarried = new ArrayList<>(catalog.notCarried());
            notCarried.add("owners and grants: the objects belong to the user that applies the plan; grant access on the target");
            return new SchemaPlan(pre, post, notCarried);
        }

        private Unit unit(Address address, SchemaObject object, SchemaSection section) {
            Unit unit = new Unit(address, object, section, units.size());
            units.put(address, unit);
            return unit;
        }

        private static SchemaStatement create(SchemaObject object, String sql, String doneCheck) {
            return new SchemaStatement(object, Action.CREATE, sql, doneCheck);
        }

        private void schemas() {
            for (PostgresCatalog.Schema schema : catalog.schemas()) {
                Unit unit = unit(new Address("pg_namespace", schema.oid()), schemaObject(schema.name()), SchemaSection.PRE_DATA);
                unit.statements.add(createSchema(schema.name()));
                comment(unit, "SCHEMA " + identifier(schema.name()), "(SELECT oid FROM pg_namespace WHERE nspname = "
                        + literal(schema.name()) + ")", "pg_namespace", schema.comment());
            }
        }

        /** Neither a partitioned table nor a partition: one the copy fills as a whole. */
        private boolean onOrdinaryTable(Constraint constraint) {
            Table table = tablesByOid.get(constraint.tableOid());
            return table != null && !table.partitioned() && !table.isPartition() && !constraint.onPartitionedTable();
        }

        private static SchemaObject schemaObject(String name) {
            return SchemaObject.of(ObjectKind.SCHEMA, new ObjectName(name, ""));
        }

        private static SchemaStatement createSchema(String name) {
            return create(schemaObject(name), "CREATE SCHEMA IF NOT EXISTS " + identifier(name),
                    "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = " + literal(name) + ")");
        }

        private void collationsAndTypes() {
            for (PostgresCatalog.Collation collation : catalog.collations()) {
                SchemaObject object = SchemaObject.of(ObjectKind.COLLATION, collation.name());
                String options = collation.provider() == 'i'
                        ? "provider = icu, locale = " + literal(collation.locale())
                        : "provider = libc, lc_collate = " + literal(collation.collate()) + ", lc_ctype = " + literal(collation.ctype());
                unit(new Address("pg_collation", collation.oid()), object, SchemaSection.PRE_DATA).statements.add(create(object,
                        "CREATE COLLATION IF NOT EXISTS " + qualified(collation.name()) + " (" + options
                                + (collation.deterministic() ? "" : ", deterministic = false") + ")",
                        "SELECT EXISTS (SELECT 1 FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace WHERE n.nspname = "
                                + literal(collation.name().schema()) + " AND c.collname = " + literal(collation.name().name()) + ")"));
            }
            for (PostgresCatalog.EnumType type : catalog.enums()) {
                typeUnit(type.oid(), ObjectKind.ENUM, type.name(), "CREATE TYPE " + qualified(type.name()) + " AS ENUM ("
                        + type.labels().stream().map(PostgresQuoting::literal).collect(Collectors.joining(", ")) + ")", type.comment());
            }
            for (PostgresCatalog.Domain domain : catalog.domains()) {
                StringBuilder sql = new StringBuilder("CREATE DOMAIN " + qualified(domain.name()) + " AS " + domain.baseType());
                if (domain.collation() != null) {
                    sql.append(" COLLATE ").append(qualified(domain.collation()));
                }
                if (domain.defaultExpression() != null) {
                    sql.append(" DEFAULT ").append(domain.defaultExpression());
                }
                if (domain.notNull()) {
                    sql.append(" NOT NULL");
                }
                domain.checks().stream().filter(PostgresCatalog.DomainCheck::validated)
                        .forEach(check -> sql.append(" CONSTRAINT ").append(identifier(check.name())).append(' ').append(check.definition()));
                Unit unit = typeUnit(domain.oid(), ObjectKind.DOMAIN, domain.name(), sql.toString(), domain.comment());
                for (PostgresCatalog.DomainCheck check : domain.checks()) {
                    if (!check.validated()) {
                        unit.statements.add(new SchemaStatement(unit.object, Action.ALTER, "ALTER DOMAIN " + qualified(domain.name())
                                + " ADD CONSTRAINT " + identifier(check.name()) + " " + check.definition(),
                                "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE contypid = to_regtype(" + qualifiedLiteral(domain.name())
                                        + ") AND conname = " + literal(check.name()) + ")"));
                    }
                }
            }
            for (PostgresCatalog.CompositeType type : catalog.compositeTypes()) {
                String attributes = type.attributes().stream().map(a -> identifier(a.name()) + " " + a.type()
                        + (a.collation() == null ? "" : " COLLATE " + qualified(a.collation()))).collect(Collectors.joining(", "));
                typeUnit(type.oid(), ObjectKind.COMPOSITE_TYPE, type.name(), "CREATE TYPE " + qualified(type.name()) + " AS (" + attributes + ")",
                        type.comment());
            }
            for (PostgresCatalog.RangeType type : catalog.rangeTypes()) {
                StringJoiner options = new StringJoiner(", ", "(", ")");
                options.add("SUBTYPE = " + type.subtype());
                if (type.opclass() != null) {
                    options.add("SUBTYPE_OPCLASS = " + qualified(type.opclass()));
                }
                if (type.collation() != null) {
                    options.add("COLLATION = " + qualified(type.collation()));
                }
                if (type.canonical() != null) {
                    options.add("CANONICAL = " + type.canonical());
                }
                if (type.subtypeDiff() != null) {
                    options.add("SUBTYPE_DIFF = " + type.subtypeDiff());
                }
                if (type.multirange() != null) {
                    options.add("MULTIRANGE_TYPE_NAME = " + qualified(type.multirange()));
                }
                typeUnit(type.oid(), ObjectKind.RANGE_TYPE, type.name(), "CREATE TYPE " + qualified(type.name()) + " AS RANGE " + options,
                        type.comment());
            }
        }

        private Unit typeUnit(long oid, ObjectKind kind, ObjectName name, String sql, String comment) {
            SchemaObject object = SchemaObject.of(kind, name);
            Unit unit = unit(new Address("pg_type", oid), object, SchemaSection.PRE_DATA);
            unit.statements.add(create(object, sql, "SELECT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                    + "WHERE n.nspname = " + literal(name.schema()) + " AND t.typname = " + literal(name.name()) + ")"));
            comment(unit, (kind == ObjectKind.DOMAIN ? "DOMAIN " : "TYPE ") + qualified(name), "to_regtype(" + qualifiedLiteral(name) + ")",
                    "pg_type", comment);
            return unit;
        }

        /** Standalone and serial sequences; an identity column's sequence is created with its column. */
        private void sequences() {
            for (Sequence sequence : catalog.sequences()) {
                if (sequence.ownership() == Ownership.IDENTITY) {
                    continue;
                }
                SchemaObject object = SchemaObject.of(ObjectKind.SEQUENCE, sequence.name());
                Unit unit = unit(new Address("pg_class", sequence.oid()), object, SchemaSection.PRE_DATA);
                unit.statements.add(create(object, "CREATE " + (sequence.unlogged() ? "UNLOGGED " : "") + "SEQUENCE IF NOT EXISTS "
                        + qualified(sequence.name()) + " AS " + sequence.dataType() + " " + sequenceOptions(sequence), relationExists(sequence.name())));
                comment(unit, "SEQUENCE " + qualified(sequence.name()), regclass(sequence.name()), "pg_class", sequence.comment());
                if (sequence.ownership() == Ownership.OWNED) {
                    ownerships.add(new SchemaStatement(object, Action.ALTER, "ALTER SEQUENCE " + qualified(sequence.name()) + " OWNED BY "
                            + qualified(sequence.table()) + "." + identifier(sequence.column()),
                            "SELECT EXISTS (SELECT 1 FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
                                    + "WHERE d.classid = 'pg_class'::regclass AND d.objid = " + regclass(sequence.name())
                                    + " AND d.refobjid = " + regclass(sequence.table()) + " AND a.attname = " + literal(sequence.column())
                                    + " AND d.deptype = 'a')"));
                }
            }
        }

        private static String sequenceOptions(Sequence sequence) {
            return "INCREMENT BY " + sequence.increment() + " MINVALUE " + sequence.min() + " MAXVALUE " + sequence.max()
                    + " START WITH " + sequence.start() + " CACHE " + sequence.cache() + (sequence.cycle() ? " CYCLE" : " NO CYCLE");
        }

        private void functions() {
            for (Function function : catalog.functions()) {
                ObjectKind kind = function.kind() == 'p' ? ObjectKind.PROCEDURE : ObjectKind.FUNCTION;
                SchemaObject object = SchemaObject.of(kind, function.name(), function.arguments());
                Unit unit = unit(new Address("pg_proc", function.oid()), object, SchemaSection.PRE_DATA);
                String oid = "(SELECT p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = "
                        + literal(function.name().schema()) + " AND p.proname = " + literal(function.name().name())
                        + " AND pg_get_function_identity_arguments(p.oid) = " + literal(function.arguments()) + ")";
                unit.statements.add(create(object, function.definition().strip(), "SELECT " + oid + " IS NOT NULL"));
                comment(unit, (kind == ObjectKind.PROCEDURE ? "PROCEDURE " : "FUNCTION ") + qualified(function.name())
                        + "(" + function.arguments() + ")", oid, "pg_proc", function.comment());
            }
        }

        private void tables() {
            for (Table table : catalog.tables()) {
                SchemaObject object = SchemaObject.of(table.isPartition() ? ObjectKind.PARTITION : ObjectKind.TABLE, table.name());
                Unit unit = unit(new Address("pg_class", table.oid()), object, SchemaSection.PRE_DATA);
                StringBuilder sql = new StringBuilder("CREATE ");
                if (table.unlogged() && !table.partitioned()) {
                    sql.append("UNLOGGED ");
                }
                sql.append("TABLE IF NOT EXISTS ").append(qualified(table.name()));
                if (table.isPartition()) {
                    sql.append(" PARTITION OF ").append(qualified(table.parent())).append(' ').append(table.partitionBound());
                } else {
                    sql.append(" (").append(table.columns().stream().map(c -> "\n    " + columnDefinition(table, c))
                            .collect(Collectors.joining(","))).append("\n)");
                }
                if (table.partitioned()) {
                    sql.append(" PARTITION BY ").append(table.partitionKey());
                }
                if (!table.options().isEmpty()) {
                    sql.append(" WITH (").append(options(table.options())).append(')');
                }
                unit.statements.add(create(object, sql.toString(), relationExists(table.name())));
                if (table.isPartition()) {
                    partitionColumns(unit, table);
                }
                comment(unit, "TABLE " + qualified(table.name()), regclass(table.name()), "pg_class", table.comment());
                columnComments(unit, table.name(), table.columns());
            }
        }

        private String columnDefinition(Table table, Column column) {
            StringBuilder sql = new StringBuilder(identifier(column.name())).append(' ').append(column.type());
            if (column.collation() != null) {
                sql.append(" COLLATE ").append(qualified(column.collation()));
            }
            if (column.generated()) {
                sql.append(" GENERATED ALWAYS AS (").append(column.defaultExpression()).append(") STORED");
            } else if (column.defaultExpression() != null) {
                sql.append(" DEFAULT ").append(column.defaultExpression());
            }
            if (column.identity() == 'a' || column.identity() == 'd') {
                sql.append(" GENERATED ").append(column.identity() == 'a' ? "ALWAYS" : "BY DEFAULT").append(" AS IDENTITY");
                catalog.sequences().stream().filter(s -> s.ownership() == Ownership.IDENTITY && table.name().equals(s.table())
                        && column.name().equals(s.column())).findFirst().ifPresent(sequence -> sql.append(" (SEQUENCE NAME ")
                        .append(qualified(sequence.name())).append(' ').append(sequenceOptions(sequence)).append(')'));
            }
            if (column.notNull()) {
                sql.append(" NOT NULL");
            }
            return sql.toString();
        }

        /** A partition takes its parent's columns and defaults; what it has of its own is altered in afterwards. */
        private void partitionColumns(Unit unit, Table partition) {
            Table parent = tablesByOid.get(partition.parentOid());
            if (parent == null) {
                return;
            }
            Map<String, Column> inherited = parent.columns().stream().collect(Collectors.toMap(Column::name, c -> c));
            for (Column column : partition.columns()) {
                Column fromParent = inherited.get(column.name());
                String alter = "ALTER TABLE " + qualified(partition.name()) + " ALTER COLUMN " + identifier(column.name());
                String attribute = "(SELECT attnum FROM pg_attribute WHERE attrelid = " + regclass(partition.name())
                        + " AND attname = " + literal(column.name()) + ")";
                if (!column.generated() && column.defaultExpression() != null
                        && (fromParent == null || !column.defaultExpression().equals(fromParent.defaultExpression()))) {
                    unit.statements.add(new SchemaStatement(unit.object, Action.ALTER, alter + " SET DEFAULT " + column.defaultExpression(),
                            "SELECT EXISTS (SELECT 1 FROM pg_attrdef WHERE adrelid = " + regclass(partition.name()) + " AND adnum = "
                                    + attribute + " AND pg_get_expr(adbin, adrelid) = " + literal(column.defaultExpression()) + ")"));
                }
                if (column.notNull() && (fromParent == null || !fromParent.notNull())) {
                    unit.statements.add(new SchemaStatement(unit.object, Action.ALTER, alter + " SET NOT NULL",
                            "SELECT attnotnull FROM pg_attribute WHERE attrelid = " + regclass(partition.name()) + " AND attname = "
                                    + literal(column.name())));
                }
            }
        }

        private void columnComments(Unit unit, ObjectName relation, List<Column> columns) {
            for (Column column : columns) {
                if (column.comment() != null) {
                    SchemaObject object = SchemaObject.of(ObjectKind.COLUMN, relation, column.name());
                    unit.statements.add(new SchemaStatement(object, Action.COMMENT, "COMMENT ON COLUMN " + qualified(relation) + "."
                            + identifier(column.name()) + " IS " + literal(column.comment()),
                            "SELECT col_description(" + regclass(relation) + ", (SELECT attnum FROM pg_attribute WHERE attrelid = "
                                    + regclass(relation) + " AND attname = " + literal(column.name()) + ")) IS NOT DISTINCT FROM "
                                    + literal(column.comment())));
                }
            }
        }

        /**
         * Table constraints. A partition's copy of its parent's constraint is created first under its own name; the
         * parent's then attaches it (the copies PostgreSQL makes for each referenced partition come by themselves).
         * Check constraints a partition inherits come with the parent's.
         */
        private void constraints() {
            for (Constraint constraint : catalog.constraints()) {
                boolean inherited = constraint.type() == 'c' ? !constraint.local()
                        : constraint.parentOid() != 0 && constraint.parentTableOid() == constraint.tableOid();
                if (inherited) {
                    continue;
                }
                ObjectKind kind = switch (constraint.type()) {
                    case 'p' -> ObjectKind.PRIMARY_KEY;
                    case 'u' -> ObjectKind.UNIQUE_CONSTRAINT;
                    case 'x' -> ObjectKind.EXCLUSION_CONSTRAINT;
                    case 'f' -> ObjectKind.FOREIGN_KEY;
                    default -> ObjectKind.CHECK_CONSTRAINT;
                };
                SchemaObject object = SchemaObject.of(kind, constraint.table(), constraint.name());
                Unit unit = unit(new Address("pg_constraint", constraint.oid()), object,
                        kind == ObjectKind.PRIMARY_KEY && !(keysAfterData && onOrdinaryTable(constraint)) ? SchemaSection.PRE_DATA
                                : SchemaSection.POST_DATA);
                String definition = constraint.definition();
                // PostgreSQL 15 refuses NOT VALID foreign keys on partitioned tables, and a partition's copy is attached
                // to its parent's: those are validated as they are added.
                boolean addNotValid = kind == ObjectKind.FOREIGN_KEY && constraint.validated() && !constraint.onPartitionedTable()
                        && constraint.parentOid() == 0;
                unit.statements.add(addConstraint(object, constraint.table(), constraint.name(), definition + (addNotValid ? " NOT VALID" : "")));
                if (addNotValid) {
                    validations.add(new SchemaStatement(object, Action.VALIDATE, "ALTER TABLE " + qualified(constraint.table())
                            + " VALIDATE CONSTRAINT " + identifier(constraint.name()), "SELECT COALESCE((SELECT convalidated FROM pg_constraint "
                            + "WHERE conrelid = " + regclass(constraint.table()) + " AND conname = " + literal(constraint.name()) + "), false)"));
                }
                comment(unit, "CONSTRAINT " + identifier(constraint.name()) + " ON " + qualified(constraint.table()),
                        "(SELECT oid FROM pg_constraint WHERE conrelid = " + regclass(constraint.table()) + " AND conname = "
                                + literal(constraint.name()) + ")", "pg_constraint", constraint.comment());
            }
            Map<Long, Unit> byOid = new HashMap<>();
            units.forEach((address, unit) -> {
                if (address.catalog().equals("pg_constraint")) {
                    byOid.put(address.oid(), unit);
                }
            });
            for (Constraint constraint : catalog.constraints()) {
                Unit child = byOid.get(constraint.oid());
                Unit parent = byOid.get(constraint.parentOid());
                if (child != null && parent != null) {
                    need(parent, child);
                }
            }
        }

        private void views() {
            for (View view : catalog.views()) {
                ObjectKind kind = view.materialized() ? ObjectKind.MATERIALIZED_VIEW : ObjectKind.VIEW;
                SchemaObject object = SchemaObject.of(kind, view.name());
                Unit unit = unit(new Address("pg_class", view.oid()), object,
                        view.materialized() ? SchemaSection.POST_DATA : SchemaSection.PRE_DATA);
                String with = view.options().isEmpty() ? "" : " WITH (" + options(view.options()) + ")";
                String sql = view.materialized()
                        ? "CREATE MATERIALIZED VIEW IF NOT EXISTS " + qualified(view.name()) + with + " AS\n" + view.query() + "\nWITH NO DATA"
                        : "CREATE VIEW " + qualified(view.name()) + with + " AS\n" + view.query();
                unit.statements.add(create(object, sql, relationExists(view.name())));
                comment(unit, (view.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + qualified(view.name()), regclass(view.name()),
                        "pg_class", view.comment());
                columnComments(unit, view.name(), view.columns());
            }
        }

        /** Indexes: a partition's first, so the parent's (created without ONLY) attaches them instead of building new ones. */
        private void indexes() {
            Map<Long, Unit> byOid = new HashMap<>();
            for (Index index : catalog.indexes()) {
                SchemaObject object = SchemaObject.of(ObjectKind.INDEX, index.name());
                Unit unit = unit(new Address("pg_class", index.oid()), object, SchemaSection.POST_DATA);
                String kind = index.unique() ? "UNIQUE " : "";
                String head = "CREATE " + kind + "INDEX " + index.quotedName() + " ON ";
                if (!index.definition().startsWith(head)) {
                    throw new IllegalStateException("pg_get_indexdef of " + index.name() + " does not start as expected: " + index.definition());
                }
                String rest = index.definition().substring(head.length());
                if (rest.startsWith("ONLY ")) {
                    rest = rest.substring("ONLY ".length());
                }
                unit.statements.add(create(object, "CREATE " + kind + "INDEX IF NOT EXISTS " + index.quotedName() + " ON " + rest,
                        relationExists(index.name())));
                comment(unit, "INDEX " + qualified(index.name()), regclass(index.name()), "pg_class", index.comment());
                byOid.put(index.oid(), unit);
            }
            for (Index index : catalog.indexes()) {
                Unit parent = byOid.get(index.parentOid());
                if (parent != null) {
                    need(parent, byOid.get(index.oid()));
                    // Built beside its partitions' indexes, it would create theirs under the same names: it waits for them.
                    parent.statements.set(0, parent.statements.get(0).runAlone());
                }
            }
        }

        private void triggersAndRules() {
            for (Trigger trigger : catalog.triggers()) {
                SchemaObject object = SchemaObject.of(ObjectKind.TRIGGER, trigger.table(), trigger.name());
                Unit unit = unit(new Address("pg_trigger", trigger.oid()), object, SchemaSection.POST_DATA);
                unit.statements.add(create(object, trigger.definition(), "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = "
                        + regclass(trigger.table()) + " AND tgname = " + literal(trigger.name()) + ")"));
                String state = switch (trigger.enabled()) {
                    case 'D' -> "DISABLE TRIGGER ";
                    case 'R' -> "ENABLE REPLICA TRIGGER ";
                    case 'A' -> "ENABLE ALWAYS TRIGGER ";
                    default -> null;
                };
                if (state != null) {
                    unit.statements.add(new SchemaStatement(object, Action.ALTER, "ALTER TABLE " + qualified(trigger.table()) + " " + state
                            + identifier(trigger.name()), "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = " + regclass(trigger.table())
                            + " AND tgname = " + literal(trigger.name()) + " AND tgenabled = " + literal(String.valueOf(trigger.enabled())) + ")"));
                }
            }
            for (PostgresCatalog.Rule rule : catalog.rules()) {
                SchemaObject object = SchemaObject.of(ObjectKind.RULE, rule.table(), rule.name());
                unit(new Address("pg_rewrite", rule.oid()), object, SchemaSection.POST_DATA).statements.add(create(object, rule.definition(),
                        "SELECT EXISTS (SELECT 1 FROM pg_rewrite WHERE ev_class = " + regclass(rule.table()) + " AND rulename = "
                                + literal(rule.name()) + ")"));
            }
        }

        /**
         * The extensions in the selected schemas and those a selected object uses (a column of an extension's type, an
         * index with its operator class), with the schemas they live in.
         */
        private void extensions() {
            Set<Long> used = new HashSet<>();
            for (Dependency dependency : catalog.dependencies()) {
                Address referenced = follow(dependency.referenced());
                if (referenced.catalog().equals("pg_extension") && units.containsKey(follow(dependency.dependent()))) {
                    used.add(referenced.oid());
                }
            }
            Set<String> selected = catalog.schemas().stream().map(PostgresCatalog.Schema::name).collect(Collectors.toSet());
            for (Extension extension : catalog.extensions()) {
                if (!selected.contains(extension.schema()) && !used.contains(extension.oid())) {
                    continue;
                }
                SchemaObject object = SchemaObject.of(ObjectKind.EXTENSION, new ObjectName(extension.schema(), extension.name()));
                Unit unit = unit(new Address("pg_extension", extension.oid()), object, SchemaSection.PRE_DATA);
                unit.statements.add(create(object, "CREATE EXTENSION IF NOT EXISTS " + identifier(extension.name()) + " WITH SCHEMA "
                        + identifier(extension.schema()), "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = "
                        + literal(extension.name()) + ")"));
                if (!selected.contains(extension.schema()) && !extension.schema().equals("pg_catalog")) {
                    Address schemaAddress = new Address("schema " + extension.schema(), 0);
                    Unit schema = units.get(schemaAddress);
                    if (schema == null) {
                        schema = unit(schemaAddress, schemaObject(extension.schema()), SchemaSection.PRE_DATA);
                        schema.statements.add(createSchema(extension.schema()));
                    }
                    need(unit, schema);
                }
            }
        }

        /** pg_depend's edges between planned objects, except a serial sequence's on its table (OWNED BY comes last). */
        private void dependencies() {
            for (Dependency dependency : catalog.dependencies()) {
                Unit dependent = units.get(follow(dependency.dependent()));
                Unit referenced = units.get(follow(dependency.referenced()));
                if (dependent == null || referenced == null || dependent == referenced) {
                    continue;
                }
                if (dependency.type() == 'a' && dependent.object.kind() == ObjectKind.SEQUENCE) {
                    continue;
                }
                need(dependent, referenced);
            }
        }

        /** A view or function that needs a post-data object (a materialized view) is created in post-data too. */
        private void moveDependentsOfPostData() {
            boolean moved = true;
            while (moved) {
                moved = false;
                for (Map.Entry<Unit, Set<Unit>> entry : needs.entrySet()) {
                    Unit unit = entry.getKey();
                    if (unit.section == SchemaSection.PRE_DATA && MOVABLE.contains(unit.object.kind())
                            && entry.getValue().stream().anyMatch(n -> n.section == SchemaSection.POST_DATA)) {
                        unit.section = SchemaSection.POST_DATA;
                        moved = true;
                    }
                }
            }
        }

        private Address follow(Address address) {
            Address current = address;
            for (int hops = 0; hops < 8 && !units.containsKey(current); hops++) {
                Address next = catalog.aliases().get(current);
                if (next == null) {
                    break;
                }
                current = next;
            }
            return current;
        }

        private void need(Unit dependent, Unit referenced) {
            needs.computeIfAbsent(dependent, k -> new HashSet<>()).add(referenced);
        }

        private static void comment(Unit unit, String target, String oid, String catalogName, String comment) {
            if (comment == null) {
                return;
            }
            unit.statements.add(new SchemaStatement(unit.object, Action.COMMENT, "COMMENT ON " + target + " IS " + literal(comment),
                    "SELECT obj_description(" + oid + ", " + literal(catalogName) + ") IS NOT DISTINCT FROM " + literal(comment)));
        }

        private static String relationExists(ObjectName name) {
            return "SELECT " + regclass(name) + " IS NOT NULL";
        }

        private static String regclass(ObjectName name) {
            return "to_regclass(" + qualifiedLiteral(name) + ")";
        }

        /** reloptions ({@code fillfactor=70}) as a WITH list, each value quoted. */
        private static String options(List<String> options) {
            return options.stream().map(option -> {
                int equals = option.indexOf('=');
                return equals < 0 ? option : option.substring(0, equals) + " = " + literal(option.substring(equals + 1));
            }).collect(Collectors.joining(", "));
        }
    }
}
