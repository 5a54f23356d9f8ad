package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.cli.RunbookCommand;
import dmsrunbook.internal.Json;
import dmsrunbook.local.FreePorts;
import dmsrunbook.local.LocalPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runbook rehearse --spec my-spec.json} on the operator's own data: a small library database (not the cash-flow
 * one) dumped by the test with pg_dump, as an archive and as plain SQL, rehearsed with the spec's own selection,
 * thresholds, validation and cutover policy; and the inputs that cannot work (a file that is no dump, a damaged
 * archive, a mysqldump, a URL that does not answer, a spec that does not validate) refused before anything starts,
 * with exit code 2 and the option and fix named.
 */
class RehearseOwnMigrationIT {

    private static final String LIBRARY = """
            CREATE TABLE authors (id serial PRIMARY KEY, name text NOT NULL UNIQUE);
            CREATE TABLE books (isbn text PRIMARY KEY, author_id integer NOT NULL REFERENCES authors (id),
                                title text NOT NULL, pages integer CHECK (pages > 0), added timestamptz NOT NULL DEFAULT now());
            CREATE INDEX books_author ON books (author_id);
            CREATE TABLE loans (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, isbn text NOT NULL REFERENCES books (isbn),
                                due date NOT NULL);
            CREATE VIEW books_per_author AS SELECT a.name, count(b.isbn) AS books FROM authors a LEFT JOIN books b ON b.author_id = a.id GROUP BY a.name;
            CREATE TABLE scratch_notes (note text);
            INSERT INTO authors (name) SELECT 'Author ' || g FROM generate_series(1, 50) g;
            INSERT INTO books (isbn, author_id, title, pages) SELECT 'isbn-' || g, 1 + g % 50, 'Title ' || g, 100 + g % 400
              FROM generate_series(1, 3000) g;
            INSERT INTO loans (isbn, due) SELECT 'isbn-' || (1 + g % 3000), date '2026-12-01' + g % 30 FROM generate_series(1, 2000) g;
            INSERT INTO scratch_notes SELECT 'not selected ' || g FROM generate_series(1, 10) g;
            """;

    private static LocalPostgres origin;

    @TempDir
    static Path dir;

    @BeforeAll
    static void dumpTheLibrary() throws Exception {
        // Every data-changing statement the origin runs is logged with its session's application name.
        origin = LocalPostgres.start("library-origin", Map.of("log_statement", "mod", "log_line_prefix", "app=%a "));
        origin.createDatabase("library");
        origin.execute("library", LIBRARY);
        run(origin.clientTool("pg_dump", "--format=custom", "-d", "library", "-f", dir.resolve("library.dump").toString()));
        run(origin.clientTool("pg_dump", "-d", "library", "-f", dir.resolve("library.sql").toString()));
        Files.writeString(dir.resolve("spec.json"), spec());
    }

    @AfterAll
    static void stop() {
        origin.close();
    }

    @Test
    void rehearse_ownSpecFromAPgDumpArchive_migratesTheSelectedTablesWhileRowsChange_andRecordsTheThroughput() throws IOException {
        Path throughput = dir.resolve("throughput-archive.json");
        Result result = rehearse("--spec", dir.resolve("spec.json").toString(), "--source-dump", dir.resolve("library.dump").toString(),
                "--writes-per-second", "20", "--throughput-file", throughput.toString(), "--timeout-minutes", "10");

        assertThat(result.exit()).as("exit code; stderr: %s", result.err()).isZero();
        assertThat(result.out()).contains("dms-runbook rehearsal of library-rehearsal from pg_dump archive (custom format) library.dump",
                "3 selected table(s), 5050 rows", "the workflow creates its schema from the source's (schema.mode apply)",
                "phase: ConcludeDataValidation", "phase: RequestCutoverApproval", "cutover approved", "phase: MigrationSucceeded", "execution SUCCEEDED",
                "slots left on source: 0", "publications left:    0", "subscriptions left:   0", "REHEARSAL PASSED")
                .containsPattern("public\\.books\\s+3000\\s+3000\\s+match")
                .containsPattern("public\\.loans\\s+2000\\s+2000\\s+match")
                .containsPattern("data validated at cutover:\\s+\\S")
                .doesNotContain("data validated at cutover:    not reached")
                .containsPattern("application writes:\\s+[1-9]\\d* row updates")
                .doesNotContain("scratch_notes", LocalPostgres.PASSWORD);
        // THEN the measured full-load speed is kept for runbook plan
        var recorded = Json.tree(Files.readString(throughput));
        assertThat(recorded.path("rows").asLong()).isEqualTo(5050);
        assertThat(recorded.path("bytes").asLong()).isPositive();
        assertThat(recorded.path("rowsPerSecond").asLong()).isPositive();
    }

