package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.cli.RunbookCommand;
import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.plan.MeasuredThroughput;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runbook plan spec.json} on real databases: the selected tables' sizes come from the source's catalog
 * (PostgreSQL's pg_table_size, MariaDB's information_schema), and the estimate uses the project's dated price table and,
 * when one is recorded, the rehearsal's measured speed.
 */
class PlanCommandIT {

    @TempDir
    Path dir;

    @Test
    void plan_postgresSource_withoutARehearsal_estimatesEveryClassAtTheDefaultSpeed_andWithOne_atTheMeasuredSpeed() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start("plan-source", Map.of())) {
            postgres.createDatabase("warehouse");
            postgres.execute("warehouse", """
                    CREATE TABLE parcels (id bigint PRIMARY KEY, label text, weight numeric);
                    INSERT INTO parcels SELECT g, repeat('x', 200), g FROM generate_series(1, 20000) g;
                    CREATE TABLE depots (id int PRIMARY KEY, name text);
                    INSERT INTO depots SELECT g, 'depot ' || g FROM generate_series(1, 300) g;
                    CREATE TABLE audit_trail (id bigint, note text);
                    INSERT INTO audit_trail SELECT g, 'not migrated' FROM generate_series(1, 5000) g;
                    ANALYZE;
                    """);
            Path spec = Files.writeString(dir.resolve("spec.json"), """
                    {"migrationId": "warehouse-plan", "engine": "postgres-native", "migrationType": "full-load-and-cdc",
                     "source": {"engine": "postgres", "host": "127.0.0.1", "port": %1$d, "database": "warehouse", "sslMode": "none",
                                "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/unread-source"},
                     "target": {"engine": "aurora-postgresql", "host": "warehouse.example.internal", "port": 5432, "database": "warehouse",
                                "sslMode": "none", "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/unread-target"},
                     "tableMappings": {"rules": [
                       {"rule-type": "selection", "rule-id": "1", "rule-name": "all", "rule-action": "include",
                        "object-locator": {"schema-name": "public", "table-name": "%%"}},
                       {"rule-type": "selection", "rule-id": "2", "rule-name": "no-audit", "rule-action": "exclude",
                        "object-locator": {"schema-name": "public", "table-name": "audit_trail"}}]}}
                    """.formatted(postgres.port()));
            String url = postgres.jdbcUrl("warehouse") + "?user=" + LocalPostgres.SUPERUSER + "&password=" + LocalPostgres.PASSWORD;
            Path noRehearsal = dir.resolve("none.json");

            StringWriter out = new StringWriter();
            int exit = runbook(out, "plan", spec.toString(), "--source-url", url, "--throughput-file", noRehearsal.toString());

            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString()).contains("Plan for warehouse-plan: 2 selected table(s)", "about 20300 rows", "public.parcels",
                    "public.depots", "the default (no rehearsal recorded", "Prices: us-east-1, USD, read on 2026-12-07",
                    "dms.t3.medium", "dms.c5.4xlarge", "DMS Serverless", "2 DCU", "Parallel: 2 table(s) at once")
                    .doesNotContain("audit_trail", LocalPostgres.PASSWORD);

            // WHEN a rehearsal has measured a speed at which these tables take 100 s on 2 vCPUs
            long dataBytes = dataBytes(postgres);
            new MeasuredThroughput(Instant.parse("2026-12-06T10:00:00Z"), "postgres-native", "warehouse.dump", 20300, dataBytes, 100)
                    .save(dir.resolve("measured.json"));
            StringWriter measured = new StringWriter();
            exit = runbook(measured, "plan", spec.toString(), "--source-url", url, "--throughput-file", dir.resolve("measured.json").toString());

            // THEN 2 vCPUs take 100 s (2 min), and 4 vCPUs or more half that: only 2 tables load at once
            assertThat(exit).as(measured.toString()).isZero();
            assertThat(measured.toString()).contains("measured by the rehearsal of warehouse.dump on 2026-12-06")
                    .containsPattern("dms\\.t3\\.medium\\s+2 vCPU, 4 GiB\\s+2 min\\s+0\\.00\\s+1\\.73")
                    .containsPattern("dms\\.c5\\.xlarge\\s+4 vCPU, 8 GiB\\s+50 s")
                    .containsPattern("dms\\.r5\\.4xlarge\\s+16 vCPU, 128 GiB\\s+50 s");
        }
    }

    @Test
    void plan_mariaDbSource_readsTheSizesFromInformationSchema() throws Exception {
        try (LocalMariaDb mariaDb = LocalMariaDb.start("plan-mariadb", Map.of())) {
            mariaDb.createDatabase("shop");
            mariaDb.execute("shop", "CREATE TABLE orders (id bigint PRIMARY KEY, note varchar(200)) ENGINE=InnoDB; "
                    + "INSERT INTO orders SELECT seq, repeat('y', 150) FROM seq_1_to_5000; ANALYZE TABLE orders;");
            Path spec = Files.writeString(dir.resolve("mysql.json"), """
                    {"migrationId": "shop-plan", "engine": "dms", "migrationType": "full-load",
                     "source": {"engine": "mariadb", "host": "127.0.0.1", "port": %d, "database": "shop", "sslMode": "none",
                                "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/unread-source"},
                     "target": {"engine": "postgres", "host": "shop.example.internal", "port": 5432, "database": "shop", "sslMode": "none",
                                "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/unread-target"},
                     "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "shop", "rule-action": "include",
                                                  "object-locator": {"schema-name": "shop", "table-name": "%%"}}]},
                     "dms": {"replicationInstanceArn": "arn:aws:dms:us-east-1:123456789012:rep:shop",
                             "secretsAccessRoleArn": "arn:aws:iam::123456789012:role/dms-runbook-secrets-access",
                             "taskSettings": {"FullLoadSettings": {"MaxFullLoadSubTasks": 4}}}}
                    """.formatted(mariaDb.port()));
            String url = mariaDb.jdbcUrl("shop") + "?user=" + LocalMariaDb.ROOT + "&password=" + LocalMariaDb.PASSWORD;

            StringWriter out = new StringWriter();
            int exit = runbook(out, "plan", spec.toString(), "--source-url", url, "--throughput-file", dir.resolve("none.json").toString());

            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString()).contains("Plan for shop-plan: 1 selected table(s) on mariadb shop@127.0.0.1", "shop.orders",
                    "Parallel: 1 table(s) at once").containsPattern("about [1-9]\\d* rows, [0-9.]+ (KiB|MiB) of data");
        }
    }

    @Test
    void plan_aSpecThatDoesNotValidate_exitsTwo() throws Exception {
        Path spec = Files.writeString(dir.resolve("bad.json"), "not json at all");
        StringWriter out = new StringWriter();

        assertThat(runbook(out, "plan", spec.toString())).isEqualTo(2);
        assertThat(out.toString()).contains("is not valid JSON");
    }

    private static long dataBytes(LocalPostgres postgres) throws Exception {
        try (var connection = postgres.connect("warehouse"); var statement = connection.createStatement();
             var row = statement.executeQuery("SELECT pg_table_size('parcels') + pg_table_size('depots')")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static int runbook(StringWriter out, String... args) {
        PrintWriter writer = new PrintWriter(out, true);
        return RunbookCommand.run(writer, writer, args);
    }
}
