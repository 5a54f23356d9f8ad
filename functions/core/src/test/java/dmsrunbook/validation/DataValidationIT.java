package dmsrunbook.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.DataMismatchException;
import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.testing.ComparedDatabases;
import dmsrunbook.testing.LocalSecretsManager;
import dmsrunbook.testing.LocalSpecs;
import dmsrunbook.testing.SharedMariaDb;
import dmsrunbook.testing.SharedPostgres;
import dmsrunbook.validation.diff.ComparedDatabase;
import dmsrunbook.validation.diff.Key;
import dmsrunbook.validation.diff.KeyRange;
import dmsrunbook.validation.diff.TableDiffRequest;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The data validation's steps on real databases and an emulated S3: the plan cuts a large table into key ranges and
 * packs the small ones (from either family's catalog estimates); an item's diffs reuse their connections, record a
 * table that cannot be diffed and go on; while the application writes, a table is compared up to its last key when the
 * pass starts; and plan, items and conclusion, kept by execution in the bucket, re-check what differed in flight,
 * return a retried item's stored result, and refuse the final validation naming tables and keys.
 */
class DataValidationIT {

    private static final String BUCKET = "validation-it";
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:MigrationStateMachine:validation-it-";
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final String SHOP = "CREATE TABLE big (id bigint PRIMARY KEY, note text);"
            + "CREATE TABLE small_a (id int PRIMARY KEY, v text); CREATE TABLE small_b (id int PRIMARY KEY, v text);"
            + "INSERT INTO big SELECT g, 'n' || g FROM generate_series(1, 5000) g;"
            + "INSERT INTO small_a SELECT g, 'a' || g FROM generate_series(1, 10) g; INSERT INTO small_b SELECT g, 'b' || g FROM generate_series(1, 20) g;";

    private static S3Client s3;

    @BeforeAll
    static void createTheBucket() {
        s3 = LocalSecretsManager.aws().s3();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @Test
    void plan_cutsATableLargerThanAnItemIntoKeyRanges_andPacksTheSmallTablesTogether() {
        Pair db = postgresPair(SHOP + "ANALYZE;", SHOP);
        MigrationSpec spec = db.spec(1_000);

        DataValidationPlan plan = new DataValidationPlanner(db.source(), db.target()).plan(spec, Optional.empty());

        assertThat(plan.tables()).isEqualTo(3);
        assertThat(plan.splitTables()).isEqualTo(1);
        List<KeyRange> ranges = plan.items().stream().flatMap(List::stream).filter(r -> r.source().table().equals("big"))
                .map(TableDiffRequest::range).toList();
        // a range every 1,000 keys, and one after the last key (for rows the target has beyond it)
        assertThat(ranges).as(plan.toString()).hasSize(6);
        assertThat(plan.items()).hasSize(7).allSatisfy(item -> assertThat(item.size()).isIn(1, 2));
        assertThat(ranges.get(0).after()).isNull();
        assertThat(ranges.get(4).through()).isEqualTo(Key.of("5000"));
        assertThat(ranges.get(5).through()).isNull();
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).after()).as("range %d starts where the one before ends", i).isEqualTo(ranges.get(i - 1).through());
        }
        assertThat(new DataValidationPlanner(db.source(), db.target()).plan(spec, Optional.of(new TableName("public", "small_b"))).items())
                .extracting(item -> item.get(0).source().table()).containsExactly("small_b");
    }

    @Test
    void plan_ofAMariaDbSource_sizesItsItemsFromInformationSchema() {
        LocalMariaDb mariaDb = SharedMariaDb.server();
        String source = SharedMariaDb.freshDatabase("plan_source");
        mariaDb.execute(source, "CREATE TABLE big (id bigint PRIMARY KEY, note varchar(20));"
                + "INSERT INTO big SELECT seq, CONCAT('n', seq) FROM seq_1_to_5000; ANALYZE TABLE big;"
                + "CREATE TABLE small_a (id int PRIMARY KEY, v varchar(9)); INSERT INTO small_a VALUES (1, 'a')");
        String target = SharedPostgres.freshDatabase("plan_target");
        SharedPostgres.cluster().execute(target, "CREATE TABLE big (id bigint PRIMARY KEY, note varchar(20));"
                + "CREATE TABLE small_a (id int PRIMARY KEY, v varchar(9))");
        LocalSpecs.Side sourceSide = new LocalSpecs.Side("mariadb", mariaDb.host(), mariaDb.port(), source, LocalSpecs.unreadSecret("m"));
        LocalSpecs.Side targetSide = new LocalSpecs.Side("aurora-postgresql", "127.0.0.1", 5432, target, LocalSpecs.unreadSecret("p"));
        ObjectNode json = LocalSpecs.dms("plan-mariadb", sourceSide, targetSide, source);
        renameSchemaTo(json, source, "public");
        json.putObject("validation").put("maxRowsPerItem", 1_000);
        MigrationSpec spec = LocalSpecs.read(json);

        DataValidationPlan plan = new DataValidationPlanner(ComparedDatabases.mariaDb(source), ComparedDatabases.postgres(target))
                .plan(spec, Optional.empty());

        assertThat(plan.tables()).isEqualTo(2);
        assertThat(plan.splitTables()).isEqualTo(1);
        assertThat(plan.items()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(plan.items().get(0).get(0).target()).isEqualTo(new TableName("public", "big"));
    }

    @Test
    void item_reusesItsConnections_andATableThatCannotBeRead_isRecordedAsFailed_whileTheOthersAreDiffed() throws Exception {
        Pair db = postgresPair(SHOP, SHOP);
        SharedPostgres.cluster().execute(db.sourceName(), "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reader') "
                + "THEN CREATE ROLE reader LOGIN PASSWORD 'reader-password'; END IF; END $$;"
                + "GRANT SELECT ON small_a, small_b TO reader");
        AtomicInteger opened = new AtomicInteger();
        ComparedDatabase asReader = new ComparedDatabase(db.source().engine(), "postgres " + db.sourceName() + " as reader", () -> {
            opened.incrementAndGet();
            return DriverManager.getConnection(SharedPostgres.cluster().jdbcUrl(db.sourceName()), "reader", "reader-password");
        });
        MigrationSpec spec = db.spec(1_000_000);
        List<TableDiffRequest> requests = List.of("small_a", "big", "small_b").stream()
                .map(t -> TableDiffRequest.of(spec, new TableName("public", t), KeyRange.ALL)).toList();

        List<DiffedTable> diffed = new DataItemDiffer(asReader, db.target(), Duration.ofMinutes(5)).diff(requests, false);

        assertThat(diffed).extracting(t -> t.request().source().table()).containsExactly("small_a", "big", "small_b");
        assertThat(diffed.get(0).result().equal()).isTrue();
        assertThat(diffed.get(1).failure()).contains("permission denied for table big", "SQLSTATE 42501");
        assertThat(diffed.get(2).result().equal()).isTrue();
        assertThat(opened.get()).as("source connections for three tables").isLessThanOrEqualTo(2);
    }

    @Test
    void whileTheApplicationWrites_aTableIsComparedUpToItsLastKeyAtThePass_soNewRowsDoNotKeepItDiffering() {
        Pair db = postgresPair(SHOP, SHOP + "DELETE FROM big WHERE id = 5000;");
        MigrationSpec spec = db.spec(1_000_000);
        TableDiffRequest big = TableDiffRequest.of(spec, new TableName("public", "big"), KeyRange.ALL);
        DataItemDiffer differ = new DataItemDiffer(db.source(), db.target(), Duration.ofMinutes(5));

        // GIVEN the last row is still on its way to the target at the first pass
        DiffedTable first = differ.diff(List.of(big), true).get(0);
        assertThat(first.request().range()).isEqualTo(new KeyRange(null, Key.of("5000")));
        assertThat(first.result().missingKeys()).containsExactly(Key.of("5000"));

        // WHEN it arrives, while the application inserts the next one
        SharedPostgres.cluster().execute(db.targetName(), "INSERT INTO big VALUES (5000, 'n5000')");
        SharedPostgres.cluster().execute(db.sourceName(), "INSERT INTO big VALUES (5001, 'n5001')");

        // THEN the re-check finds the table equal: the new row is the final validation's
        DiffedTable again = differ.recheck(List.of(first)).get(0);
        assertThat(again.result().equal()).as(again.result().toString()).isTrue();
        assertThat(again.result().rechecks()).isEqualTo(1);
    }

    @Test
    void validationSteps_keepTheirWorkByExecution_recheckInFlight_returnARetriedItemsResult_andRefuseTheFinalWithKeys() {
        Pair db = postgresPair(SHOP + "ANALYZE;", SHOP + "UPDATE small_a SET v = 'changed' WHERE id = 3;");
        MigrationSpec spec = db.spec(1_000);
        DataValidation validation = new DataValidation(LocalSecretsManager.connector(), new ValidationStore(s3, BUCKET));
        String execution = EXECUTION + RUNS.incrementAndGet();

        // GIVEN the in-flight plan and a first pass over every item
        DataValidationSummary planned = validation.plan(execution, spec, ValidationRun.IN_FLIGHT);
        assertThat(planned.status()).isEqualTo(DataValidationStatus.PENDING);
        assertThat(planned.items()).hasSize(7);
        DataItemOutcome differing = null;
        for (int item : planned.items()) {
            DataItemOutcome outcome = validation.diffItem(new DataItemRequest(execution, spec, ValidationRun.IN_FLIGHT, item, 0));
            differing = outcome.differing() > 0 ? outcome : differing;
        }
        assertThat(differing).isNotNull();

        // WHEN the first pass concludes THEN only the differing item is re-checked, after a wait
        DataValidationSummary recheck = validation.conclude(execution, spec, ValidationRun.IN_FLIGHT, planned);
        assertThat(recheck.status()).isEqualTo(DataValidationStatus.PENDING);
        assertThat(recheck.items()).containsExactly(differing.item());
        assertThat(recheck.round()).isEqualTo(1);
        assertThat(recheck.waitSeconds()).isEqualTo(DataValidation.recheckWait(spec));

        // AND a Step Functions retry of an item already diffed this round returns what it found, diffing nothing
        SharedPostgres.cluster().execute(db.targetName(), "UPDATE small_a SET v = 'a3' WHERE id = 3");
        DataItemOutcome retried = validation.diffItem(new DataItemRequest(execution, spec, ValidationRun.IN_FLIGHT, differing.item(), 0));
        assertThat(retried).isEqualTo(differing);

        // WHEN the change arrived before the re-check THEN the data is equal, with the re-check counted
        validation.diffItem(new DataItemRequest(execution, spec, ValidationRun.IN_FLIGHT, differing.item(), 1));
        DataValidationSummary equal = validation.conclude(execution, spec, ValidationRun.IN_FLIGHT, recheck);
        assertThat(equal.status()).isEqualTo(DataValidationStatus.EQUAL);
        assertThat(equal.resolvedOnRecheck()).isEqualTo(1);
        assertThat(equal.summary()).startsWith("3 of 3 tables equal; 5030 rows on the source, 5030 on the target");
        assertThat(equal.report()).isEqualTo("s3://" + BUCKET + "/validation/MigrationStateMachine/" + execution.substring(execution.lastIndexOf(':') + 1)
                + "/in-flight/report.json");

        // WHEN a row changes on the target before the final validation THEN it refuses the cutover naming the table and key
        SharedPostgres.cluster().execute(db.targetName(), "UPDATE big SET note = 'x' WHERE id = 4321");
        DataValidationSummary finalPlan = validation.plan(execution, spec, ValidationRun.FINAL);
        finalPlan.items().forEach(item -> validation.diffItem(new DataItemRequest(execution, spec, ValidationRun.FINAL, item, 0)));
        assertThatThrownBy(() -> validation.conclude(execution, spec, ValidationRun.FINAL, finalPlan))
                .isInstanceOf(DataMismatchException.class)
                .hasMessageContaining("The data differs at the final validation: 2 of 3 tables equal")
                .hasMessageContaining("public.big: different (checksums, 5000 rows on the source, 5000 on the target): 1 changed (keys 4321 [note])")
                .hasMessageContaining("Fix: do not switch the application to the target");
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("validation/MigrationStateMachine/" + execution.substring(execution.lastIndexOf(':') + 1)
                + "/final/")).keyCount()).as("7 items, 7 results, 1 report").isEqualTo(15);
    }

    // ------------------------------------------------------------------ databases

    private record Pair(String sourceName, String targetName, ComparedDatabase source, ComparedDatabase target) {

        /** A spec between the two databases (their secret in the emulated Secrets Manager), items of at most {@code rowsPerItem}. */
        MigrationSpec spec(long rowsPerItem) {
            LocalPostgres cluster = SharedPostgres.cluster();
            String secret = LocalSecretsManager.put("dms-runbook/validation-it", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                    cluster.host(), cluster.port());
            ObjectNode json = LocalSpecs.dms("validation-it", new LocalSpecs.Side("postgres", cluster.host(), cluster.port(), sourceName, secret),
                    new LocalSpecs.Side("aurora-postgresql", cluster.host(), cluster.port(), targetName, secret), "public");
            json.putObject("validation").put("maxRowsPerItem", rowsPerItem);
            return LocalSpecs.read(json);
        }
    }

    private static Pair postgresPair(String sourceSql, String targetSql) {
        String source = SharedPostgres.freshDatabase("validation_source");
        String target = SharedPostgres.freshDatabase("validation_target");
        SharedPostgres.cluster().execute(source, sourceSql);
        SharedPostgres.cluster().execute(target, targetSql);
        return new Pair(source, target, ComparedDatabases.postgres(source), ComparedDatabases.auroraPostgres(target));
    }

    private static void renameSchemaTo(ObjectNode spec, String from, String to) {
        ObjectNode rule = ((com.fasterxml.jackson.databind.node.ArrayNode) spec.get("tableMappings").get("rules")).addObject()
                .put("rule-type", "transformation").put("rule-id", "2").put("rule-name", "to-" + to).put("rule-target", "schema")
                .put("rule-action", "rename").put("value", to);
        rule.putObject("object-locator").put("schema-name", from);
    }
}
