package dmsrunbook.validation.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.mapping.TableName;
import dmsrunbook.testing.ComparedDatabases;
import dmsrunbook.testing.SharedMariaDb;
import dmsrunbook.testing.SharedPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keys and table shapes the diff must get right: composite keys with text ordered by a linguistic collation on one
 * side and another on the other (keys are ordered by code point on both), a unique NOT NULL key standing in for a
 * primary key, a table without any key (weaker evidence), an empty table, a table or a column missing on the target.
 */
class KeysAndTableShapesDiffIT {

    private static final List<String> LABELS = List.of("apple", "Banana", "cherry", "Éclair", "zebra", "😀 smile", "ﬃ ligature",
            "_under", "a b", "mango", "Zulu", "éclat");
    /** Cut into parts of 2 rows, 2 at a time: the bisection orders and bounds text keys at every level. */
    private static final DiffOptions TINY_PARTS = DiffOptions.defaults().withSegmentation(2, 2, 2, 2);

    @Test
    void compositeTextKeys_underDifferentCollations_postgresToPostgres() {
        String source = postgres("CREATE TABLE tags (tenant int, label text COLLATE \"und-x-icu\", value int, PRIMARY KEY (tenant, label));" + tags());
        String target = postgres("CREATE TABLE tags (tenant int, label text COLLATE \"sv-x-icu\", value int, PRIMARY KEY (tenant, label));" + tags()
                + PLANT_TAGS);

        TableDiffResult result = new TableDiffer(ComparedDatabases.postgres(source), ComparedDatabases.postgres(target))
                .diff(new TableDiffRequest(table("public", "tags"), table("public", "tags"), KeyRange.ALL, TINY_PARTS));

        assertPlantedTags(result);
    }

    @Test
    void compositeTextKeys_underDifferentCollations_mariaDbToPostgres() {
        String source = mariaDb("CREATE TABLE tags (tenant int, label varchar(50) COLLATE utf8mb4_unicode_520_ci, value int, "
                + "PRIMARY KEY (tenant, label)) CHARACTER SET utf8mb4;" + tags());
        String target = postgres("CREATE TABLE tags (tenant int, label text COLLATE \"und-x-icu\", value int, PRIMARY KEY (tenant, label));"
                + tags() + PLANT_TAGS);

        TableDiffResult result = new TableDiffer(ComparedDatabases.mariaDb(source), ComparedDatabases.postgres(target))
                .diff(new TableDiffRequest(table(source, "tags"), table("public", "tags"), KeyRange.ALL, TINY_PARTS));

        assertPlantedTags(result);
    }

    @Test
    void equalCompositeTextKeys_underDifferentCollations_areEqual() {
        String source = mariaDb("CREATE TABLE tags (tenant int, label varchar(50) COLLATE utf8mb4_general_ci, value int, "
                + "PRIMARY KEY (tenant, label)) CHARACTER SET utf8mb4;" + tags());
        String target = postgres("CREATE TABLE tags (tenant int, label text COLLATE \"sv-x-icu\", value int, PRIMARY KEY (tenant, label));" + tags());

        TableDiffResult result = new TableDiffer(ComparedDatabases.mariaDb(source), ComparedDatabases.postgres(target))
                .diff(new TableDiffRequest(table(source, "tags"), table("public", "tags"), KeyRange.ALL, DiffOptions.defaults().withMode(
                        dmsrunbook.spec.ValidationMode.ROWS)));

        assertThat(result.equal()).isTrue();
        assertThat(result.sourceRows()).isEqualTo(3L * LABELS.size());
    }

