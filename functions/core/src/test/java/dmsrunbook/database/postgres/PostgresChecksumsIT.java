package dmsrunbook.database.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.mapping.TableName;
import dmsrunbook.testing.ComparedDatabases;
import dmsrunbook.testing.SharedPostgres;
import dmsrunbook.validation.diff.ChangedRow;
import dmsrunbook.validation.diff.ChecksumDialect;
import dmsrunbook.validation.diff.ComparedDatabase;
import dmsrunbook.validation.diff.DiffOptions;
import dmsrunbook.validation.diff.IntegerCut;
import dmsrunbook.validation.diff.Key;
import dmsrunbook.validation.diff.KeyRange;
import dmsrunbook.validation.diff.SegmentSum;
import dmsrunbook.validation.diff.TableDiffRequest;
import dmsrunbook.validation.diff.TableDiffResult;
import dmsrunbook.validation.diff.TableDiffer;
import dmsrunbook.validation.diff.TablePlan;
import dmsrunbook.validation.diff.TableSide;
import java.math.BigInteger;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's checksums on the same-engine path: the parts of an integer key numbered by arithmetic hold exactly the
 * rows the boundaries give them (also rows outside the span the cut was sized from), differences on either side of a
 * part's boundary and beyond the source's keys are found, and each type's own hash tells a NULL from a value.
 */
class PostgresChecksumsIT {

    @Test
    void integerCutByArithmetic_sumsEveryPartAsItsBoundariesDo() throws Exception {
        String database = SharedPostgres.freshDatabase("checksums_cut");
        SharedPostgres.cluster().execute(database, """
                CREATE TABLE spans (id int PRIMARY KEY, v text, n numeric);
                INSERT INTO spans SELECT g, CASE WHEN g % 5 = 0 THEN NULL ELSE 'v' || g END, g / 3.0
                FROM generate_series(-300, 5000) g WHERE g % 7 <> 3;
                """);
        ComparedDatabase side = ComparedDatabases.postgres(database);
        ChecksumDialect dialect = side.dialect();
        try (Connection connection = side.openReadOnly(Duration.ofMinutes(1))) {
            TableSide spans = TablePlan.of(dialect.describe(connection, new TableName("public", "spans")).orElseThrow(),
                    dialect.describe(connection, new TableName("public", "spans")).orElseThrow(), 0).source();
            assertThat(dialect.cutsIntegerKeysByArithmetic(spans)).isTrue();
            KeyRange inner = new KeyRange(Key.of("-100"), Key.of("4000"));
            for (int parts : new int[] {2, 7, 64, 1024}) {
                // Whole table cut over a narrower span (rows below and above it, as rows written meanwhile), and a range.
                IntegerCut narrower = IntegerCut.of(BigInteger.valueOf(-100), BigInteger.valueOf(3000), parts);
                IntegerCut ofRange = IntegerCut.of(BigInteger.valueOf(-99), BigInteger.valueOf(4000), parts);

                List<SegmentSum> byArithmetic = dialect.checksums(connection, spans, KeyRange.ALL, narrower);
                List<SegmentSum> byBounds = dialect.checksums(connection, spans, KeyRange.ALL, narrower.bounds());

                assertThat(byArithmetic).as("%d parts", parts).hasSize(narrower.bounds().size() + 1).isEqualTo(byBounds);
                assertThat(byArithmetic.stream().mapToLong(SegmentSum::rows).sum()).isEqualTo(dialect.count(connection, spans, KeyRange.ALL));
                assertThat(dialect.checksums(connection, spans, inner, ofRange)).as("%d parts of a range", parts)
                        .isEqualTo(dialect.checksums(connection, spans, inner, ofRange.bounds()));
            }
        }
    }

