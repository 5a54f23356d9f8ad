package dmsrunbook.database.postgres;

import dmsrunbook.schema.ObjectName;
import java.util.List;
import java.util.Map;

/**
 * What pg_catalog says about the selected schemas of one database, read by {@link PostgresCatalogReader} in one
 * snapshot: each object with the definition PostgreSQL renders for it ({@code format_type}, {@code pg_get_indexdef},
 * {@code pg_get_constraintdef}, {@code pg_get_functiondef}, {@code pg_get_viewdef}, {@code pg_get_triggerdef},
 * {@code pg_get_expr}), read with an empty search_path so every name in them is schema-qualified. Objects that
 * belong to an extension are not listed: the extension brings them.
 *
 * <p>{@code dependencies} are pg_depend's edges between user objects; {@code aliases} map the catalog rows that stand
 * for a listed object (a table's row type, an array type, a column default, a view's rewrite rule, the index of a
 * constraint, an extension's member) to that object, so an edge can be read as "this object needs that one".
 */
public record PostgresCatalog(
        List<Schema> schemas,
        List<Extension> extensions,
        List<Collation> collations,
        List<EnumType> enums,
        List<Domain> domains,
        List<CompositeType> compositeTypes,
        List<RangeType> rangeTypes,
        List<Sequence> sequences,
        List<Table> tables,
        List<Constraint> constraints,
        List<Index> indexes,
        List<Function> functions,
        List<View> views,
        List<Trigger> triggers,
        List<Rule> rules,
        List<Dependency> dependencies,
        Map<Address, Address> aliases,
        List<String> notCarried) {

    /** A row of a system catalog: the catalog's name (e.g. {@code pg_class}) and the row's oid. */
    public record Address(String catalog, long oid) {
    }

    /** {@code dependent} needs {@code referenced}; {@code type} is pg_depend's deptype ('n' normal, 'a' auto). */
    public record Dependency(Address dependent, Address referenced, char type) {
    }

    public record Schema(long oid, String name, String comment) {
    }

    public record Extension(long oid, String name, String schema, String version) {
    }

    /** {@code provider} is 'i' (ICU) or 'c' (libc); {@code locale} is the ICU locale. */
    public record Collation(long oid, ObjectName name, char provider, String collate, String ctype, String locale,
                            boolean deterministic) {
    }

    public record EnumType(long oid, ObjectName name, List<String> labels, String comment) {
    }

    /** {@code collation} is set only when it differs from the base type's. */
    public record Domain(long oid, ObjectName name, String baseType, ObjectName collation, String defaultExpression,
                         boolean notNull, List<DomainCheck> checks, String comment) {
    }

    public record DomainCheck(long oid, String name, String definition, boolean validated) {
    }

    public record CompositeType(long oid, long relationOid, ObjectName name, List<Attribute> attributes, String comment) {
    }

    public record Attribute(String name, String type, ObjectName collation) {
    }

    /** Optional parts are null when they are the subtype's defaults. */
    public record RangeType(long oid, ObjectName name, String subtype, ObjectName opclass, ObjectName collation,
                            String canonical, String subtypeDiff, ObjectName multirange, String comment) {
    }

    /** How a sequence is tied to a column: not at all, OWNED BY (serial), or as an identity column's. */
    public enum Ownership { NONE, OWNED, IDENTITY }

    public record Sequence(long oid, ObjectName name, String dataType, long start, long increment, long min, long max,
                           long cache, boolean cycle, boolean unlogged, Ownership ownership, ObjectName table,
                           String column, String comment) {
    }

    /**
     * A table or partitioned table ({@code partitionKey} set). A partition has {@code parent} and {@code
     * partitionBound} ({@code FOR VALUES ...} or {@code DEFAULT}).
     */
    public record Table(long oid, ObjectName name, boolean partitioned, boolean unlogged, String partitionKey,
                        ObjectName parent, long parentOid, String partitionBound, List<String> options,
                        List<Column> columns, String comment) {

        public boolean isPartition() {
            return parent != null;
        }
    }

    /**
     * A column. {@code generated} columns keep their expression in {@code defaultExpression}; {@code identity} is 'a'
     * (ALWAYS), 'd' (BY DEFAULT) or blank; {@code collation} is set only when it differs from the type's.
     */
    public record Column(String name, String type, ObjectName collation, boolean notNull, String defaultExpression,
                         boolean generated, char identity, boolean local, String comment) {
    }

    /**
     * A table constraint; {@code type} is pg_constraint's contype ('p', 'u', 'x', 'f', 'c'). A partition's copy of
     * its parent's constraint has {@code parentOid} (and {@code parentTableOid}, the parent constraint's table).
     */
    public record Constraint(long oid, long tableOid, ObjectName table, String name, char type, String definition,
                             boolean validated, long parentOid, long parentTableOid, boolean local, long indexOid,
                             boolean onPartitionedTable, String comment) {
    }

    /**
     * An index that backs no constraint; {@code quotedName} is the name as {@code pg_get_indexdef} writes it;
     * {@code parentOid} is the partitioned index it is attached to, if any.
     */
    public record Index(long oid, long tableOid, ObjectName name, ObjectName table, String definition,
                        boolean unique, String quotedName, long parentOid, String comment) {
    }

    /** {@code kind} is pg_proc's prokind: 'f' function, 'p' procedure, 'w' window function. */
    public record Function(long oid, ObjectName name, String arguments, char kind, String definition, String comment) {
    }

    /** A view or materialized view; {@code query} has no trailing semicolon. */
    public record View(long oid, ObjectName name, boolean materialized, String query, List<String> options,
                       boolean populated, List<Column> columns, String comment) {
    }

    /** {@code enabled} is pg_trigger's tgenabled: 'O' (origin), 'D' (disabled), 'R' (replica), 'A' (always). */
    public record Trigger(long oid, long tableOid, ObjectName table, String name, String definition, char enabled) {
    }

    public record Rule(long oid, long tableOid, ObjectName table, String name, String definition) {
    }
}
