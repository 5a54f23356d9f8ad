package dmsrunbook.validation.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.ValidationMode;
import dmsrunbook.testing.ComparedDatabases;
import dmsrunbook.testing.SharedMariaDb;
import dmsrunbook.testing.SharedPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The diff across engines, MariaDB to PostgreSQL, with the types DMS maps between them (tinyint(1) to boolean,
 * DATETIME and TIMESTAMP to timestamp and timestamptz, JSON stored as text to jsonb, longblob to bytea): equal data
 * checksums equal in both databases, and every planted difference is found as it is between two PostgreSQLs.
 */
class MariaDbToPostgresDiffIT {

    @Test
    void equalData_checksumsEqual_onBothEngines_withoutFetchingARow() {
        Pair db = pair(PlantedAccounts.MARIADB_DDL + PlantedAccounts.MARIADB_SEED, PlantedAccounts.POSTGRES_DDL + PlantedAccounts.POSTGRES_SEED);

        TableDiffResult result = db.diff(DiffOptions.defaults().withFloatTolerance(PlantedAccounts.FLOAT_TOLERANCE));

        assertThat(result.equal()).as(result.toString()).isTrue();
        assertThat(result.sourceRows()).isEqualTo(PlantedAccounts.ROWS);
        // JSON (with its keys in another order on each side) is compared in Java on its own stream, not fetched as rows.
        assertThat(result.notes()).anyMatch(n -> n.startsWith("JSON columns are compared in Java"));
        assertThat(result.checksumQueries()).isEqualTo(1);
        assertThat(result.rowsFetched()).as("rows of key + JSON columns streamed from both sides").isEqualTo(2L * PlantedAccounts.ROWS);
    }

    @Test
    void plantedDifferences_areEachFound_withTheirKeysAndChangedColumns_andNothingElse() {
        Pair db = pair(PlantedAccounts.MARIADB_DDL + PlantedAccounts.MARIADB_SEED,
                PlantedAccounts.POSTGRES_DDL + PlantedAccounts.POSTGRES_SEED + PlantedAccounts.PLANT_ON_TARGET);

        TableDiffResult result = db.diff(DiffOptions.defaults().withFloatTolerance(PlantedAccounts.FLOAT_TOLERANCE).withMaxReportedKeys(20));

        assertThat(result.missingKeys()).containsExactly(Key.of("10"));
        assertThat(result.extraKeys()).containsExactly(Key.of("5000"));
        assertThat(result.changedRows()).containsExactlyElementsOf(PlantedAccounts.CHANGED);
        assertThat(result.changed()).isEqualTo(PlantedAccounts.CHANGED.size());
    }

    @Test
    void everyRowCompared_findsTheSameDifferences() {
        Pair db = pair(PlantedAccounts.MARIADB_DDL + PlantedAccounts.MARIADB_SEED,
                PlantedAccounts.POSTGRES_DDL + PlantedAccounts.POSTGRES_SEED + PlantedAccounts.PLANT_ON_TARGET);

        TableDiffResult result = db.diff(DiffOptions.defaults().withFloatTolerance(PlantedAccounts.FLOAT_TOLERANCE).withMaxReportedKeys(20)
                .withMode(ValidationMode.ROWS));

        assertThat(result.missingKeys()).containsExactly(Key.of("10"));
        assertThat(result.extraKeys()).containsExactly(Key.of("5000"));
        assertThat(result.changedRows()).containsExactlyElementsOf(PlantedAccounts.CHANGED);
    }

    @Test
    void floatColumnOfSinglePrecision_equalsTheSameFloatOnTheOtherSide() {
        Pair db = pair("CREATE TABLE accounts (id int PRIMARY KEY, r float, d double); INSERT INTO accounts VALUES (1, 0.1, 0.1), (2, 3.3, 1e20), (3, 1e-7, 1.5e-7);",
                "CREATE TABLE accounts (id int PRIMARY KEY, r real, d double precision); INSERT INTO accounts VALUES (1, 0.1, 0.1), (2, 3.3, 1e20), (3, 1e-7, 1.5e-7);");

        TableDiffResult result = db.diff(DiffOptions.defaults());

        assertThat(result.equal()).as(result.toString()).isTrue();
    }

    private record Pair(String source, String target) {
        TableDiffResult diff(DiffOptions options) {
            TableDiffer differ = new TableDiffer(ComparedDatabases.mariaDb(source), ComparedDatabases.postgres(target));
            return differ.diff(new TableDiffRequest(new TableName(source, "accounts"), new TableName("public", "accounts"), KeyRange.ALL, options));
        }
    }

    private static Pair pair(String sourceSql, String targetSql) {
        String source = SharedMariaDb.freshDatabase("diff_source");
        String target = SharedPostgres.freshDatabase("diff_target");
        SharedMariaDb.server().execute(source, sourceSql);
        SharedPostgres.cluster().execute(target, targetSql);
        return new Pair(source, target);
    }
}
