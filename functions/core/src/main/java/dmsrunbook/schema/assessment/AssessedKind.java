package dmsrunbook.schema.assessment;

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
}