    @Test
    void uniqueNotNullKey_standsInForAMissingPrimaryKey() {
        String ddl = "CREATE TABLE people (email text NOT NULL UNIQUE, nickname text UNIQUE, age int);"
                + "INSERT INTO people SELECT 'user' || g || '@example.com', 'nick' || g, g FROM generate_series(1, 50) g;";
        String source = postgres(ddl);
        String target = postgres(ddl + "UPDATE people SET age = 0 WHERE email = 'user7@example.com';");

        TableDiffResult result = new TableDiffer(ComparedDatabases.postgres(source), ComparedDatabases.postgres(target))
                .diff(new TableDiffRequest(table("public", "people"), table("public", "people"), KeyRange.ALL, DiffOptions.defaults()));

        assertThat(result.keyColumns()).containsExactly("email");
        assertThat(result.evidence()).isEqualTo(Evidence.CHECKSUMS);
        assertThat(result.changedRows()).containsExactly(new ChangedRow(Key.of("user7@example.com"), List.of("age")));
    }

    @Test
    void tableWithoutAKey_isComparedByCountAndWholeTableChecksum_asWeakerEvidence() {
        String ddl = "CREATE TABLE audit (at timestamptz, message text);"
                + "INSERT INTO audit SELECT timestamptz '2024-01-01' + g * interval '1 hour', 'event ' || g FROM generate_series(1, 20) g;";
        String source = postgres(ddl);
        String equal = postgres(ddl);
        String changed = postgres(ddl + "UPDATE audit SET message = 'changed' WHERE message = 'event 3';");

        TableDiffResult same = new TableDiffer(ComparedDatabases.postgres(source), ComparedDatabases.postgres(equal))
                .diff(TableDiffRequest.whole(table("public", "audit"), table("public", "audit"), DiffOptions.defaults()));
        TableDiffResult different = new TableDiffer(ComparedDatabases.postgres(source), ComparedDatabases.postgres(changed))
                .diff(TableDiffRequest.whole(table("public", "audit"), table("public", "audit"), DiffOptions.defaults()));

        assertThat(same.equal()).isTrue();
        assertThat(same.evidence()).isEqualTo(Evidence.WHOLE_TABLE_CHECKSUM);
        assertThat(same.notes()).anyMatch(n -> n.contains("weaker evidence"));
        assertThat(different.equal()).isFalse();
        assertThat(different.sourceRows()).isEqualTo(different.targetRows()).isEqualTo(20);
        assertThat(different.keyColumns()).isEmpty();
    }

    @Test
    void tableWithoutAKey_holdingARowTwiceInsteadOfAnother_differs() {
        String source = mariaDb("CREATE TABLE pairs (a int, b text); INSERT INTO pairs VALUES (1, 'x'), (1, 'x'), (2, 'y'), (2, 'y');");
        String target = postgres("CREATE TABLE pairs (a int, b text); INSERT INTO pairs VALUES (1, 'x'), (1, 'x'), (3, 'z'), (3, 'z');");

        TableDiffResult result = new TableDiffer(ComparedDatabases.mariaDb(source), ComparedDatabases.postgres(target))
                .diff(TableDiffRequest.whole(table(source, "pairs"), table("public", "pairs"), DiffOptions.defaults()));

        assertThat(result.evidence()).isEqualTo(Evidence.WHOLE_TABLE_CHECKSUM);
        assertThat(result.equal()).isFalse();
    }

    @Test
    void emptyTables_areEqual_andARowOnOneSideIsExtra() {
        String source = mariaDb("CREATE TABLE empty_one (id int PRIMARY KEY, v text);");
        String equal = postgres("CREATE TABLE empty_one (id int PRIMARY KEY, v text);");
        String oneRow = postgres("CREATE TABLE empty_one (id int PRIMARY KEY, v text); INSERT INTO empty_one VALUES (1, 'only');");

        TableDiffResult same = new TableDiffer(ComparedDatabases.mariaDb(source), ComparedDatabases.postgres(equal))
                .diff(TableDiffRequest.whole(table(source, "empty_one"), table("public", "empty_one"), DiffOptions.defaults()));
        TableDiffResult extra = new TableDiffer(ComparedDatabases.mariaDb(source), ComparedDatabases.postgres(oneRow))
                .diff(TableDiffRequest.whole(table(source, "empty_one"), table("public", "empty_one"), DiffOptions.defaults()));

        assertThat(same.equal()).isTrue();
        assertThat(same.sourceRows()).isZero();
        assertThat(extra.extraKeys()).containsExactly(Key.of("1"));
        assertThat(extra.missingOnTarget()).isZero();
    }

