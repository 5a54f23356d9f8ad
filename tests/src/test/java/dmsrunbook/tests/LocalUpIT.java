package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.cli.RunbookCommand;
import dmsrunbook.local.LocalPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runbook local up} as an operator uses it: the workflow deployed on the local emulation, the operator's
 * database credentials stored from a file, and then {@code runbook start}, {@code status} and {@code approve} with
 * {@code --endpoint-url} migrate two real PostgreSQL databases with the native engine, without an AWS account. The
 * credentials never appear in what it prints; interrupting it stops it cleanly.
 */
class LocalUpIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    @Test
    void localUp_thenStartStatusApprove_migratesRealDatabases_andStopsWhenInterrupted() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("local-up-source");
             LocalPostgres target = LocalPostgres.start("local-up-target", Map.of("wal_receiver_status_interval", "1s"))) {
            source.createDatabase("shop");
            target.createDatabase("shop");
            source.execute("shop", "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2)); "
                    + "INSERT INTO orders SELECT g, g / 10.0 FROM generate_series(1, 4000) g");
            Path secrets = Files.writeString(dir.resolve("secrets.json"), """
                    {"dms-runbook/shop-source": {"username": "postgres", "password": "%1$s", "host": "127.0.0.1", "port": %2$d},
                     "dms-runbook/shop-target": {"username": "postgres", "password": "%1$s", "host": "127.0.0.1", "port": %3$d}}
                    """.formatted(LocalPostgres.PASSWORD, source.port(), target.port()));

            StringWriter upOutput = new StringWriter();
            AtomicInteger upExit = new AtomicInteger(-1);
            Thread up = new Thread(() -> upExit.set(RunbookCommand.run(new PrintWriter(upOutput, true), new PrintWriter(upOutput, true),
                    "local", "up", "--secrets-file", secrets.toString())), "runbook-local-up");
            up.start();
            try {
                String ready = awaitOutput(upOutput, "runbook cleanup SPEC");
                String endpoint = find(ready, "endpoint URL:\\s+(\\S+)");
                String stateMachine = find(ready, "state machine:\\s+(\\S+)");
                String sourceSecret = find(ready, "secret dms-runbook/shop-source \\(postgres@127\\.0\\.0\\.1:\\d+\\): (\\S+)");
                String targetSecret = find(ready, "secret dms-runbook/shop-target \\(postgres@127\\.0\\.0\\.1:\\d+\\): (\\S+)");
                assertThat(ready).doesNotContain(LocalPostgres.PASSWORD);

                Path spec = Files.writeString(dir.resolve("shop.json"), """
                        {"migrationId": "shop-local", "engine": "postgres-native", "migrationType": "full-load-and-cdc",
                         "source": {"engine": "postgres", "host": "127.0.0.1", "port": %d, "database": "shop", "sslMode": "none", "secretArn": "%s"},
                         "target": {"engine": "postgres", "host": "127.0.0.1", "port": %d, "database": "shop", "sslMode": "none", "secretArn": "%s"},
                         "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all", "rule-action": "include",
                                                      "object-locator": {"schema-name": "public", "table-name": "%%"}}]},
                         "thresholds": {"cdcLatencySeconds": 5, "stableForSeconds": 2, "pollIntervalSeconds": 1, "maxWaitSeconds": 600},
                         "cutover": {"policy": "approval", "approvalTimeoutSeconds": 600},
                         "schema": {"mode": "apply"}}
                        """.formatted(source.port(), sourceSecret, target.port(), targetSecret));

                StringWriter started = new StringWriter();
                assertThat(runbook(started, "start", spec.toString(), "--state-machine-arn", stateMachine, "--endpoint-url", endpoint))
                        .as(started.toString()).isZero();
                String execution = started.toString().trim();
                assertThat(execution).startsWith("arn:aws:states:");

                // WHEN the cutover waits for a person, the operator approves it with the verb
                awaitStatus(execution, endpoint, "phase:  RequestCutoverApproval");
                StringWriter approved = new StringWriter();
                assertThat(runbook(approved, "approve", execution, "--endpoint-url", endpoint, "--approved-by", "local operator"))
                        .as(approved.toString()).isZero();

                // THEN the migration succeeds and the target holds the source's rows
                String status = awaitStatus(execution, endpoint, "status: SUCCEEDED");
                assertThat(status).contains("phase:  MigrationSucceeded");
                try (var connection = target.connect("shop"); var statement = connection.createStatement();
                     var row = statement.executeQuery("SELECT count(*) FROM orders")) {
                    row.next();
                    assertThat(row.getLong(1)).isEqualTo(4000);
                }
            } finally {
                up.interrupt();
                up.join(Duration.ofMinutes(1).toMillis());
            }
            assertThat(up.isAlive()).isFalse();
            assertThat(upExit.get()).as(upOutput.toString()).isZero();
            assertThat(upOutput.toString()).contains("local emulation stopped").doesNotContain(LocalPostgres.PASSWORD);
        }
    }

    @Test
    void localUp_withASecretsFileLackingAField_refusesBeforeDeploying() throws Exception {
        Path secrets = Files.writeString(dir.resolve("secrets.json"), "{\"dms-runbook/x\": {\"username\": \"u\", \"password\": \"hidden-pw\", \"host\": \"h\"}}");
        StringWriter out = new StringWriter();

        int exit = runbook(out, "local", "up", "--secrets-file", secrets.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).contains("secret dms-runbook/x lacks port").doesNotContain("hidden-pw", "deploying");
    }

    private static String awaitStatus(String execution, String endpoint, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            StringWriter status = new StringWriter();
            runbook(status, "status", execution, "--endpoint-url", endpoint);
            last = status.toString();
            if (last.contains(expected)) {
                return last;
            }
            assertThat(last).as("the execution ended before: %s", expected).doesNotContain("status: FAILED", "status: ABORTED");
            Thread.sleep(1_000);
        }
        throw new AssertionError("no '" + expected + "' within " + TIMEOUT + "; last status:\n" + last);
    }

    private static String awaitOutput(StringWriter output, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = output.toString();
            if (text.contains(expected)) {
                return text;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("runbook local up did not get ready:\n" + output);
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in:%n%s", regex, text).isTrue();
        return matcher.group(1);
    }

    private static int runbook(StringWriter out, String... args) {
        PrintWriter writer = new PrintWriter(out, true);
        return RunbookCommand.run(writer, writer, args);
    }
}
