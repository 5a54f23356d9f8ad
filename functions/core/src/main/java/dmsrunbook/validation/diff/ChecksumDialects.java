package dmsrunbook.validation.diff;

import dmsrunbook.database.mysql.MySqlChecksums;
import dmsrunbook.database.postgres.PostgresChecksums;
import dmsrunbook.spec.DatabaseEngine;

/** The diff's SQL for each database family. */
public final class ChecksumDialects {

    private static final ChecksumDialect POSTGRES = new PostgresChecksums();
    private static final ChecksumDialect MYSQL = new MySqlChecksums();

    private ChecksumDialects() {
    }

    public static ChecksumDialect of(DatabaseEngine engine) {
        return switch (engine.family()) {
            case POSTGRES -> POSTGRES;
            case MYSQL -> MYSQL;
            case OBJECT_STORE -> throw new IllegalArgumentException(engine.value() + " is not a database: its data cannot be diffed with SQL");
        };
    }
}