    @Test
    void tableMissingOnTheTarget_isReported_notThrown() {
        String source = postgres("CREATE TABLE orders (id int PRIMARY KEY);");
        String target = postgres("SELECT 1;");

        TableDiffResult result = new TableDiffer(ComparedDatabases.postgres(source), ComparedDatabases.postgres(target))
                .diff(TableDiffRequest.whole(table("public", "orders"), table("public", "orders"), DiffOptions.defaults()));

        assertThat(result.equal()).isFalse();
        assertThat(result.evidence()).isEqualTo(Evidence.MISSING_TABLE);
        assertThat(result.notes()).containsExactly("the target table public.orders does not exist");
    }

    @Test
    void columnMissingOnTheTarget_makesTheTableDiffer_whileAnExtraTargetColumnIsOnlyNoted() {
        String source = postgres("CREATE TABLE orders (id int PRIMARY KEY, total numeric(10,2), note text); INSERT INTO orders VALUES (1, 9.99, 'a');");
        String target = postgres("CREATE TABLE orders (id int PRIMARY KEY, total numeric(10,2), loaded_at timestamptz DEFAULT now());"
                + "INSERT INTO orders (id, total) VALUES (1, 9.99);");

        TableDiffResult result = new TableDiffer(ComparedDatabases.postgres(source), ComparedDatabases.postgres(target))
                .diff(TableDiffRequest.whole(table("public", "orders"), table("public", "orders"), DiffOptions.defaults()));

        assertThat(result.equal()).isFalse();
        assertThat(result.differences()).isZero();
        assertThat(result.notes()).contains("columns missing on the target: note", "target columns not on the source, not compared: loaded_at");
    }

    private static final String PLANT_TAGS = """
            UPDATE tags SET value = -1 WHERE tenant = 2 AND label = 'ﬃ ligature';
            UPDATE tags SET value = -1 WHERE tenant = 1 AND label = '😀 smile';
            DELETE FROM tags WHERE tenant = 3 AND label = 'Éclair';
            INSERT INTO tags VALUES (1, 'Zzz extra', 0);
            """;

    private static void assertPlantedTags(TableDiffResult result) {
        assertThat(result.keyColumns()).containsExactly("tenant", "label");
        assertThat(result.missingKeys()).containsExactly(Key.of("3", "Éclair"));
        assertThat(result.extraKeys()).containsExactly(Key.of("1", "Zzz extra"));
        // By code point: U+FB03 (ﬃ) sorts before U+1F600 (😀), though UTF-16 puts the emoji's surrogates first.
        assertThat(result.changedRows()).containsExactly(new ChangedRow(Key.of("1", "😀 smile"), List.of("value")),
                new ChangedRow(Key.of("2", "ﬃ ligature"), List.of("value")));
        assertThat(result.differences()).isEqualTo(4);
    }

    private static String tags() {
        StringBuilder sql = new StringBuilder("INSERT INTO tags VALUES ");
        for (int tenant = 1; tenant <= 3; tenant++) {
            for (int i = 0; i < LABELS.size(); i++) {
                sql.append(tenant == 1 && i == 0 ? "" : ", ").append("(").append(tenant).append(", '").append(LABELS.get(i)).append("', ")
                        .append(tenant * 100 + i).append(")");
            }
        }
        return sql.append(";").toString();
    }

    private static TableName table(String schema, String name) {
        return new TableName(schema, name);
    }

    private static String postgres(String sql) {
        String database = SharedPostgres.freshDatabase("shapes");
        SharedPostgres.cluster().execute(database, sql);
        return database;
    }

    private static String mariaDb(String sql) {
        String database = SharedMariaDb.freshDatabase("shapes");
        SharedMariaDb.server().execute(database, sql);
        return database;
    }
}
