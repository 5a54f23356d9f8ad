package dmsrunbook.preflight;

import static dmsrunbook.testing.PreflightResults.the;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.DatabaseUnavailableException;
import dmsrunbook.local.FreePorts;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.testing.LocalSecretsManager;
import dmsrunbook.testing.LocalSpecs;
import dmsrunbook.testing.SharedPostgres;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The whole preflight as the RunPreflightChecks phase runs it: endpoint secrets read from Secrets Manager (moto), then
 * source and target checked over real connections. A secret or a login that cannot work is a FAIL with its fix,
 * never an exception; only a database that does not answer is retried.
 */
class PreflightServiceIT {

    private static final AtomicInteger SECRETS = new AtomicInteger();
    private static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric)";

    @Test
    void readySourceAndTarget_pass_withTheirWarningsReported() {
        // GIVEN a keyed source table, its empty copy on the target, and secrets naming the servers
        Databases databases = databases();
        ObjectNode spec = spec(databases, secret(LocalPostgres.PASSWORD), secret(LocalPostgres.PASSWORD));
        LocalSpecs.taskSettings(spec).putObject("FullLoadSettings").put("TargetTablePrepMode", "TRUNCATE_BEFORE_LOAD");

        // WHEN the preflight runs
        PreflightReport report = preflight().run(LocalSpecs.read(spec));

        // THEN it passes, and what it warns about is only that nothing is encrypted
        assertThat(report.passed()).as(lines(report)).isTrue();
        assertThat(report.warnings()).extracting(CheckResult::check).containsExactly("ssl");
        assertThat(the(report.checks(), "source", "secret").line()).isEqualTo("PASS source secret: holds username, password, host and port");
        assertThat(the(report.checks(), "target", "reachable").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void secretWithoutHostOrPort_failsBeforeAnyConnection_sayingWhatToAdd() {
        Databases databases = databases();
        String noHost = LocalSecretsManager.put("dms-runbook/no-host-" + SECRETS.incrementAndGet(), LocalPostgres.SUPERUSER,
                LocalPostgres.PASSWORD, null, SharedPostgres.cluster().port());

        PreflightReport report = preflight().run(LocalSpecs.read(spec(databases, noHost, secret(LocalPostgres.PASSWORD))));

        // DMS reads host and port from the secret too: without them its endpoint could not connect.
        assertThat(report.failures()).extracting(CheckResult::line).containsExactly("FAIL source secret: lacks host; DMS reads the "
                + "connection from the secret -> add \"host\": \"127.0.0.1\" and \"port\": " + SharedPostgres.cluster().port() + " to the secret");
        assertThat(report.checks()).extracting(CheckResult::check).doesNotContain("wal_level");
    }

    @Test
    void secretPointingAtAnotherServer_fails_soThePreflightDoesNotVouchForTheWrongDatabase() {
        Databases databases = databases();
        String elsewhere = LocalSecretsManager.put("dms-runbook/elsewhere-" + SECRETS.incrementAndGet(), LocalPostgres.SUPERUSER,
                LocalPostgres.PASSWORD, "prod-db.example.internal", 5432);

        PreflightReport report = preflight().run(LocalSpecs.read(spec(databases, secret(LocalPostgres.PASSWORD), elsewhere)));

        assertThat(report.failures()).extracting(CheckResult::line).containsExactly("FAIL target secret: points at "
                + "prod-db.example.internal:5432 but the spec at 127.0.0.1:" + SharedPostgres.cluster().port()
                + " -> make the secret and the spec name the same server");
    }

    @Test
    void secretThatDoesNotExist_failsTheSecretCheck_withWhereToCreateIt() {
        Databases databases = databases();
        String missing = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/never-created-AbCdEf";

        PreflightReport report = preflight().run(LocalSpecs.read(spec(databases, missing, secret(LocalPostgres.PASSWORD))));

        assertThat(the(report.checks(), "source", "secret").line()).isEqualTo("FAIL source secret: Secret " + missing
                + " does not exist -> Create it in Secrets Manager in this region, or fix secretArn in the spec.");
    }

    @Test
    void secretThatIsNotJson_fails_withoutEchoingItsText() {
        Databases databases = databases();
        String plain = LocalSecretsManager.putRaw("dms-runbook/plain-" + SECRETS.incrementAndGet(), "hunter2-plain-password");

        PreflightReport report = preflight().run(LocalSpecs.read(spec(databases, plain, secret(LocalPostgres.PASSWORD))));

        assertThat(the(report.checks(), "source", "secret").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(lines(report)).contains("is not a JSON object").doesNotContain("hunter2-plain-password");
    }

    @Test
    void wrongTargetPassword_failsReachable_withTheFix_ratherThanThrowing() {
        Databases databases = databases();
        ObjectNode spec = spec(databases, secret(LocalPostgres.PASSWORD), secret("not-the-password"));

        PreflightReport report = preflight().run(LocalSpecs.read(spec));

        CheckResult reachable = the(report.checks(), "target", "reachable");
        assertThat(reachable.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(reachable.detail()).startsWith("cannot use aurora-postgresql " + databases.target() + "@127.0.0.1:")
                .contains("password authentication failed for user \"postgres\"", "SQLSTATE 28P01");
        assertThat(reachable.remediation()).contains("check the user name and password in the endpoint's secret");
        assertThat(reachable.line()).as("the fix is said once").containsOnlyOnce("check the user name and password");
        assertThat(the(report.checks(), "source", "wal_level").status()).as("the source was still checked").isEqualTo(CheckStatus.PASS);
        assertThat(lines(report)).doesNotContain("not-the-password");
    }

    @Test
    void wrongSourcePassword_failsReachable_andSkipsTheTargetTableChecks() {
        Databases databases = databases();

        PreflightReport report = preflight().run(LocalSpecs.read(spec(databases, secret("not-the-password"), secret(LocalPostgres.PASSWORD))));

        assertThat(report.failures()).extracting(CheckResult::check).containsExactly("reachable");
        assertThat(report.checks()).extracting(CheckResult::check).doesNotContain("target tables", "wal_level");
    }

    @Test
    void databaseThatDoesNotAnswer_isThrownAsRetryable_notReportedAsAFail() {
        // GIVEN a source secret and spec naming a port nobody listens on
        Databases databases = databases();
        int closedPort = FreePorts.next();
        String secret = LocalSecretsManager.put("dms-runbook/closed-" + SECRETS.incrementAndGet(), LocalPostgres.SUPERUSER,
                LocalPostgres.PASSWORD, "127.0.0.1", closedPort);
        ObjectNode spec = spec(databases, secret, secret(LocalPostgres.PASSWORD));
        ((ObjectNode) spec.get("source")).put("port", closedPort);

        // THEN the state machine's retry gets it (a network or failover passes), with the reachability fix
        assertThatThrownBy(() -> preflight().run(LocalSpecs.read(spec)))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("Connecting on postgres " + databases.source() + "@127.0.0.1:" + closedPort + " failed")
                .hasMessageContaining("Fix: Check that the database is up and reachable");
    }

    @Test
    void nativeReplication_needsOnlyUsernameAndPasswordInItsSecrets() {
        Databases databases = databases();
        String bare = LocalSecretsManager.put("dms-runbook/bare-" + SECRETS.incrementAndGet(), LocalPostgres.SUPERUSER,
                LocalPostgres.PASSWORD, null, null);
        ObjectNode spec = LocalSpecs.postgresNative("native-preflight", side("postgres", databases.source(), bare),
                side("aurora-postgresql", databases.target(), bare));

        PreflightReport report = preflight().run(LocalSpecs.read(spec));

        assertThat(the(report.checks(), "source", "secret").line()).isEqualTo("PASS source secret: holds username and password");
        assertThat(report.passed()).as(lines(report)).isTrue();
    }

    @Test
    void schemaAppliedWithDms_warnsOfTheSourcesTriggersTheSchemaStepCreates_unlessDmsWritesAsAReplica() {
        // GIVEN a source table with a trigger, an empty target database, and the workflow to create the target's schema
        String source = SharedPostgres.freshDatabase("preflight_triggers_source");
        String target = SharedPostgres.freshDatabase("preflight_triggers_target");
        SharedPostgres.cluster().execute(source, ORDERS + "; CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; "
                + "CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()");
        ObjectNode spec = spec(new Databases(source, target), secret(LocalPostgres.PASSWORD), secret(LocalPostgres.PASSWORD));
        spec.putObject("schema").put("mode", "apply");

        // THEN the trigger the post-data part creates, which DMS's change writes would fire, is named with the fix
        CheckResult triggers = the(preflight().run(LocalSpecs.read(spec)).checks(), "target", "triggers to be created");
        assertThat(triggers.line()).isEqualTo("WARN target triggers to be created: the schema step creates orders_touch on public.orders "
                + "after the full load; DMS's change writes until the cutover would fire them, applying their effects a second time -> "
                + "add \"AfterConnectScript\": \"SET session_replication_role = replica\" to the target's dmsSettings");

        // AND once DMS writes as a replica, they do not fire
        ((ObjectNode) spec.get("target")).putObject("dmsSettings").put("AfterConnectScript", "SET session_replication_role = replica");
        assertThat(the(preflight().run(LocalSpecs.read(spec)).checks(), "target", "triggers to be created").status())
                .isEqualTo(CheckStatus.PASS);
    }

    @Test
    void s3Target_isLeftToDmsConnectionTest() {
        Databases databases = databases();
        ObjectNode spec = spec(databases, secret(LocalPostgres.PASSWORD), secret(LocalPostgres.PASSWORD));
        ObjectNode s3 = spec.putObject("target").put("engine", "s3");
        s3.putObject("dmsSettings").put("BucketName", "lake").put("ServiceAccessRoleArn", "arn:aws:iam::123456789012:role/dms-runbook-s3");

        PreflightReport report = preflight().run(LocalSpecs.read(spec));

        assertThat(the(report.checks(), "target", "reachable").line())
                .isEqualTo("PASS target reachable: s3://lake/: DMS's connection test checks the bucket and role");
        assertThat(report.passed()).as(lines(report)).isTrue();
    }

    private record Databases(String source, String target) {
    }

    private static Databases databases() {
        String source = SharedPostgres.freshDatabase("preflight_source");
        String target = SharedPostgres.freshDatabase("preflight_target");
        SharedPostgres.cluster().execute(source, ORDERS);
        SharedPostgres.cluster().execute(target, ORDERS);
        return new Databases(source, target);
    }

    private static ObjectNode spec(Databases databases, String sourceSecret, String targetSecret) {
        return LocalSpecs.dms("preflight", side("postgres", databases.source(), sourceSecret),
                side("aurora-postgresql", databases.target(), targetSecret), "public");
    }

    private static LocalSpecs.Side side(String engine, String database, String secretArn) {
        return new LocalSpecs.Side(engine, SharedPostgres.cluster().host(), SharedPostgres.cluster().port(), database, secretArn);
    }

    /** A secret for the shared cluster's superuser with this password, host and port as RDS stores them. */
    private static String secret(String password) {
        return LocalSecretsManager.put("dms-runbook/preflight-" + SECRETS.incrementAndGet(), LocalPostgres.SUPERUSER, password,
                SharedPostgres.cluster().host(), SharedPostgres.cluster().port());
    }

    private static PreflightService preflight() {
        return new PreflightService(LocalSecretsManager.connector(), 30);
    }

    private static String lines(PreflightReport report) {
        return String.join("\n", report.checks().stream().map(CheckResult::line).toList());
    }
}
