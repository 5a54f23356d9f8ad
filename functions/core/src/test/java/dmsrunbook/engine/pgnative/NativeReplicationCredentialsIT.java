package dmsrunbook.engine.pgnative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dmsrunbook.database.postgres.PostgresConninfo;
import dmsrunbook.database.postgres.PostgresLogicalReplication;
import dmsrunbook.database.postgres.PostgresReplicationRole;
import dmsrunbook.engine.ReplicationHandle;
import dmsrunbook.engine.ReplicationProgress;
import dmsrunbook.engine.StartKind;
import dmsrunbook.engine.StopResult;
import dmsrunbook.error.DatabaseAccessException;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.testing.LocalSecretsManager;
import dmsrunbook.testing.LocalSpecs;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;

/**
 * The native engine never hands the source user's password to the target: the subscription logs in as a replication
 * role made for the migration, whose random password is renewed at every (re)start and reaches neither server's log,
 * and which the stop drops. On a real cluster that logs every DDL statement ({@code log_statement = ddl}), with a
 * source password holding quotes, backslashes and spaces; the log and {@code pg_subscription} are read for both
 * passwords, on the success path and when CREATE SUBSCRIPTION fails.
 */
class NativeReplicationCredentialsIT {

    private static final String MIGRATOR = "migrator";
    private static final String MIGRATOR_PASSWORD = "it's a \"pass\\word\" with spaces";
    private static final Pattern CONNINFO_PASSWORD = Pattern.compile("password='((?:[^'\\\\]|\\\\.)*)'");

    private static LocalPostgres cluster;
    private static String secret;

    @BeforeAll
    static void startAClusterThatLogsEveryDdlStatement() throws SQLException {
        cluster = LocalPostgres.start("credentials", Map.of("wal_level", "logical", "max_replication_slots", "10",
                "max_wal_senders", "10", "log_statement", "ddl"));
        cluster.execute("postgres", "CREATE ROLE " + MIGRATOR + " LOGIN SUPERUSER");
        try (Connection admin = cluster.connect("postgres")) {
            // As a SCRAM verifier, like the runbook does: the test's own statement must not put the password in the log.
            admin.unwrap(PGConnection.class).alterUserPassword(MIGRATOR, MIGRATOR_PASSWORD.toCharArray(), "scram-sha-256");
        }
        secret = LocalSecretsManager.put("dms-runbook/credentials-migrator", MIGRATOR, MIGRATOR_PASSWORD, cluster.host(), cluster.port());
    }

    @AfterAll
    static void stopTheCluster() {
        cluster.close();
    }

