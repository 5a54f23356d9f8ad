package dmsrunbook.schema.assessment;

import dmsrunbook.schema.ObjectKind;

/**
 * The kinds of things the schema assessment classifies: the schema objects the runbook reads and creates, and what
 * lives beside them (large objects, event triggers, owners, grants) or is only checked (DMS's own assessments).
 */
public enum AssessedKind {
    SCHEMA("schema"),
    EXTENSION("extension"),
    COLLATION("collation"),
    ENUM("enum type"),
    DOMAIN("domain"),
    COMPOSITE_TYPE("composite type"),
    RANGE_TYPE("range type"),
    SEQUENCE("sequence"),
    TABLE("table"),
    PARTITIONED_TABLE("partitioned table"),
    PARTITION("partition"),
    COLUMN("column"),
    IDENTITY_COLUMN("identity column"),
    GENERATED_COLUMN("generated column"),
    CONSTRAINT("constraint"),
    INDEX("index"),
    FUNCTION("function"),
    PROCEDURE("procedure"),
    VIEW("view"),
    MATERIALIZED_VIEW("materialized view"),
    TRIGGER("trigger"),
    RULE("rule"),
    /** A MySQL scheduled event (PostgreSQL has none). */
    EVENT("event"),
    LARGE_OBJECTS("large objects"),
    EVENT_TRIGGER("event trigger"),
    OWNER("owner"),
    GRANT("grants"),
    /** What the schema step names but does not create (policies, foreign tables, aggregates...). */
    OTHER("other object"),
    /** One of DMS's own premigration assessments. */
    DMS_ASSESSMENT("DMS premigration assessment");

    private final String words;

    AssessedKind(String words) {
        this.words = words;
    }

    /** The kind as a report says it, e.g. "materialized view". */
    public String words() {
        return words;
    }

    /** How the assessment files an object of a schema plan or conversion: its constraints of every kind as one. */
    public static AssessedKind of(ObjectKind kind) {
        return switch (kind) {
            case SCHEMA -> SCHEMA;
            case EXTENSION -> EXTENSION;
            case COLLATION -> COLLATION;
            case ENUM -> ENUM;
            case DOMAIN -> DOMAIN;
            case COMPOSITE_TYPE -> COMPOSITE_TYPE;
            case RANGE_TYPE -> RANGE_TYPE;
            case SEQUENCE -> SEQUENCE;
            case TABLE -> TABLE;
            case PARTITION -> PARTITION;
            case COLUMN -> COLUMN;
            case PRIMARY_KEY, UNIQUE_CONSTRAINT, EXCLUSION_CONSTRAINT, FOREIGN_KEY, CHECK_CONSTRAINT -> CONSTRAINT;
            case INDEX -> INDEX;
            case FUNCTION -> FUNCTION;
            case PROCEDURE -> PROCEDURE;
            case VIEW -> VIEW;
            case MATERIALIZED_VIEW -> MATERIALIZED_VIEW;
            case TRIGGER -> TRIGGER;
            case RULE -> RULE;
            case EVENT -> EVENT;
        };
    }
}
