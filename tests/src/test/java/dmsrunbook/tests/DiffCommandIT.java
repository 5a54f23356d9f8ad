package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.cli.RunbookCommand;
import dmsrunbook.deploy.LocalAws;
import dmsrunbook.deploy.LocalSecrets;
import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.local.LocalPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code runbook diff} on real databases: the workflow's diff from an operator's machine, a line per table and a
 * summary; exit 0 only when everything is equal, 4 when something differs (naming tables and keys, never values),
 * 2 for a bad option, 3 when a database cannot be reached. Credentials from Secrets Manager, from the JDBC URL, or
 * from the environment; a password is never printed.
 */
class DiffCommandIT {

    private static final String TABLES = "CREATE TABLE orders (id bigint PRIMARY KEY, customer text, total numeric(10,2));"
            + "CREATE TABLE notes (id int PRIMARY KEY, body text);"
            + "INSERT INTO orders SELECT g, 'cliente ' || g, g * 1.25 FROM generate_series(1, 400) g;"
            + "INSERT INTO notes SELECT g, 'nota ' || g FROM generate_series(1, 30) g;";

    private static LocalPostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = LocalPostgres.start("diff-cli", Map.of());
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void equalDatabases_byJdbcUrl_printALinePerTableAndASummary_exitZero_andNeverThePassword() throws Exception {
        Databases db = databases("equal", "");
        Path spec = spec("diff-equal", "postgres", db.source(), "aurora-postgresql", db.target(), "public", "");

        Result result = diff(spec.toString(), "--source-url", urlWithPassword(db.source()), "--target-url", urlWithPassword(db.target()));

        assertThat(result.exit()).as(result.text()).isZero();
        assertThat(result.out()).contains("2 tables in 1 work items", "public.orders: equal (checksums, 400 rows on the source, 400 on the target",
                "public.notes: equal (checksums, 30 rows on the source, 30 on the target", "EQUAL: 2 of 2 tables equal; 430 rows on the source");
        assertThat(result.text()).doesNotContain(LocalPostgres.PASSWORD);
    }

    @Test
    void plantedDifferences_exitFour_namingTheTablesTheirKeysAndColumns_neverTheValues() throws Exception {
        Databases db = databases("planted", "UPDATE orders SET total = 999.99 WHERE id IN (17, 301); DELETE FROM notes WHERE id = 4;"
                + "INSERT INTO notes VALUES (77, 'segredo do cliente')");
        Path spec = spec("diff-planted", "postgres", db.source(), "aurora-postgresql", db.target(), "public", "");

        Result result = diff(spec.toString(), "--source-url", urlWithPassword(db.source()), "--target-url", urlWithPassword(db.target()));

        assertThat(result.exit()).as(result.text()).isEqualTo(4);
        assertThat(result.out()).contains("public.orders: differs", "public.orders: different (checksums, 400 rows on the source, 400 on the "
                + "target): 2 changed (keys 17 [total], 301 [total])", "public.notes: different", "1 missing on the target (keys 4)",
                "1 extra on the target (keys 77)", "DIFFERENT: 0 of 2 tables equal");
        assertThat(result.text()).doesNotContain("999.99", "segredo", LocalPostgres.PASSWORD);
    }

