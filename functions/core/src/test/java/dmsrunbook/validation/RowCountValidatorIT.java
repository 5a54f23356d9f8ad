package dmsrunbook.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.RowCountMismatchException;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.testing.LocalSecretsManager;
import dmsrunbook.testing.LocalSpecs;
import dmsrunbook.testing.SharedPostgres;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exact row counts of every selected table on both sides (the data validation of an S3 target counts the source so,
 * against DMS's statistics), before and after the cutover: equal tables pass, a lost row fails the final count naming
 * the table, and while the application still writes a small difference passes as in flight.
 */
class RowCountValidatorIT {

    private static final String TABLES = "CREATE TABLE orders (id bigint PRIMARY KEY); CREATE TABLE items (id bigint PRIMARY KEY);";

    private static String secret;

    @BeforeAll
    static void storeTheSecret() {
        LocalPostgres cluster = SharedPostgres.cluster();
        secret = LocalSecretsManager.put("dms-runbook/row-counts", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                cluster.host(), cluster.port());
    }

    @Test
    void equalTables_pass_withEveryTableMatched() {
        Databases db = databases(TABLES + rows("orders", 3) + rows("items", 5), TABLES + rows("orders", 3) + rows("items", 5));

        RowCountReport report = validator().validate(LocalSpecs.read(db.spec()), ValidationRun.FINAL, Map.of());

        assertThat(report.tables()).extracting(TableCount::sourceTable, TableCount::source, TableCount::target, TableCount::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("public.items", 5L, 5L, "match"),
                        org.assertj.core.groups.Tuple.tuple("public.orders", 3L, 3L, "match"));
        assertThat(report.sourceRows()).isEqualTo(8);
        assertThat(report.targetCountSource()).isEqualTo("exact counts on the target");
    }

    @Test
    void oneTargetRowMissing_failsTheFinalCount_namingTheTable() {
        Databases db = databases(TABLES + rows("orders", 3) + rows("items", 5), TABLES + rows("orders", 2) + rows("items", 5));

        assertThatThrownBy(() -> validator().validate(LocalSpecs.read(db.spec()), ValidationRun.FINAL, Map.of()))
                .isInstanceOf(RowCountMismatchException.class)
                .hasMessageStartingWith("Row counts differ (final): public.orders source 3 vs target 2. ")
                .hasMessageContaining("Fix: do not switch the application");
    }

    @Test
    void inFlightDifferenceWithinTheAllowance_passes_reportedAsInFlight() {
        // GIVEN 200 source rows, 199 on the target while the application writes, and 1% allowed in flight
        Databases db = databases(TABLES + rows("orders", 200), TABLES + rows("orders", 199));

        RowCountReport report = validator().validate(LocalSpecs.read(db.spec()), ValidationRun.IN_FLIGHT, Map.of());

        assertThat(report.tables()).filteredOn(t -> t.sourceTable().equals("public.orders")).singleElement()
                .satisfies(t -> assertThat(t.verdict()).isEqualTo("in-flight"));
        assertThat(report.mismatches()).isEmpty();
    }

    @Test
    void inFlightDifferenceBeyondTheAllowance_fails() {
        Databases db = databases(TABLES + rows("orders", 200), TABLES + rows("orders", 190));

        assertThatThrownBy(() -> validator().validate(LocalSpecs.read(db.spec()), ValidationRun.IN_FLIGHT, Map.of()))
                .isInstanceOf(RowCountMismatchException.class)
                .hasMessageStartingWith("Row counts differ (in-flight): public.orders source 200 vs target 190")
                .hasMessageContaining("Fix: wait for CDC to catch up and compare again");
    }

    @Test
    void finalCount_allowsNoInFlightDifference() {
        Databases db = databases(TABLES + rows("orders", 200), TABLES + rows("orders", 199));

        assertThatThrownBy(() -> validator().validate(LocalSpecs.read(db.spec()), ValidationRun.FINAL, Map.of()))
                .isInstanceOf(RowCountMismatchException.class);
    }

    @Test
    void tableMissingOnTheTarget_fails_sayingItIsMissing() {
        Databases db = databases(TABLES + rows("items", 2), "CREATE TABLE orders (id bigint PRIMARY KEY);");

        assertThatThrownBy(() -> validator().validate(LocalSpecs.read(db.spec()), ValidationRun.FINAL, Map.of()))
                .isInstanceOf(RowCountMismatchException.class)
                .hasMessageStartingWith("Row counts differ (final): public.items source 2 vs target missing");
    }

    @Test
    void renamedSchema_isCountedUnderItsTargetName() {
        // GIVEN public.orders lands in app.orders
        Databases db = databases(TABLES + rows("orders", 4),
                "CREATE SCHEMA app; CREATE TABLE app.orders (id bigint PRIMARY KEY); CREATE TABLE app.items (id bigint PRIMARY KEY);"
                        + "INSERT INTO app.orders SELECT g FROM generate_series(1, 4) g;");
        ObjectNode spec = db.spec();
        ObjectNode rename = ((ArrayNode) spec.get("tableMappings").get("rules")).addObject().put("rule-type", "transformation")
                .put("rule-id", "2").put("rule-name", "into-app").put("rule-target", "schema").put("rule-action", "rename")
                .put("value", "app");
        rename.putObject("object-locator").put("schema-name", "public");

        RowCountReport report = validator().validate(LocalSpecs.read(spec), ValidationRun.FINAL, Map.of());

        assertThat(report.tables()).extracting(TableCount::targetTable).containsExactly("app.items", "app.orders");
        assertThat(report.targetRows()).isEqualTo(4);
    }

    @Test
    void s3Target_isComparedWithWhatDmsReportsItWrote() {
        Databases db = databases(TABLES + rows("orders", 3) + rows("items", 5), "");
        ObjectNode spec = db.spec();
        ObjectNode s3 = spec.putObject("target").put("engine", "s3");
        s3.putObject("dmsSettings").put("BucketName", "lake").put("ServiceAccessRoleArn", "arn:aws:iam::123456789012:role/dms-runbook-s3");

        RowCountReport report = validator().validate(LocalSpecs.read(spec), ValidationRun.FINAL, Map.of("public.orders", 3L, "public.items", 5L));

        assertThat(report.mismatches()).isEmpty();
        assertThat(report.targetCountSource()).startsWith("DMS table statistics");
    }

    private record Databases(String source, String target) {

        /** Counts with a 1% in-flight allowance, recounting after a second (cdcLatencySeconds 0 pauses 1 s). */
        ObjectNode spec() {
            ObjectNode spec = LocalSpecs.dms("row-counts", side("postgres", source), side("aurora-postgresql", target), "public");
            spec.putObject("thresholds").put("cdcLatencySeconds", 0).put("maxInFlightRowDifferencePercent", 1.0);
            return spec;
        }

        private static LocalSpecs.Side side(String engine, String database) {
            return new LocalSpecs.Side(engine, SharedPostgres.cluster().host(), SharedPostgres.cluster().port(), database, secret);
        }
    }

    private static Databases databases(String sourceSql, String targetSql) {
        String source = SharedPostgres.freshDatabase("counts_source");
        String target = SharedPostgres.freshDatabase("counts_target");
        SharedPostgres.cluster().execute(source, sourceSql);
        if (!targetSql.isEmpty()) {
            SharedPostgres.cluster().execute(target, targetSql);
        }
        return new Databases(source, target);
    }

    private static String rows(String table, int count) {
        return "INSERT INTO " + table + " SELECT g FROM generate_series(1, " + count + ") g;";
    }

    private static RowCountValidator validator() {
        return new RowCountValidator(LocalSecretsManager.connector());
    }
}
