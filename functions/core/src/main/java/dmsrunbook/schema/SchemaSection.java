package dmsrunbook.schema;

/**
 * The two halves of a schema, split as {@code pg_dump --section} splits them: what must exist before the rows are
 * loaded, and what is faster to build after they are (indexes, constraints, triggers, materialized views).
 */
public enum SchemaSection {
    /** Schemas, extensions, types, sequences, tables with their primary keys, functions, views. */
    PRE_DATA,
    /** Secondary indexes, unique, check and foreign key constraints, triggers, rules, materialized views. */
    POST_DATA
}
