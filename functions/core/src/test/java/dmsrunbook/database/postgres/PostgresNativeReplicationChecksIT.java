package dmsrunbook.database.postgres;

import static dmsrunbook.testing.PreflightResults.the;
import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.local.LocalPostgres;
import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.preflight.LobPolicy;
import dmsrunbook.preflight.PreflightContext;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.testing.LocalSpecs;
import dmsrunbook.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The native engine's subscription logs in as a role the migration creates on the source: the preflight says whether
 * the source user may create it (CREATEROLE, and on PostgreSQL before 16 superuser; rds_superuser on RDS) before
 * anything is created. On the shared PostgreSQL 15 cluster.
 */
class PostgresNativeReplicationChecksIT {

    @Test
    void superuser_mayCreateTheReplicationRole() throws Exception {
        String source = database();

        CheckResult role = the(check(source, LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD), "source", "replication role");

        assertThat(role.line()).isEqualTo("PASS source replication role: postgres may create the migration's replication role "
                + "and let it read the tables");
    }

    @Test
    void userWithoutCreateRole_fails_withTheAlterRole() throws Exception {
        String source = database();
        SharedPostgres.cluster().execute("postgres", "DROP ROLE IF EXISTS plain_owner; CREATE ROLE plain_owner LOGIN PASSWORD 'pw'");
        SharedPostgres.cluster().execute(source, "ALTER TABLE orders OWNER TO plain_owner");

        CheckResult role = the(check(source, "plain_owner", "pw"), "source", "replication role");

        assertThat(role.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(role.detail()).startsWith("the subscription logs in to the source as a role made for this migration")
                .endsWith("plain_owner cannot create it (it lacks CREATEROLE)");
        assertThat(role.remediation()).isEqualTo("ALTER ROLE plain_owner CREATEROLE, or run the migration as a superuser (PostgreSQL before 16)");
    }

    @Test
    void createRoleWithoutSuperuser_onPostgres15_fails_becauseOnlySuperusersMayCreateReplicationRoles() throws Exception {
        String source = database();
        SharedPostgres.cluster().execute("postgres", "DROP ROLE IF EXISTS role_maker; CREATE ROLE role_maker LOGIN CREATEROLE PASSWORD 'pw'");
        SharedPostgres.cluster().execute(source, "ALTER TABLE orders OWNER TO role_maker");

        CheckResult role = the(check(source, "role_maker", "pw"), "source", "replication role");

        assertThat(role.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(role.detail()).endsWith("role_maker cannot create it (it lacks superuser, or REPLICATION on PostgreSQL 16+)");
    }

    private static String database() {
        String database = SharedPostgres.freshDatabase("replication_role");
        SharedPostgres.cluster().execute(database, "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric)");
        return database;
    }

    private static List<CheckResult> check(String database, String user, String password) throws SQLException {
        LocalPostgres cluster = SharedPostgres.cluster();
        LocalSpecs.Side side = new LocalSpecs.Side("postgres", cluster.host(), cluster.port(), database, LocalSpecs.unreadSecret(user));
        LocalSpecs.Side target = new LocalSpecs.Side("postgres", cluster.host(), cluster.port(), database + "_copy", LocalSpecs.unreadSecret(user));
        MigrationSpec spec = LocalSpecs.read(LocalSpecs.postgresNative("replication-role", side, target));
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        try (Connection source = DriverManager.getConnection(cluster.jdbcUrl(database), properties);
             Connection targetConnection = cluster.connect(database)) {
            PreflightContext context = new PreflightContext(spec, spec.mappings().select(new PostgresDialect().listTables(source)),
                    LobPolicy.unlimited(), user, false);
            return new PostgresNativeReplicationChecks().run(source, targetConnection, context);
        }
    }
}
