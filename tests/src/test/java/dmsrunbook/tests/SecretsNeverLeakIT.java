package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.deploy.AlertInbox.Notice;
import dmsrunbook.deploy.LocalSecrets;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.rehearsal.CashFlowSchema;
import dmsrunbook.rehearsal.DmsStandIn;
import dmsrunbook.rehearsal.LocalRunbook;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Database passwords stay in Secrets Manager: whole migrations run with passwords that are unique markers, and no
 * marker shows up in what the handlers print, in any SNS message on-call receives, in the Lambda payloads or in the
 * execution history, on the success path and on the failure paths where drivers and alerts quote errors.
 */
class SecretsNeverLeakIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String MIGRATOR = "migrator";

    private static ConsoleCapture console;
    private static LocalRunbook runbook;
    private static LocalPostgres source;
    private static LocalPostgres target;

    @BeforeAll
    static void startTheRunbookWhileCapturingTheConsole() throws Exception {
        console = ConsoleCapture.start();
        runbook = LocalRunbook.start();
        source = LocalPostgres.startLogicalSource("secrets-source");
        target = LocalPostgres.start("secrets-target", Map.of());
        CashFlowDatabases.givenOnSourceWithSchemaOnTarget(source, target, 5, 100);
    }

    @AfterAll
    static void stopEverything() {
        target.close();
        source.close();
        runbook.close();
        console.close();
    }

    @Test
    void successfulMigration_neverShowsThePasswords() throws Exception {
        // GIVEN a migration user on both sides whose passwords are markers
        String sourcePassword = marker();
        String targetPassword = marker();
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
    void wrongTargetPassword_failsThePreflight_withoutShowingEitherPassword() {
        // GIVEN the target's secret holds a wrong password (itself a marker), the source's the right one
        String sourcePassword = marker();
        String wrongPassword = marker();
        String spec = MigrationSpecs.dms(runbook, "secret-wrong", "full-load-and-cdc", source, target, "fluxocaixa", "auto",
                secret("secret-wrong-source", source, sourcePassword), LocalSecrets.put(runbook.aws(), "dms-runbook/secret-wrong-target",
                        MIGRATOR, wrongPassword, target.host(), target.port()));

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
        String password = marker();
        String plain;
        try {
            plain = runbook.aws().clients().secretsManager().createSecret(b -> b.name("dms-runbook/secret-plain-source")
                    .secretString(password)).arn();
        } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException e) {
            throw new IllegalStateException(e);
        }
        String spec = MigrationSpecs.dms(runbook, "secret-plain", "full-load-and-cdc", source, target, "fluxocaixa", "auto",
                plain, secret("secret-plain-target", target, marker()));

        String execution = runbook.executions().start("secret-plain-run", spec);
        var result = runbook.executions().awaitEnd(execution, TIMEOUT);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.cause()).contains("is not a JSON object");
        runbook.inbox().await(n -> n.subject().contains("secret-plain FAILED"), TIMEOUT);
        assertNowhere(execution, password);
    }

    private static void assertNowhere(String execution, String... passwords) {
        String logs = console.text();
        assertThat(logs).as("the capture sees the handlers' logs").contains("RunPreflightChecksHandler started");
        String notices = runbook.inbox().notices().stream().map(n -> n.subject() + "\n" + n.message()).collect(Collectors.joining("\n"));
        assertThat(notices).as("the inbox got the alerts and reports").isNotBlank();
        String payloads = runbook.aws().gateway().invocations().stream()
                .flatMap(i -> Stream.of(i.input(), i.output(), i.error() == null ? null : i.error().toString()))
                .map(String::valueOf).collect(Collectors.joining("\n"));
        String history = runbook.executions().history(execution).toString();
        for (String password : passwords) {
            assertThat(logs).as("stdout and stderr").doesNotContain(password);
            assertThat(notices).as("SNS messages").doesNotContain(password);
            assertThat(payloads).as("Lambda payloads and errors").doesNotContain(password);
            assertThat(history).as("execution history").doesNotContain(password);
        }
    }

    /** A login on both clusters with this password, able to do all a DMS user does, and its secret. */
    private static String secret(String name, LocalPostgres cluster, String password) {
        cluster.execute("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + MIGRATOR + "') "
                + "THEN CREATE ROLE " + MIGRATOR + " LOGIN SUPERUSER; END IF; END $$; "
                + "ALTER ROLE " + MIGRATOR + " PASSWORD '" + password + "'");
        return LocalSecrets.put(runbook.aws(), "dms-runbook/" + name, MIGRATOR, password, cluster.host(), cluster.port());
    }

    private static String marker() {
        return "pw-marker-" + UUID.randomUUID().toString().replace("-", "");
    }
}
