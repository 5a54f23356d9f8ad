package dmsrunbook.engine.pgnative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dmsrunbook.engine.EndpointTests;
import dmsrunbook.error.EndpointConnectionFailedException;
import dmsrunbook.local.FreePorts;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.testing.LocalSecretsManager;
import dmsrunbook.testing.LocalSpecs;
import dmsrunbook.testing.SharedPostgres;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The native engine's endpoint test on a real cluster: it opens the connections the migration will use (the runbook's
 * to both databases, and the subscription's replication connection to the source) and fails naming the database
 * that refused, instead of reporting success without trying.
 */
class NativePostgresEngineIT {

    private final NativePostgresEngine engine = new NativePostgresEngine(LocalSecretsManager.connector(), Clock.systemUTC());

    @Test
    void bothDatabasesReachable_andTheSourceUserMayReplicate_isSuccessful() {
        String database = SharedPostgres.freshDatabase("endpoints_ok");
        String target = SharedPostgres.freshDatabase("endpoints_ok_target");
        MigrationSpec spec = spec("endpoints-ok", superuser(database), superuser(target));

        EndpointTests tests = engine.testEndpoints(spec);

        assertThat(tests.status()).isEqualTo(EndpointTests.Status.SUCCESSFUL);
        LocalPostgres cluster = SharedPostgres.cluster();
        assertThat(tests.targetEndpoint()).isEqualTo("postgresql://" + cluster.host() + ":" + cluster.port() + "/" + target);
        assertThat(engine.checkEndpoints(spec, tests).status()).isEqualTo(EndpointTests.Status.SUCCESSFUL);
    }

    @Test
    void wrongTargetPort_failsTheEndpointTest_namingTheTarget() {
        // GIVEN a spec whose target port is one nobody listens on
        String database = SharedPostgres.freshDatabase("endpoints_wrong_port");
        LocalSpecs.Side source = superuser(database);
        int wrongPort = FreePorts.next();
        LocalSpecs.Side target = new LocalSpecs.Side("aurora-postgresql", source.host(), wrongPort, database, source.secretArn());
        MigrationSpec spec = spec("endpoints-wrong-port", source, target);

        // WHEN the endpoints are tested THEN the test fails for good, saying which database and why
        assertThatThrownBy(() -> engine.testEndpoints(spec))
                .isExactlyInstanceOf(EndpointConnectionFailedException.class)
                .hasMessageContaining("Could not connect to the target (aurora-postgresql " + database + "@" + source.host() + ":" + wrongPort + ")")
                .hasMessageContaining("refused")
                .hasMessageContaining("Fix: check the host, port and database in the spec");
        assertThatThrownBy(() -> engine.checkEndpoints(spec, new EndpointTests("", "", EndpointTests.Status.SUCCESSFUL, null, 0)))
                .isExactlyInstanceOf(EndpointConnectionFailedException.class)
                .hasMessageContaining("Could not connect to the target");
    }

    @Test
    void sourceUserWithoutReplication_failsTheEndpointTest_withTheGrant() {
        // GIVEN a source user that may log in and read, but not open the replication connection a subscription needs
        String database = SharedPostgres.freshDatabase("endpoints_no_replication");
        LocalPostgres cluster = SharedPostgres.cluster();
        cluster.execute(database, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reader_only') "
                + "THEN CREATE ROLE reader_only LOGIN PASSWORD 'reader-pw'; END IF; END $$");
        String readerSecret = LocalSecretsManager.put("dms-runbook/endpoints-reader", "reader_only", "reader-pw", cluster.host(), cluster.port());
        LocalSpecs.Side source = new LocalSpecs.Side("postgres", cluster.host(), cluster.port(), database, readerSecret);
        MigrationSpec spec = spec("endpoints-no-replication", source, superuser(SharedPostgres.freshDatabase("endpoints_no_replication_target")));

        assertThatThrownBy(() -> engine.testEndpoints(spec))
                .isExactlyInstanceOf(EndpointConnectionFailedException.class)
                .hasMessageContaining("The source (postgres " + database + "@" + cluster.host() + ":" + cluster.port()
                        + ") refuses the replication connection the subscription opens")
                .hasMessageContaining("replication")
                .hasMessageContaining("Fix: let reader_only open replication connections: ALTER ROLE reader_only WITH REPLICATION");
    }

    private static MigrationSpec spec(String migrationId, LocalSpecs.Side source, LocalSpecs.Side target) {
        return LocalSpecs.read(LocalSpecs.postgresNative(migrationId, source, target));
    }

    private static LocalSpecs.Side superuser(String database) {
        LocalPostgres cluster = SharedPostgres.cluster();
        String secret = LocalSecretsManager.put("dms-runbook/endpoints-superuser", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                cluster.host(), cluster.port());
        return new LocalSpecs.Side("postgres", cluster.host(), cluster.port(), database, secret);
    }
}
