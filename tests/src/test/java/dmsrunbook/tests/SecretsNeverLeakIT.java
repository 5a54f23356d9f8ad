package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.deploy.AlertInbox.Notice;
import dmsrunbook.deploy.LocalAws;
import dmsrunbook.deploy.LocalSecrets;
import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.rehearsal.CashFlowSchema;
import dmsrunbook.rehearsal.DmsStandIn;
import dmsrunbook.rehearsal.LocalRunbook;
import dmsrunbook.rehearsal.SchemaCopy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Database passwords stay in Secrets Manager: whole migrations run with passwords that are unique markers (holding
 * quotes, backslashes and spaces), and no marker shows up in what the handlers print, in any SNS message on-call
 * receives, in the Lambda payloads or in the execution history, on the success path and on the failure paths where
 * drivers and alerts quote errors: both engines (the native one's servers log every DDL statement, and their logs are
 * read too), PostgreSQL and MariaDB sources, a password pasted into the spec, and the fallback alert.
 */
class SecretsNeverLeakIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String MIGRATOR = "migrator";

    private static ConsoleCapture console;
    private static LocalRunbook runbook;
    private static LocalPostgres source;
    private static LocalPostgres target;
    private static LocalMariaDb mariaDb;

    /** A password as users pick them, around a unique core that is searched for: JSON or SQL quoting cannot hide it. */
    private record Password(String text, String core) {
        static Password marker() {
            String core = "pwmarker" + UUID.randomUUID().toString().replace("-", "");
            return new Password("it's \"" + core + "\" \\ with spaces", core);
        }
    }

    @BeforeAll
    static void startTheRunbookWhileCapturingTheConsole() throws Exception {
        console = ConsoleCapture.start();
        runbook = LocalRunbook.start();
        source = LocalPostgres.start("secrets-source", Map.of("wal_level", "logical", "max_replication_slots", "10",
                "max_wal_senders", "10", "wal_sender_timeout", "60s", "log_statement", "ddl"));
        target = LocalPostgres.start("secrets-target", Map.of("log_statement", "ddl"));
        CashFlowDatabases.givenOnSourceWithSchemaOnTarget(source, target, 5, 100);
    }

    @AfterAll
    static void stopEverything() {
        if (mariaDb != null) {
            mariaDb.close();
        }
        target.close();
        source.close();
        runbook.close();
        console.close();
    }

    @Test
    void successfulMigration_neverShowsThePasswords() throws Exception {
        // GIVEN a migration user on both sides whose passwords are markers
        Password sourcePassword = Password.marker();
        Password targetPassword = Password.marker();
        String spec = MigrationSpecs.dms(runbook, "secret-success", "full-load-and-cdc", source, target, "fluxocaixa", "auto",
                secret("secret-success-source", source, sourcePassword), secret("secret-success-target", target, targetPassword));

        // WHEN the migration runs to the end
        try (DmsStandIn dms = new DmsStandIn(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, "fluxocaixa", target,
                "fluxocaixa", CashFlowSchema.TABLES).attach("secret-success")) {
            String execution = runbook.executions().start("secret-success-run", spec);
            var result = runbook.executions().awaitEnd(execution, TIMEOUT);
            assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            runbook.inbox().await(n -> n.subject().contains("secret-success migration complete"), TIMEOUT);

            // THEN neither password is anywhere on-call or a log reader could see
            assertNowhere(execution, sourcePassword, targetPassword);
        }
    }

    @Test
    void nativeMigration_neverShowsThePasswords_notEvenInTheServersLogsOrCatalog() throws Exception {
        // GIVEN the cash-flow database on the source, its schema on the target, both servers logging every DDL statement
        String database = "native_leak";
        source.createDatabase(database);
        target.createDatabase(database);
        try (Connection s = source.connect(database)) {
            CashFlowSchema.create(s);
            CashFlowSchema.seed(s, 5, 100);
        }
        SchemaCopy.apply(source, target, database);
        Password sourcePassword = Password.marker();
        Password targetPassword = Password.marker();
        String spec = nativeSpec("secret-native", database, secret("secret-native-source", source, sourcePassword),
                secret("secret-native-target", target, targetPassword));

        // WHEN the native migration runs to the end
        String execution = runbook.executions().start("secret-native-run", spec);
        var result = runbook.executions().awaitEnd(execution, TIMEOUT);
        assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);

        // THEN no password reached what on-call sees, nor either server's log, and the replication login is gone
        assertNowhere(execution, sourcePassword, targetPassword);
        for (LocalPostgres cluster : List.of(source, target)) {
            String log = Files.readString(cluster.serverLog());
            assertThat(log).as("the server logs DDL").contains("CREATE ");
            assertThat(log).doesNotContain(sourcePassword.core()).doesNotContain(targetPassword.core()).doesNotContain("password=");
        }
        assertThat(query(target, database, "SELECT subconninfo FROM pg_subscription")).isEmpty();
        assertThat(query(source, database, "SELECT rolname FROM pg_roles WHERE rolname LIKE 'dmsrunbook%'")).isEmpty();
    }

    @Test
    void wrongTargetPassword_failsThePreflight_withoutShowingEitherPassword() {
        // GIVEN the target's secret holds a wrong password (itself a marker), the source's the right one
        Password sourcePassword = Password.marker();
        Password wrongPassword = Password.marker();
        String spec = MigrationSpecs.dms(runbook, "secret-wrong", "full-load-and-cdc", source, target, "fluxocaixa", "auto",
                secret("secret-wrong-source", source, sourcePassword), LocalSecrets.put(runbook.aws(), "dms-runbook/secret-wrong-target",
                        MIGRATOR, wrongPassword.text(), target.host(), target.port()));

        String execution = runbook.executions().start("secret-wrong-run", spec);
        var result = runbook.executions().awaitEnd(execution, TIMEOUT);

        // THEN the driver's refusal reaches on-call, and neither password does
        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.cause()).contains("FAIL target reachable", "password authentication failed");
        Notice alert = runbook.inbox().await(n -> n.subject().contains("secret-wrong FAILED in RunPreflightChecks"), TIMEOUT);
        assertThat(alert.message()).contains("password authentication failed for user \"migrator\"");
        assertNowhere(execution, sourcePassword, wrongPassword);
    }

    @Test
    void secretThatIsOnlyThePassword_failsThePreflight_withoutEchoingIt() {
        // GIVEN someone stored the bare password as the source secret, not the RDS JSON
        Password password = Password.marker();
        String plain;
        try {
            plain = runbook.aws().clients().secretsManager().createSecret(b -> b.name("dms-runbook/secret-plain-source")
                    .secretString(password.text())).arn();
        } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException e) {
            throw new IllegalStateException(e);
        }
        String spec = MigrationSpecs.dms(runbook, "secret-plain", "full-load-and-cdc", source, target, "fluxocaixa", "auto",
                plain, secret("secret-plain-target", target, Password.marker()));

        String execution = runbook.executions().start("secret-plain-run", spec);
        var result = runbook.executions().awaitEnd(execution, TIMEOUT);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.cause()).contains("is not a JSON object");
        runbook.inbox().await(n -> n.subject().contains("secret-plain FAILED"), TIMEOUT);
        assertNowhere(execution, password);
    }

    @Test
    void mariaDbSource_refusedOrChecked_neverShowsItsPassword() throws Exception {
        // GIVEN a MariaDB source whose migration user's password is a marker (binlog off: its preflight fails after logging in)
        mariaDb = LocalMariaDb.start("secrets-mariadb", Map.of());
        mariaDb.createDatabase("shop");
        mariaDb.execute("shop", "CREATE TABLE orders (id bigint PRIMARY KEY, total decimal(10, 2))");
        Password password = Password.marker();
        // Created from the password's hash, so the statement (and MariaDB's logs) never hold the password.
        mariaDb.execute("", "CREATE USER '" + MIGRATOR + "'@'%' IDENTIFIED BY PASSWORD '" + mysqlNativeHash(password.text()) + "'; "
                + "GRANT SELECT, REPLICATION CLIENT, REPLICATION SLAVE ON *.* TO '" + MIGRATOR + "'@'%'");
        String right = LocalSecrets.put(runbook.aws(), "dms-runbook/secret-maria-source", MIGRATOR, password.text(), mariaDb.host(), mariaDb.port());
        Password wrong = Password.marker();
        String wrongSecret = LocalSecrets.put(runbook.aws(), "dms-runbook/secret-maria-wrong", MIGRATOR, wrong.text(), mariaDb.host(), mariaDb.port());
        String targetSecret = secret("secret-maria-target", target, Password.marker());

        // WHEN one migration logs in and fails the checks, and another is refused the login
        String checked = runbook.executions().start("secret-maria-run", mariaDbSpec("secret-maria", right, targetSecret));
        String refused = runbook.executions().start("secret-maria-wrong-run", mariaDbSpec("secret-maria-wrong", wrongSecret, targetSecret));
        var checkedResult = runbook.executions().awaitEnd(checked, TIMEOUT);
        var refusedResult = runbook.executions().awaitEnd(refused, TIMEOUT);

        // THEN both fail at the preflight with the server's words, and neither password is anywhere
        assertThat(checkedResult.cause()).contains("FAIL source log_bin");
        assertThat(refusedResult.cause()).contains("FAIL source reachable", "Access denied for user 'migrator'");
        runbook.inbox().await(n -> n.subject().contains("secret-maria-wrong FAILED"), TIMEOUT);
        assertNowhere(checked, password, wrong);
        assertNowhere(refused, password, wrong);
    }

    @Test
    void passwordPastedIntoTheSpec_isRefusedByTheValidator_withoutBeingRepeated() {
        // GIVEN a spec whose source secretArn holds a password pasted in the wrong place
        Password pasted = Password.marker();
        String spec = MigrationSpecs.dms(runbook, "secret-pasted", "full-load-and-cdc", source, target, "fluxocaixa", "auto",
                "arn:aws:secretsmanager:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT + ":secret:dms-runbook/unused",
                secret("secret-pasted-target", target, Password.marker()))
                .replace("arn:aws:secretsmanager:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT + ":secret:dms-runbook/unused",
                        pasted.text().replace("\\", "\\\\").replace("\"", "\\\""));

        String execution = runbook.executions().start("secret-pasted-run", spec);
        var result = runbook.executions().awaitEnd(execution, TIMEOUT);

        // THEN the validator names the field, and the value goes nowhere but where Step Functions keeps the input itself
        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.cause()).contains("source.secretArn: is not a secretsmanager secret ARN (");
        Notice alert = runbook.inbox().await(n -> n.subject().contains("secret-pasted FAILED in ValidateMigrationSpec"), TIMEOUT);
        assertThat(alert.message()).contains("source.secretArn").doesNotContain(pasted.core());
        assertThat(result.cause()).doesNotContain(pasted.core());
        assertThat(console.text()).as("stdout and stderr").doesNotContain(pasted.core());
        assertThat(runbook.aws().gateway().invocations().stream()
                .flatMap(i -> Stream.of(i.output(), i.error() == null ? null : i.error().toString())).map(String::valueOf)
                .collect(Collectors.joining("\n"))).as("Lambda outputs and errors").doesNotContain(pasted.core());
        assertThat(failureEvents(execution)).as("the history's failures").doesNotContain(pasted.core());
    }

    @Test
    void alertFunctionFailing_fallsBackToADirectAlert_thatCarriesNoRawCause() throws Exception {
        // GIVEN a migration whose failure cause quotes something (its target database's name, a marker here), and
        // whose own alert topic does not exist, so the alert function fails and the state machine alerts by itself
        String quoted = "quoted_" + UUID.randomUUID().toString().replace("-", "");
        String spec = MigrationSpecs.dms(runbook, "secret-fallback", "full-load-and-cdc", source, target, "fluxocaixa", "auto",
                secret("secret-fallback-source", source, Password.marker()), secret("secret-fallback-target", target, Password.marker()))
                .replace("\"database\": \"fluxocaixa\", \"sslMode\": \"none\", \"secretArn\": \"arn:aws:secretsmanager:"
                        + LocalAws.REGION + ":" + LocalAws.ACCOUNT + ":secret:dms-runbook/secret-fallback-target",
                        "\"database\": \"" + quoted + "\", \"sslMode\": \"none\", \"secretArn\": \"arn:aws:secretsmanager:"
                        + LocalAws.REGION + ":" + LocalAws.ACCOUNT + ":secret:dms-runbook/secret-fallback-target")
                .replaceFirst("\\{\\s*\"migrationId\"", "{\"alertTopicArn\": \"arn:aws:sns:" + LocalAws.REGION + ":" + LocalAws.ACCOUNT
                        + ":dms-runbook-nobody-listens\", \"migrationId\"");
        assertThat(spec).contains(quoted, "dms-runbook-nobody-listens");

        String execution = runbook.executions().start("secret-fallback-run", spec);
        var result = runbook.executions().awaitEnd(execution, TIMEOUT);

        // THEN the direct alert names the error and the execution, and repeats no cause
        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.cause()).as("the cause quoted the marker").contains(quoted);
        assertThat(runbook.executions().enteredStates(execution)).contains("AlertOnCallDirectly");
        Notice fallback = runbook.inbox().await(n -> n.subject().equals("[dms-runbook] a migration FAILED")
                && n.message().contains(execution), TIMEOUT);
        assertThat(fallback.message()).contains("dmsrunbook.error.PreflightFailedException", "in case it quotes a secret")
                .doesNotContain(quoted);
    }

    private static void assertNowhere(String execution, Password... passwords) {
        String logs = console.text();
        assertThat(logs).as("the capture sees the handlers' logs").contains("RunPreflightChecksHandler started");
        String notices = runbook.inbox().notices().stream().map(n -> n.subject() + "\n" + n.message()).collect(Collectors.joining("\n"));
        assertThat(notices).as("the inbox got the alerts and reports").isNotBlank();
        String payloads = runbook.aws().gateway().invocations().stream()
                .flatMap(i -> Stream.of(i.input(), i.output(), i.error() == null ? null : i.error().toString()))
                .map(String::valueOf).collect(Collectors.joining("\n"));
        String history = runbook.executions().history(execution).toString();
        for (Password password : passwords) {
            assertThat(logs).as("stdout and stderr").doesNotContain(password.core());
            assertThat(notices).as("SNS messages").doesNotContain(password.core());
            assertThat(payloads).as("Lambda payloads and errors").doesNotContain(password.core());
            assertThat(history).as("execution history").doesNotContain(password.core());
        }
    }

    /** What the history says of failures: failed tasks and the execution's own failure, not the states' data. */
    private static String failureEvents(String execution) {
        List<String> failures = new ArrayList<>();
        for (HistoryEvent event : runbook.executions().history(execution)) {
            Stream.of(event.lambdaFunctionFailedEventDetails(), event.taskFailedEventDetails(), event.executionFailedEventDetails())
                    .filter(d -> d != null).map(Object::toString).forEach(failures::add);
        }
        assertThat(failures).as("the history has failures").isNotEmpty();
        return String.join("\n", failures);
    }

    /**
     * A superuser login on the cluster with this password, and its secret. The password is set as a SCRAM verifier, so
     * the test's own statement puts nothing in the server's log.
     */
    private static String secret(String name, LocalPostgres cluster, Password password) {
        cluster.execute("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + MIGRATOR + "') "
                + "THEN CREATE ROLE " + MIGRATOR + " LOGIN SUPERUSER; END IF; END $$");
        try (Connection admin = cluster.connect("postgres")) {
            admin.unwrap(PGConnection.class).alterUserPassword(MIGRATOR, password.text().toCharArray(), "scram-sha-256");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return LocalSecrets.put(runbook.aws(), "dms-runbook/" + name, MIGRATOR, password.text(), cluster.host(), cluster.port());
    }

    private static String nativeSpec(String migrationId, String database, String sourceSecret, String targetSecret) {
        return """
                {
                  "migrationId": "%s",
                  "engine": "postgres-native",
                  "migrationType": "full-load-and-cdc",
                  "source": {"engine": "postgres", "host": "%s", "port": %d, "database": "%s", "sslMode": "none", "secretArn": "%s"},
                  "target": {"engine": "aurora-postgresql", "host": "%s", "port": %d, "database": "%s", "sslMode": "none", "secretArn": "%s"},
                  "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
                     "object-locator": {"schema-name": "public", "table-name": "%%"}, "rule-action": "include"}]},
                  "thresholds": {"cdcLatencySeconds": 5, "stableForSeconds": 2, "pollIntervalSeconds": 1, "maxWaitSeconds": 300},
                  "cutover": {"policy": "auto", "approvalTimeoutSeconds": 300}
                }
                """.formatted(migrationId, source.host(), source.port(), database, sourceSecret,
                target.host(), target.port(), database, targetSecret);
    }

    private static String mariaDbSpec(String migrationId, String sourceSecret, String targetSecret) {
        return """
                {
                  "migrationId": "%s",
                  "engine": "dms",
                  "migrationType": "full-load-and-cdc",
                  "source": {"engine": "mariadb", "host": "%s", "port": %d, "database": "shop", "sslMode": "none", "secretArn": "%s"},
                  "target": {"engine": "aurora-postgresql", "host": "%s", "port": %d, "database": "fluxocaixa", "sslMode": "none", "secretArn": "%s"},
                  "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
                     "object-locator": {"schema-name": "shop", "table-name": "%%"}, "rule-action": "include"}]},
                  "dms": {"replicationInstanceArn": "%s",
                          "secretsAccessRoleArn": "arn:aws:iam::123456789012:role/dms-runbook-secrets-access"}
                }
                """.formatted(migrationId, mariaDb.host(), mariaDb.port(), sourceSecret, target.host(), target.port(), targetSecret,
                runbook.replicationInstanceArn());
    }

    /** MySQL's mysql_native_password hash: '*' and the upper-case hex of SHA1(SHA1(password)). */
    private static String mysqlNativeHash(String password) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        byte[] once = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
        return "*" + HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(once));
    }

    private static List<String> query(LocalPostgres cluster, String database, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = cluster.connect(database); Statement statement = c.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