    @Test
    void subscriptionLogsInAsTheMigrationsOwnRole_andNeitherPasswordReachesTheLog_orOutlivesTheStop() throws Exception {
        // GIVEN a source with rows and the target's empty copy of its table
        MigrationSpec spec = migration("credentials-ok", "ok");
        NativePostgresEngine engine = engine();

        // WHEN the replication starts and copies the table
        ReplicationHandle handle = engine.startReplication(spec, null);
        assertThat(handle.startKind()).isEqualTo(StartKind.FRESH);
        awaitCopied(engine, spec, handle);

        // THEN the subscription holds the replication role's login, not the migrator's
        String conninfo = subconninfo(spec).orElseThrow();
        String role = PostgresReplicationRole.nameFor(spec.objectName());
        assertThat(conninfo).contains("user='" + role + "'").doesNotContain(MIGRATOR_PASSWORD).doesNotContain("user='" + MIGRATOR + "'");
        String rolePassword = password(conninfo);
        assertThat(count(spec.target().database(), "SELECT count(*) FROM orders")).isEqualTo(3);

        // AND a retried start leaves the running subscription and its password alone
        assertThat(engine.startReplication(spec, null).startKind()).isEqualTo(StartKind.ALREADY_RUNNING);
        assertThat(password(subconninfo(spec).orElseThrow())).isEqualTo(rolePassword);

        // AND a stopped subscription restarts with a new password, and still replicates
        cluster.execute(spec.target().database(), "ALTER SUBSCRIPTION " + spec.objectName() + " DISABLE");
        assertThat(engine.startReplication(spec, null).startKind()).isEqualTo(StartKind.RESUMED);
        String renewed = password(subconninfo(spec).orElseThrow());
        assertThat(renewed).isNotEqualTo(rolePassword);
        cluster.execute(spec.source().database(), "INSERT INTO orders VALUES (4, 40)");
        awaitRows(spec.target().database(), 4);

        // WHEN the replication stops
        StopResult stopped = stopWhenReleased(engine, spec, handle);

        // THEN the role is gone with the subscription, slot and publication, and the log holds neither password
        assertThat(stopped.detail()).isEqualTo("subscription dropped, replication role " + role + " dropped");
        assertThat(count("postgres", "SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "'")).isZero();
        assertThat(subconninfo(spec)).isEmpty();
        String log = Files.readString(cluster.serverLog());
        assertThat(log).as("the cluster logs DDL").contains("CREATE PUBLICATION " + spec.objectName());
        assertThat(log).doesNotContain(MIGRATOR_PASSWORD).doesNotContain(rolePassword).doesNotContain(renewed)
                .doesNotContain("CREATE SUBSCRIPTION").doesNotContain("password=");
    }

    @Test
    void createSubscriptionThatFails_logsItsErrorWithoutTheStatement_andTheStopStillDropsTheRole() throws Exception {
        // GIVEN a target that lacks the published table, so CREATE SUBSCRIPTION fails on the target's server
        MigrationSpec spec = migration("credentials-fail", "fail");
        cluster.execute(spec.target().database(), "DROP TABLE orders");
        NativePostgresEngine engine = engine();

        // WHEN the replication starts THEN it fails, and the target's log has the error but no connection string
        assertThatThrownBy(() -> engine.startReplication(spec, null)).isInstanceOf(DatabaseAccessException.class)
                .hasMessageContaining("does not exist");
        String log = Files.readString(cluster.serverLog());
        assertThat(log).contains("relation \"public.orders\" does not exist");
        assertThat(log).doesNotContain(MIGRATOR_PASSWORD).doesNotContain("CREATE SUBSCRIPTION").doesNotContain("password=");
        assertThat(subconninfo(spec)).isEmpty();

        // AND the failure cleanup drops the role the start made
        String role = PostgresReplicationRole.nameFor(spec.objectName());
        assertThat(count("postgres", "SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "'")).isOne();
        stopWhenReleased(engine, spec, ReplicationHandle.notStartedYet(spec.objectName()));
        assertThat(count("postgres", "SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "'")).isZero();
    }

    @ParameterizedTest(name = "standard_conforming_strings = {0}")
    @ValueSource(strings = {"on", "off"})
    void passwordWithQuotesBackslashesAndSpaces_reachesTheSourceIntact_whateverTheTargetSessionsStringSyntax(String conforming)
            throws Exception {
        // GIVEN a replication login whose password holds every character a connection string must escape
        MigrationSpec spec = migration("credentials-escape-" + conforming, "escape_" + conforming);
        String name = spec.objectName();
        String role = name + "_odd";
        PostgresLogicalReplication replication = new PostgresLogicalReplication();
        try (Connection source = cluster.connect(spec.source().database())) {
            source.createStatement().execute("CREATE ROLE " + role + " LOGIN REPLICATION");
            source.unwrap(PGConnection.class).alterUserPassword(role, MIGRATOR_PASSWORD.toCharArray(), "scram-sha-256");
            source.createStatement().execute("GRANT SELECT ON orders TO " + role);
            replication.ensurePublication(source, name, List.of(new TableName("public", "orders")));
            replication.ensureSlot(source, name);
        }

        // WHEN the subscription is created from a session with that string syntax
        try (Connection target = cluster.connect(spec.target().database())) {
            target.createStatement().execute("SET standard_conforming_strings = " + conforming);
            replication.createSubscription(target, name, spec.source(), new PostgresReplicationRole.Login(role, MIGRATOR_PASSWORD), true, true);
        }

        // THEN the source accepts that password: the rows arrive
        awaitRows(spec.target().database(), 3);
        assertThat(PostgresConninfo.of(spec.source(), role, MIGRATOR_PASSWORD, name)).contains("password='it\\'s a \"pass\\\\word\" with spaces'");
        try (Connection target = cluster.connect(spec.target().database()); Connection source = cluster.connect(spec.source().database())) {
            replication.dropSubscription(target, name);
            replication.dropSlot(source, name);
        }
    }

    private static NativePostgresEngine engine() {
        return new NativePostgresEngine(LocalSecretsManager.connector(), Clock.systemUTC());
    }

    /** A native migration between two new databases of the cluster, as the migrator; three orders on the source. */
    private static MigrationSpec migration(String migrationId, String databases) {
        String source = "source_" + databases;
        String target = "target_" + databases;
        cluster.createDatabase(source);
        cluster.createDatabase(target);
        cluster.execute(source, "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric); INSERT INTO orders VALUES (1, 10), (2, 20), (3, 30)");
        cluster.execute(target, "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric)");
        return LocalSpecs.read(LocalSpecs.postgresNative(migrationId,
                new LocalSpecs.Side("postgres", cluster.host(), cluster.port(), source, secret),
                new LocalSpecs.Side("aurora-postgresql", cluster.host(), cluster.port(), target, secret)));
    }

    private static void awaitCopied(NativePostgresEngine engine, MigrationSpec spec, ReplicationHandle handle) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (engine.progress(spec, handle).phase() != ReplicationProgress.Phase.FULL_LOAD) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the initial copy did not finish within 60 s");
    }

    private static void awaitRows(String database, long rows) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (count(database, "SELECT count(*) FROM orders") == rows) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(database + " did not reach " + rows + " orders within 60 s");
    }

    private static StopResult stopWhenReleased(NativePostgresEngine engine, MigrationSpec spec, ReplicationHandle handle)
            throws InterruptedException {
        for (int attempt = 0; attempt < 300; attempt++) {
            StopResult result = engine.stop(spec, handle);
            if (result.stopped()) {
                return result;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the replication did not stop");
    }

    private static Optional<String> subconninfo(MigrationSpec spec) throws SQLException {
        try (Connection target = cluster.connect(spec.target().database()); Statement statement = target.createStatement();
             ResultSet row = statement.executeQuery("SELECT subconninfo FROM pg_subscription WHERE subname = '" + spec.objectName() + "'")) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        }
    }

    private static String password(String conninfo) {
        Matcher matcher = CONNINFO_PASSWORD.matcher(conninfo);
        assertThat(matcher.find()).as("a password in %s", conninfo.replaceAll("password='[^']*'", "password=****")).isTrue();
        return matcher.group(1);
    }

    private static long count(String database, String sql) throws SQLException {
        try (Connection connection = cluster.connect(database); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
