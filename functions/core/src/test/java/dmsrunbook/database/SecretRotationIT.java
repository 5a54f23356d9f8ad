package dmsrunbook.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dmsrunbook.error.DatabaseAccessException;
import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.testing.LocalSecretsManager;
import dmsrunbook.testing.LocalSpecs;
import dmsrunbook.testing.SharedPostgres;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Secrets Manager rotates a database password while the functions are warm: the next phase still logs in (the refused
 * login reads the secret again), and every secret is read afresh once it is older than the reader's max age. On real
 * PostgreSQL and MariaDB, with the secret rotated in moto's Secrets Manager between two calls of one warm reader.
 */
class SecretRotationIT {

    @Test
    void passwordRotatedBetweenTwoPhases_onPostgres_theNextLoginReadsTheSecretAgain_andSucceeds() throws Exception {
        // GIVEN a warm reader that has already logged in with the current password
        LocalPostgres cluster = SharedPostgres.cluster();
        cluster.execute("postgres", "DROP ROLE IF EXISTS rotating; CREATE ROLE rotating LOGIN PASSWORD 'before-rotation'");
        String secret = LocalSecretsManager.put("dms-runbook/rotating-postgres", "rotating", "before-rotation", cluster.host(), cluster.port());
        MigrationSpec spec = nativeSpec(secret);
        DatabaseConnector connector = new DatabaseConnector(new SecretReader(LocalSecretsManager.aws().secretsManager()));
        try (Connection first = connector.connect(spec.source())) {
            assertThat(first.isValid(5)).isTrue();
        }

        // WHEN the password is rotated on the server and in Secrets Manager, as a rotation function does
        cluster.execute("postgres", "ALTER ROLE rotating PASSWORD 'after-rotation'");
        LocalSecretsManager.put("dms-runbook/rotating-postgres", "rotating", "after-rotation", cluster.host(), cluster.port());

        // THEN the next phase's login, refused with the cached password, reads the secret again and gets in
        try (Connection second = connector.connect(spec.source())) {
            assertThat(second.isValid(5)).isTrue();
        }
    }

    @Test
    void passwordRotatedBetweenTwoPhases_onMariaDb_theNextLoginReadsTheSecretAgain_andSucceeds() throws Exception {
        try (LocalMariaDb server = LocalMariaDb.start("rotation", Map.of())) {
            server.createDatabase("shop");
            server.execute("", "CREATE USER 'rotating'@'%' IDENTIFIED BY 'before-rotation'; GRANT SELECT ON shop.* TO 'rotating'@'%'");
            String secret = LocalSecretsManager.put("dms-runbook/rotating-mariadb", "rotating", "before-rotation", server.host(), server.port());
            MigrationSpec spec = LocalSpecs.read(LocalSpecs.dms("rotation-mariadb",
                    new LocalSpecs.Side("mariadb", server.host(), server.port(), "shop", secret),
                    new LocalSpecs.Side("postgres", "127.0.0.1", 5432, "shop", LocalSpecs.unreadSecret("unused")), "shop"));
            DatabaseConnector connector = new DatabaseConnector(new SecretReader(LocalSecretsManager.aws().secretsManager()));
            try (Connection first = connector.connect(spec.source())) {
                assertThat(first.isValid(5)).isTrue();
            }

            server.execute("", "ALTER USER 'rotating'@'%' IDENTIFIED BY 'after-rotation'");
            LocalSecretsManager.put("dms-runbook/rotating-mariadb", "rotating", "after-rotation", server.host(), server.port());

            try (Connection second = connector.connect(spec.source())) {
                assertThat(second.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void wrongPasswordThatNoRotationExplains_isStillRefused() {
        LocalPostgres cluster = SharedPostgres.cluster();
        String secret = LocalSecretsManager.put("dms-runbook/rotating-wrong", LocalPostgres.SUPERUSER, "not-the-password",
                cluster.host(), cluster.port());
        DatabaseConnector connector = new DatabaseConnector(new SecretReader(LocalSecretsManager.aws().secretsManager()));

        assertThatThrownBy(() -> connector.connect(nativeSpec(secret).source()))
                .isInstanceOf(DatabaseAccessException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void secretOlderThanTheMaxAge_isReadAgain_evenWithoutARefusal() {
        // GIVEN a reader that read a secret a moment ago
        LocalPostgres cluster = SharedPostgres.cluster();
        String secret = LocalSecretsManager.put("dms-runbook/rotating-user", "first-user", "pw", cluster.host(), cluster.port());
        SteppingClock clock = new SteppingClock();
        SecretReader reader = new SecretReader(LocalSecretsManager.aws().secretsManager(), clock, Duration.ofMinutes(5));
        assertThat(reader.read(secret).username()).isEqualTo("first-user");

        // WHEN the secret changes
        LocalSecretsManager.put("dms-runbook/rotating-user", "second-user", "pw", cluster.host(), cluster.port());

        // THEN the reader keeps what it read until the max age has passed, then reads it again
        clock.advance(Duration.ofMinutes(4));
        assertThat(reader.read(secret).username()).isEqualTo("first-user");
        clock.advance(Duration.ofMinutes(2));
        assertThat(reader.read(secret).username()).isEqualTo("second-user");
    }

    private static MigrationSpec nativeSpec(String secret) {
        LocalPostgres cluster = SharedPostgres.cluster();
        return LocalSpecs.read(LocalSpecs.postgresNative("rotation",
                new LocalSpecs.Side("postgres", cluster.host(), cluster.port(), "postgres", secret),
                new LocalSpecs.Side("aurora-postgresql", cluster.host(), cluster.port(), "rotation_target", secret)));
    }

    /** A clock that moves only when told. */
    private static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T10:00:00Z");

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