    @Test
    void rehearse_ownSpecFromAPlainSqlDump_withoutWrites_copiesTheSchemaFirstWhenTheWorkflowDoesNot() {
        Result result = rehearse("--spec", dir.resolve("spec.json").toString(), "--source-dump", dir.resolve("library.sql").toString(),
                "--writes-per-second", "0", "--schema-mode", "verify", "--throughput-file", dir.resolve("throughput-sql.json").toString(),
                "--timeout-minutes", "10");

        assertThat(result.exit()).as("exit code; stderr: %s", result.err()).isZero();
        assertThat(result.out()).contains("from plain SQL script library.sql", "copied the source's schema to the target",
                "application writes:   none (--writes-per-second 0)", "REHEARSAL PASSED")
                .containsPattern("public\\.authors\\s+50\\s+50\\s+match");
    }

    @Test
    void rehearse_aFileThatIsNoDump_isRefusedBeforeAnythingStarts() throws IOException {
        Path garbage = Files.write(dir.resolve("photo.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 0, 1, 2, 3, 0, 0});
        Result result = rehearse("--spec", dir.resolve("spec.json").toString(), "--source-dump", garbage.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("--source-dump " + garbage, "neither a pg_dump archive nor SQL text", "pg_dump -Fc");
        assertThat(result.out()).doesNotContain("source PostgreSQL on port");
    }

    @Test
    void rehearse_aDamagedArchive_aMysqldumpAndAMissingFile_areRefusedWithTheirReasons() throws IOException {
        byte[] archive = Files.readAllBytes(dir.resolve("library.dump"));
        Path truncated = Files.write(dir.resolve("truncated.dump"), java.util.Arrays.copyOf(archive, 200));
        Path mysqldump = Files.writeString(dir.resolve("shop.sql"), "-- MySQL dump 10.13  Distrib 8.0.36\nCREATE TABLE t (id int);\n");

        Result damaged = rehearse("--spec", dir.resolve("spec.json").toString(), "--source-dump", truncated.toString());
        Result mysql = rehearse("--spec", dir.resolve("spec.json").toString(), "--source-dump", mysqldump.toString());
        Result missing = rehearse("--spec", dir.resolve("spec.json").toString(), "--source-dump", dir.resolve("nowhere.dump").toString());

        assertThat(damaged.exit()).isEqualTo(2);
        assertThat(damaged.err()).contains("is a damaged pg_dump archive", "pg_restore said:");
        assertThat(mysql.exit()).isEqualTo(2);
        assertThat(mysql.err()).contains("is a mysqldump file, but the spec's source is postgres", "pg_dump -Fc");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere.dump: no such file");
    }

    @Test
    void rehearse_aSourceUrlThatDoesNotAnswer_isRefusedWithoutShowingItsPassword() {
        int closedPort = FreePorts.next();
        Result result = rehearse("--spec", dir.resolve("spec.json").toString(),
                "--source-url", "postgresql://app:very-secret-pw@127.0.0.1:" + closedPort + "/library");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("--source-url postgresql://app@127.0.0.1:" + closedPort + "/library cannot be reached",
                "Check the host, port").doesNotContain("very-secret-pw");
    }

    @Test
    void rehearse_aSourceUrl_copiesItReadOnly_andLeavesItUnchanged() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + origin.port() + "/library?user=" + LocalPostgres.SUPERUSER
                + "&password=" + LocalPostgres.PASSWORD;
        Result result = rehearse("--spec", dir.resolve("spec.json").toString(), "--source-url", url, "--writes-per-second", "0",
                "--throughput-file", dir.resolve("throughput-url.json").toString(), "--timeout-minutes", "10");

        assertThat(result.exit()).as("exit code; stderr: %s", result.err()).isZero();
        assertThat(result.out()).contains("copying postgresql://postgres@127.0.0.1:" + origin.port() + "/library (read-only",
                "REHEARSAL PASSED").doesNotContain(LocalPostgres.PASSWORD);
        // THEN the URL's server ran no data-changing statement of the rehearsal's sessions (the log shows the test's own)
        String log = Files.readString(origin.serverLog());
        assertThat(log).contains("CREATE TABLE authors");
        assertThat(log.lines().filter(l -> l.startsWith("app=dms-runbook-rehearsal") || l.startsWith("app=pg_dump"))
                .filter(l -> l.contains("statement:"))).as("statements the copy made the origin log").isEmpty();
        assertThat(slotsAndPublications()).as("nothing of the migration was created on the URL's database").isZero();
    }

    @Test
    void rehearse_aSpecThatDoesNotValidate_orOptionsWithoutASpec_exitTwoWithTheFix() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad-spec.json"), "{\"migrationId\": \"Bad Id\", \"engine\": \"warp\"}");
        Result invalid = rehearse("--spec", bad.toString(), "--source-dump", dir.resolve("library.dump").toString());
        Result noSpec = rehearse("--source-dump", dir.resolve("library.dump").toString());
        Result noData = rehearse("--spec", dir.resolve("spec.json").toString());

        assertThat(invalid.exit()).isEqualTo(2);
        assertThat(invalid.err()).contains("The spec has", "migrationId");
        assertThat(noSpec.exit()).isEqualTo(2);
        assertThat(noSpec.err()).contains("add --spec my-spec.json");
        assertThat(noData.exit()).isEqualTo(2);
        assertThat(noData.err()).contains("--source-dump FILE", "--source-url URL");
    }

    private static String spec() {
        return """
                {
                  "migrationId": "library-rehearsal",
                  "description": "The library database to Aurora",
                  "engine": "postgres-native",
                  "migrationType": "full-load-and-cdc",
                  "source": {"engine": "postgres", "host": "library-db.internal.example", "port": 5432, "database": "library",
                             "sslMode": "require", "secretArn": "arn:aws:secretsmanager:eu-west-1:210987654321:secret:dms-runbook/library-source"},
                  "target": {"engine": "aurora-postgresql", "host": "library.cluster-x.eu-west-1.rds.amazonaws.com", "port": 5432,
                             "database": "library", "sslMode": "verify-full",
                             "secretArn": "arn:aws:secretsmanager:eu-west-1:210987654321:secret:dms-runbook/library-target"},
                  "tableMappings": {"rules": [
                    {"rule-type": "selection", "rule-id": "1", "rule-name": "library", "rule-action": "include",
                     "object-locator": {"schema-name": "public", "table-name": "%"}},
                    {"rule-type": "selection", "rule-id": "2", "rule-name": "no-scratch", "rule-action": "exclude",
                     "object-locator": {"schema-name": "public", "table-name": "scratch_notes"}}]},
                  "thresholds": {"cdcLatencySeconds": 5, "stableForSeconds": 3, "pollIntervalSeconds": 1, "maxWaitSeconds": 900},
                  "cutover": {"policy": "approval", "approvalTimeoutSeconds": 600},
                  "schema": {"mode": "apply"},
                  "validation": {"mode": "checksums",
                                 "queries": [{"name": "books per author", "sql": "SELECT name, books FROM books_per_author ORDER BY name"}]}
                }
                """;
    }

    private static long slotsAndPublications() throws Exception {
        try (var connection = origin.connect("library"); var statement = connection.createStatement();
             var row = statement.executeQuery("SELECT (SELECT count(*) FROM pg_replication_slots) + (SELECT count(*) FROM pg_publication)")) {
            row.next();
            return row.getLong(1);
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result rehearse(String... options) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        StringWriter err = new StringWriter();
        String[] args = new String[options.length + 1];
        args[0] = "rehearse";
        System.arraycopy(options, 0, args, 1, options.length);
        int exit;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            exit = RunbookCommand.run(new PrintWriter(System.out, true), new PrintWriter(err, true), args);
        } finally {
            System.setOut(original);
        }
        String output = console.toString(StandardCharsets.UTF_8);
        original.println(output);
        original.println(err);
        return new Result(exit, output, err.toString());
    }

    private static void run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
