package dmsrunbook.schema;

/** The kinds of schema objects the runbook reads, creates and compares, in words a report can use. */
public enum ObjectKind {
    SCHEMA("schema"),
    EXTENSION("extension"),
    COLLATION("collation"),
    ENUM("enum type"),
    DOMAIN("domain"),
    COMPOSITE_TYPE("composite type"),
    RANGE_TYPE("range type"),
    SEQUENCE("sequence"),
    TABLE("table"),
    PARTITION("partition"),
    COLUMN("column"),
    PRIMARY_KEY("primary key"),
    UNIQUE_CONSTRAINT("unique constraint"),
    EXCLUSION_CONSTRAINT("exclusion constraint"),
    FOREIGN_KEY("foreign key"),
    CHECK_CONSTRAINT("check constraint"),
    INDEX("index"),
    FUNCTION("function"),
    PROCEDURE("procedure"),
    VIEW("view"),
    MATERIALIZED_VIEW("materialized view"),
    TRIGGER("trigger"),
    RULE("rule"),
    /** A MySQL scheduled event (PostgreSQL has none: pg_cron or an outside scheduler does that work). */
    EVENT("event");

    private final String words;

    ObjectKind(String words) {
        this.words = words;
    }

    /** The kind as a report says it, e.g. "materialized view". */
    public String words() {
        return words;
    }
}
