package dmsrunbook.database;

import dmsrunbook.database.mysql.MySqlFamily;
import dmsrunbook.database.postgres.PostgresFamily;
import dmsrunbook.spec.DatabaseEngine;

/** The database families the runbook knows, one per {@link DatabaseEngine.Family}: the one place that chooses. */
public final class DatabaseFamilies {

    private static final DatabaseFamily POSTGRES = new PostgresFamily();
    private static final DatabaseFamily MYSQL = new MySqlFamily();

    private DatabaseFamilies() {
    }

    /** The family of a database engine. */
    public static DatabaseFamily of(DatabaseEngine engine) {
        return switch (engine.family()) {
            case POSTGRES -> POSTGRES;
            case MYSQL -> MYSQL;
            case OBJECT_STORE -> throw new IllegalArgumentException(engine.value() + " is not a database");
        };
    }
}
