package dmsrunbook.validation.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.internal.Json;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.ValidationMode;
import dmsrunbook.testing.ComparedDatabases;
import dmsrunbook.testing.SharedPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The diff between two PostgreSQL databases, as after a PostgreSQL to Aurora PostgreSQL migration: every planted
 * difference is found with its key and its column names and nothing else is, equal data is equal, and the fast
 * native row hash finds it by fetching a few rows only.
 */
class PostgresToPostgresDiffIT {

    private static final TableName ACCOUNTS = new TableName("public", "accounts");

    @Test
    void plantedDifferences_areEachFound_withTheirKeysAndChangedColumns_andNothingElse() {
        Pair db = pair(PlantedAccounts.POSTGRES_DDL + PlantedAccounts.POSTGRES_SEED,
                PlantedAccounts.POSTGRES_DDL + PlantedAccounts.POSTGRES_SEED + PlantedAccounts.PLANT_ON_TARGET);

        TableDiffResult result = db.differ().diff(request(options()));

        assertThat(result.equal()).isFalse();
        assertThat(result.evidence()).isEqualTo(Evidence.CHECKSUMS);
        assertThat(result.sourceRows()).isEqualTo(PlantedAccounts.ROWS);
        assertThat(result.targetRows()).isEqualTo(PlantedAccounts.ROWS);
        assertThat(result.missingKeys()).containsExactly(Key.of("10"));
        assertThat(result.extraKeys()).containsExactly(Key.of("5000"));
        assertThat(result.changedRows()).containsExactlyElementsOf(PlantedAccounts.CHANGED);
        assertThat(result.missingOnTarget()).isEqualTo(1);
        assertThat(result.extraOnTarget()).isEqualTo(1);
        assertThat(result.changed()).isEqualTo(PlantedAccounts.CHANGED.size());
        assertThat(result.keyColumns()).containsExactly("id");
    }

    @Test
    void everyRowCompared_findsTheSameDifferences() {
        Pair db = pair(PlantedAccounts.POSTGRES_DDL + PlantedAccounts.POSTGRES_SEED,
                PlantedAccounts.POSTGRES_DDL + PlantedAccounts.POSTGRES_SEED + PlantedAccounts.PLANT_ON_TARGET);

        TableDiffResult result = db.differ().diff(request(options().withMode(ValidationMode.ROWS)));

        assertThat(result.evidence()).isEqualTo(Evidence.ROWS);
        assertThat(result.missingKeys()).containsExactly(Key.of("10"));
        assertThat(result.extraKeys()).containsExactly(Key.of("5000"));
        assertThat(result.changedRows()).containsExactlyElementsOf(PlantedAccounts.CHANGED);
        assertThat(result.rowsFetched()).isEqualTo(2L * PlantedAccounts.ROWS);
    }

    @Test
    void result_namesKeysAndColumns_butNeverAValue() {
        Pair db = pair(PlantedAccounts.POSTGRES_DDL + PlantedAccounts.POSTGRES_SEED,
                PlantedAccounts.POSTGRES_DDL + PlantedAccounts.POSTGRES_SEED + PlantedAccounts.PLANT_ON_TARGET);

        String json = Json.write(db.differ().diff(request(options())));

        assertThat(json).contains("\"local_time\"", "\"160\"").doesNotContain("name 40", "renamed", "note 1", "xxxx");
    }

    @Test
    void equalTables_areEqual_afterOneChecksumPassOverEachSide_withoutFetchingARow() {
        Pair db = pair(PlantedAccounts.POSTGRES_DDL + PlantedAccounts.POSTGRES_SEED, PlantedAccounts.POSTGRES_DDL + PlantedAccounts.POSTGRES_SEED);

        TableDiffResult result = db.differ().diff(request(options()));

        assertThat(result.equal()).isTrue();
        assertThat(result.differences()).isZero();
        assertThat(result.checksumQueries()).isEqualTo(1);
        assertThat(result.rowsFetched()).isZero();
        assertThat(result.recheckRanges()).isEmpty();
    }