    @Test
    void oneTable_isDiffedAlone_andATableTheMappingsDoNotSelect_isAUsageError() throws Exception {
        Databases db = databases("one_table", "DELETE FROM notes WHERE id = 4");
        Path spec = spec("diff-one", "postgres", db.source(), "aurora-postgresql", db.target(), "public", "");
        String[] urls = {"--source-url", urlWithPassword(db.source()), "--target-url", urlWithPassword(db.target())};

        Result orders = diff(spec.toString(), concat(urls, "--table", "public.orders"));
        Result missing = diff(spec.toString(), concat(urls, "--table", "public.invoices"));
        Result malformed = diff(spec.toString(), concat(urls, "--table", "orders"));

        assertThat(orders.exit()).as(orders.text()).isZero();
        assertThat(orders.out()).contains("1 tables in 1 work items", "public.orders: equal").doesNotContain("public.notes");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--table public.invoices is not among the tables the spec's mappings select");
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.err()).contains("--table must be schema.table, not orders");
    }

    @Test
    void urlOfTheWrongEngine_isAUsageError_andAnUnreachableDatabase_exitsThree_withoutThePassword() throws Exception {
        Databases db = databases("unreachable", "");
        Path spec = spec("diff-unreachable", "postgres", db.source(), "aurora-postgresql", db.target(), "public", "");

        Result wrongEngine = diff(spec.toString(), "--source-url", "jdbc:mariadb://127.0.0.1:3306/x", "--target-url", urlWithPassword(db.target()));
        Result unreachable = diff(spec.toString(), "--source-url", "jdbc:postgresql://127.0.0.1:1/" + db.source() + "?user=postgres&password="
                + LocalPostgres.PASSWORD + "&connectTimeout=2", "--target-url", urlWithPassword(db.target()));

        assertThat(wrongEngine.exit()).isEqualTo(2);
        assertThat(wrongEngine.err()).contains("--source-url must be a postgres JDBC URL starting with jdbc:postgresql:");
        assertThat(unreachable.exit()).as(unreachable.text()).isEqualTo(3);
        assertThat(unreachable.err()).contains("on postgres jdbc:postgresql://127.0.0.1:1/" + db.source() + "?connectTimeout=2 failed");
        assertThat(unreachable.text()).doesNotContain(LocalPostgres.PASSWORD);
    }

    @Test
    void credentialsFromSecretsManager_asTheWorkflowReadsThem() throws Exception {
        Databases db = databases("secrets", "UPDATE notes SET body = 'outra' WHERE id = 9");
        try (LocalAws aws = LocalAws.start()) {
            String secret = LocalSecrets.put(aws, "dms-runbook/diff-secrets", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                    postgres.host(), postgres.port());
            Path spec = spec("diff-secrets", "postgres", db.source(), "aurora-postgresql", db.target(), "public", secret);

            Result result = diff(spec.toString(), "--endpoint-url", aws.endpoint().toString());

            assertThat(result.exit()).as(result.text()).isEqualTo(4);
            assertThat(result.out()).contains("public.notes: different", "1 changed (keys 9 [body])", "public.orders: equal");
        }
    }

    @Test
    void mariaDbToPostgres_acrossEngines_withCredentialsFromTheEnvironment_inItsOwnProcess() throws Exception {
        try (LocalMariaDb mariaDb = LocalMariaDb.start("diff-cli-mariadb", Map.of())) {
            mariaDb.createDatabase("shop");
            mariaDb.execute("shop", "CREATE TABLE orders (id bigint PRIMARY KEY, customer varchar(80), total decimal(10,2), paid tinyint(1));"
                    + "INSERT INTO orders VALUES (1, 'Ana', 10.50, 1), (2, 'Bruno', 0.10, 0), (3, 'Cecília', 99.99, 1)");
            String target = "mariadb_target";
            postgres.createDatabase(target);
            postgres.execute(target, "CREATE TABLE orders (id bigint PRIMARY KEY, customer varchar(80), total numeric(10,2), paid boolean);"
                    + "INSERT INTO orders VALUES (1, 'Ana', 10.50, true), (2, 'Bruno', 0.10, false), (3, 'Cecília', 99.99, true)");
            Path spec = spec("diff-mariadb", "mariadb", "shop", "aurora-postgresql", target, "shop", "");

            ProcessBuilder process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), RunbookCommand.class.getName(), "diff", spec.toString(),
                    "--source-url", mariaDb.jdbcUrl("shop"), "--target-url", postgres.jdbcUrl(target)).redirectErrorStream(true);
            process.environment().putAll(Map.of("DMS_RUNBOOK_SOURCE_USER", LocalMariaDb.ROOT, "DMS_RUNBOOK_SOURCE_PASSWORD", LocalMariaDb.PASSWORD,
                    "DMS_RUNBOOK_TARGET_USER", LocalPostgres.SUPERUSER, "DMS_RUNBOOK_TARGET_PASSWORD", LocalPostgres.PASSWORD));
            Process running = process.start();
            assertThat(running.waitFor(3, TimeUnit.MINUTES)).isTrue();
            String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(running.exitValue()).as(output).isZero();
            assertThat(output).contains("diff diff-mariadb: mariadb jdbc:mariadb://127.0.0.1:" + mariaDb.port() + "/shop -> aurora-postgresql",
                    "shop.orders: equal (checksums, 3 rows on the source, 3 on the target", "EQUAL: 1 of 1 tables equal");
            assertThat(output).doesNotContain(LocalMariaDb.PASSWORD, LocalPostgres.PASSWORD);
        }
    }

    // ------------------------------------------------------------------ the databases and the spec

    private record Databases(String source, String target) {
    }

    private record Result(int exit, String out, String err) {
        String text() {
            return out + err;
        }
    }

    /** A source database with two tables and a target copy of it, changed by {@code onTarget}. */
    private static Databases databases(String name, String onTarget) {
        String source = name + "_source";
        String target = name + "_target";
        postgres.createDatabase(source);
        postgres.createDatabase(target);
        postgres.execute(source, TABLES);
        postgres.execute(target, TABLES + onTarget);
        return new Databases(source, target);
    }

    private static String urlWithPassword(String database) {
        return postgres.jdbcUrl(database) + "?user=" + LocalPostgres.SUPERUSER + "&password=" + LocalPostgres.PASSWORD;
    }

    /** A DMS spec between the two databases selecting {@code schema}, renamed to public on the target when it is not public. */
    private static Path spec(String migrationId, String sourceEngine, String sourceDatabase, String targetEngine, String targetDatabase,
                             String schema, String secret) throws IOException {
        String secretArn = secret.isEmpty() ? "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/unused" : secret;
        int sourcePort = sourceEngine.equals("mariadb") ? 3306 : postgres.port();
        String rename = schema.equals("public") ? "" : """
                , {"rule-type": "transformation", "rule-id": "2", "rule-name": "to-public", "rule-target": "schema",
                   "object-locator": {"schema-name": "%s"}, "rule-action": "rename", "value": "public"}""".formatted(schema);
        String json = """
                {"migrationId": "%s", "migrationType": "full-load",
                 "source": {"engine": "%s", "host": "127.0.0.1", "port": %d, "database": "%s", "sslMode": "none", "secretArn": "%s"},
                 "target": {"engine": "%s", "host": "127.0.0.1", "port": %d, "database": "%s", "sslMode": "none", "secretArn": "%s"},
                 "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
                     "object-locator": {"schema-name": "%s", "table-name": "%%"}, "rule-action": "include"}%s]},
                 "dms": {"replicationInstanceArn": "arn:aws:dms:us-east-1:123456789012:rep:local",
                         "secretsAccessRoleArn": "arn:aws:iam::123456789012:role/dms-runbook-secrets-access"}}
                """.formatted(migrationId, sourceEngine, sourcePort, sourceDatabase, secretArn, targetEngine, postgres.port(), targetDatabase,
                secretArn, schema, rename);
        Path file = Files.createTempFile(migrationId, ".json");
        Files.writeString(file, json);
        return file;
    }

    private static Result diff(String spec, String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = concat(new String[] {"diff", spec}, options);
        int exit = RunbookCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static String[] concat(String[] first, String... second) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(second));
        return all.toArray(String[]::new);
    }
}