    @Test
    void differencesOnEitherSideOfPartBoundaries_andBeyondTheSourcesKeys_areEachFound_andNothingElse() {
        String table = "CREATE TABLE b (id bigint PRIMARY KEY, v int, t text);"
                + "INSERT INTO b SELECT g, g % 1000, 't' || g FROM generate_series(1, 100000) g;";
        // Keys 0..100001 on the two sides: the default first cut, 100,002 values in parts of about 1,024, is 98 parts.
        List<Key> bounds = IntegerCut.of(BigInteger.ZERO, BigInteger.valueOf(100_001), 98).bounds();
        List<Long> changed = new ArrayList<>();
        for (Key bound : List.of(bounds.get(0), bounds.get(48), bounds.get(bounds.size() - 1))) {
            long last = Long.parseLong(bound.values().get(0));
            changed.add(last);
            changed.add(last + 1);
        }
        StringBuilder plant = new StringBuilder("DELETE FROM b WHERE id IN (1, 100000); INSERT INTO b VALUES (0, 0, 't0'), (100001, 1, 't100001');");
        changed.forEach(id -> plant.append("UPDATE b SET v = v + 1 WHERE id = ").append(id).append(';'));
        String source = database(table);
        String target = database(table + plant);

        TableDiffResult result = new TableDiffer(ComparedDatabases.postgres(source), ComparedDatabases.postgres(target))
                .diff(new TableDiffRequest(new TableName("public", "b"), new TableName("public", "b"), KeyRange.ALL,
                        DiffOptions.defaults().withMaxReportedKeys(50)));

        assertThat(result.missingKeys()).containsExactly(Key.of("1"), Key.of("100000"));
        assertThat(result.extraKeys()).containsExactly(Key.of("0"), Key.of("100001"));
        assertThat(result.changedRows()).containsExactlyElementsOf(changed.stream().map(id -> new ChangedRow(Key.of(id.toString()), List.of("v")))
                .toList());
        assertThat(result.differences()).isEqualTo(4 + changed.size());
        assertThat(result.rowsFetched()).as("rows fetched of 200,000").isLessThan(4_000);
    }

    @Test
    void aNullAgainstAValue_isFoundInEveryTypesOwnHash_underACompositeTextKey() {
        List<String> columns = List.of("c_int2 smallint", "c_int4 integer", "c_int8 bigint", "c_num numeric(10,3)", "c_numeric numeric",
                "c_real real", "c_double double precision", "c_bool boolean", "c_text text", "c_varchar varchar(10)", "c_char char(5)",
                "c_date date", "c_time time", "c_ts timestamp", "c_tstz timestamptz", "c_interval interval", "c_uuid uuid", "c_bytea bytea",
                "c_jsonb jsonb", "c_json json", "c_inet inet", "c_mood mood");
        String values = "1, 2, 3, 4.5, 6.75, 0.5, 0.25, true, 'text', 'varchar', 'char', date '2024-02-29', time '12:34:56.789', "
                + "timestamp '2024-01-01 01:02:03.456789', timestamptz '2024-01-01 01:02:03.456789+02', interval '1 day 2 hours', "
                + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x0102'::bytea, '{\"a\": [1, 2]}', '{\"b\": 1}', '10.0.0.1', 'happy'";
        String ddl = "CREATE TYPE mood AS ENUM ('sad', 'happy'); CREATE TABLE typed (k int, tag text, "
                + String.join(", ", columns) + ", PRIMARY KEY (k, tag));"
                + "INSERT INTO typed SELECT g, 'row ' || g, " + values + " FROM generate_series(0, " + columns.size() + ") g;"
                + "INSERT INTO typed (k, tag) VALUES (-1, 'all null');"
                + "INSERT INTO typed (k, tag, c_int4) VALUES (100, 'null text', 1);";
        List<String> names = columns.stream().map(c -> c.substring(0, c.indexOf(' '))).toList();
        StringBuilder plant = new StringBuilder();
        IntStream.range(0, names.size()).forEach(i -> plant.append("UPDATE typed SET ").append(names.get(i)).append(" = NULL WHERE k = ")
                .append(i + 1).append(';'));
        // A NULL on both sides must not hide its row's other columns.
        plant.append("UPDATE typed SET c_int4 = 2 WHERE k = 100;");
        String source = database(ddl);
        String target = database(ddl + plant);

        TableDiffResult result = new TableDiffer(ComparedDatabases.postgres(source), ComparedDatabases.postgres(target))
                .diff(new TableDiffRequest(new TableName("public", "typed"), new TableName("public", "typed"), KeyRange.ALL,
                        DiffOptions.defaults().withMaxReportedKeys(50).withSegmentation(2, 2, 2, 2)));

        List<ChangedRow> expected = new ArrayList<>(IntStream.range(0, names.size())
                .mapToObj(i -> new ChangedRow(new Key(List.of(String.valueOf(i + 1), "row " + (i + 1))), List.of(names.get(i)))).toList());
        expected.add(new ChangedRow(new Key(List.of("100", "null text")), List.of("c_int4")));
        assertThat(result.changedRows()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(result.missingOnTarget() + result.extraOnTarget()).isZero();
    }

    private static String database(String sql) {
        String database = SharedPostgres.freshDatabase("checksums");
        SharedPostgres.cluster().execute(database, sql);
        return database;
    }
}