    @Test
    void floatBeyondTheTolerance_differs_andWithinIt_doesNot() {
        Pair db = pair("CREATE TABLE m (id int PRIMARY KEY, v double precision, r real); INSERT INTO m VALUES (1, 0.1, 0.1), (2, 1.0, 1.0), (3, 2.5, 2.5);",
                "CREATE TABLE m (id int PRIMARY KEY, v double precision, r real); INSERT INTO m VALUES (1, 0.1 + 1e-7, 0.1), (2, 1.0 + 1e-3, 1.0), (3, 2.5, 2.5 + 1e-3);");
        TableDiffRequest request = new TableDiffRequest(new TableName("public", "m"), new TableName("public", "m"), KeyRange.ALL,
                DiffOptions.defaults().withFloatTolerance(1e-6));

        TableDiffResult result = db.differ().diff(request);

        assertThat(result.changedRows()).containsExactly(new ChangedRow(Key.of("2"), List.of("v")), new ChangedRow(Key.of("3"), List.of("r")));
    }

    @Test
    void numericOfAnotherDeclaredScale_isEqualWhereTheValueIsKept_andDiffersWhereItWasRounded() {
        // GIVEN prices at scale 4 on the source, scale 2 on the target: 1.2345 lost its last digits
        Pair db = pair("CREATE TABLE prices (id int PRIMARY KEY, price numeric(14,4));"
                        + "INSERT INTO prices SELECT g, g / 4.0 FROM generate_series(1, 100) g; UPDATE prices SET price = 1.2345 WHERE id = 7;",
                "CREATE TABLE prices (id int PRIMARY KEY, price numeric(14,2));"
                        + "INSERT INTO prices SELECT g, g / 4.0 FROM generate_series(1, 100) g; UPDATE prices SET price = 1.23 WHERE id = 7;");

        TableDiffResult result = db.differ().diff(new TableDiffRequest(new TableName("public", "prices"), new TableName("public", "prices"),
                KeyRange.ALL, DiffOptions.defaults()));

        assertThat(result.changedRows()).containsExactly(new ChangedRow(Key.of("7"), List.of("price")));
        assertThat(result.differences()).isEqualTo(1);
    }

    @Test
    void fewDifferencesInALargeTable_areFound_byFetchingOnlyTheRowsAroundThem() {
        String table = "CREATE TABLE events (id bigint PRIMARY KEY, payload text, at timestamptz);"
                + "INSERT INTO events SELECT g, 'event ' || g, timestamptz '2024-01-01' + g * interval '1 second' FROM generate_series(1, 200000) g;";
        Pair db = pair(table, table + "UPDATE events SET payload = 'lost' WHERE id IN (17, 123456); DELETE FROM events WHERE id = 199999;");

        TableDiffResult result = db.differ().diff(new TableDiffRequest(new TableName("public", "events"), new TableName("public", "events"),
                KeyRange.ALL, DiffOptions.defaults()));

        assertThat(result.changedRows()).extracting(ChangedRow::key).containsExactly(Key.of("17"), Key.of("123456"));
        assertThat(result.missingKeys()).containsExactly(Key.of("199999"));
        assertThat(result.rowsFetched()).as("rows fetched of 400,000").isLessThan(3 * 2 * DiffOptions.DEFAULT_LEAF_ROWS);
        assertThat(result.recheckRanges()).hasSize(3);
    }

    private static DiffOptions options() {
        return DiffOptions.defaults().withFloatTolerance(PlantedAccounts.FLOAT_TOLERANCE).withMaxReportedKeys(20);
    }

    private static TableDiffRequest request(DiffOptions options) {
        return new TableDiffRequest(ACCOUNTS, ACCOUNTS, KeyRange.ALL, options);
    }

    private record Pair(String source, String target) {
        TableDiffer differ() {
            return new TableDiffer(ComparedDatabases.postgres(source), ComparedDatabases.auroraPostgres(target));
        }
    }

    private static Pair pair(String sourceSql, String targetSql) {
        String source = SharedPostgres.freshDatabase("diff_source");
        String target = SharedPostgres.freshDatabase("diff_target");
        SharedPostgres.cluster().execute(source, sourceSql);
        SharedPostgres.cluster().execute(target, targetSql);
        return new Pair(source, target);
    }
}
