package dmsrunbook.testing;

import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.validation.diff.ComparedDatabase;

/** The shared local servers' databases as sides of a comparison, connecting as their superuser. */
public final class ComparedDatabases {

    private ComparedDatabases() {
    }

    public static ComparedDatabase postgres(String database) {
        return new ComparedDatabase(DatabaseEngine.POSTGRES, "postgres " + database, () -> SharedPostgres.cluster().connect(database));
    }

    public static ComparedDatabase auroraPostgres(String database) {
        return new ComparedDatabase(DatabaseEngine.AURORA_POSTGRESQL, "aurora-postgresql " + database,
                () -> SharedPostgres.cluster().connect(database));
    }

    public static ComparedDatabase mariaDb(String database) {
        return new ComparedDatabase(DatabaseEngine.MARIADB, "mariadb " + database, () -> SharedMariaDb.server().connect(database));
    }
}
