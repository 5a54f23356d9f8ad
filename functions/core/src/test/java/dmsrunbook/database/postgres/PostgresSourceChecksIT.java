package dmsrunbook.database.postgres;

import static dmsrunbook.testing.PreflightResults.all;
import static dmsrunbook.testing.PreflightResults.the;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL source, checked for change data capture the way the DMS user guide asks for it, on real clusters:
 * each misconfiguration an engineer meets gives a FAIL or WARN with the statement that fixes it.
 */
class PostgresSourceChecksIT {

    private static final String SOURCE = "source";

    @Test
    void sourceReadyForCdc_passesEveryCheck_butWarnsThatItsConnectionIsNotEncrypted() throws Exception {
        // GIVEN a logical-replication source with keyed tables, checked as its superuser
        String database = SharedPostgres.freshDatabase("ready");
        execute(database, "CREATE TABLE orders (id bigint PRIMARY KEY, note text); INSERT INTO orders VALUES (1, 'short')");

        // WHEN the source is checked for a DMS full load + CDC
        List<CheckResult> results = checkAsSuperuser(database, spec(database));

        // THEN only SSL is reported, as a warning with its fix
        assertThat(results).filteredOn(r -> r.status() != CheckStatus.PASS).extracting(CheckResult::line).containsExactly(
                "WARN source ssl: the connection is not encrypted -> enable SSL on the server and set sslMode \"require\" or stricter");
        assertThat(results).extracting(CheckResult::check).contains("version", "tables selected", "wal_level", "max_replication_slots",
                "max_wal_senders", "wal_sender_timeout", "replication privilege", "primary keys", "replication slots",
                "select privilege", "LOB sizes", "ssl");
        assertThat(the(results, SOURCE, "tables selected").detail()).isEqualTo("1 tables: public.orders");
    }

    @Test
    void sourceWithWalLevelReplica_failsWalLevelCheck_withAlterSystemFix() throws Exception {
        // GIVEN a cluster left at PostgreSQL's defaults for streaming replicas, with no slot or sender to spare
        try (LocalPostgres replicaWal = LocalPostgres.start("replica-wal",
                Map.of("wal_level", "replica", "max_replication_slots", "0", "max_wal_senders", "0"))) {
            replicaWal.createDatabase("shop");
            replicaWal.execute("shop", "CREATE TABLE orders (id bigint PRIMARY KEY)");

            List<CheckResult> results;
            try (Connection source = replicaWal.connect("shop")) {
                results = check(source, spec("shop"), LocalPostgres.SUPERUSER);
            }

            // THEN logical decoding, slots and senders each FAIL with the setting to change
            CheckResult walLevel = the(results, SOURCE, "wal_level");
            assertThat(walLevel.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(walLevel.detail()).isEqualTo("is replica; change data capture needs logical decoding");
            assertThat(walLevel.remediation()).contains("ALTER SYSTEM SET wal_level = logical", "restart PostgreSQL",
                    "rds.logical_replication = 1");
            assertThat(the(results, SOURCE, "max_replication_slots").line()).isEqualTo("FAIL source max_replication_slots: "
                    + "max_replication_slots = 0, 0 in use, this migration needs 1 more -> set max_replication_slots to at least 2 "
                    + "(ALTER SYSTEM SET max_replication_slots = 2; restart; on RDS change the parameter group)");
            assertThat(the(results, SOURCE, "max_wal_senders").status()).isEqualTo(CheckStatus.FAIL);
        }
    }

    @Test
    void sourceWithExactlyOneSlotAndOneSender_warnsThatNoneIsLeftForAReconnect() throws Exception {
        try (LocalPostgres tight = LocalPostgres.start("one-slot",
                Map.of("wal_level", "logical", "max_replication_slots", "1", "max_wal_senders", "1"))) {
            tight.createDatabase("shop");
            tight.execute("shop", "CREATE TABLE orders (id bigint PRIMARY KEY)");

            List<CheckResult> results;
            try (Connection source = tight.connect("shop")) {
                results = check(source, spec("shop"), LocalPostgres.SUPERUSER);
            }

            assertThat(the(results, SOURCE, "max_replication_slots").status()).isEqualTo(CheckStatus.WARN);
            assertThat(the(results, SOURCE, "max_replication_slots").detail()).endsWith("leaving no spare for a reconnecting task");
            assertThat(the(results, SOURCE, "max_wal_senders").status()).isEqualTo(CheckStatus.WARN);
            assertThat(the(results, SOURCE, "wal_level").status()).isEqualTo(CheckStatus.PASS);
        }
    }

    @Test
    void fullLoadOnlyMigration_doesNotAskForLogicalReplication() throws Exception {
        String database = SharedPostgres.freshDatabase("full_load_only");
        execute(database, "CREATE TABLE events (at timestamptz, what text)");
        ObjectNode spec = LocalSpecs.dms("full-load-only", side(database), target(database), "public");
        spec.put("migrationType", "full-load");

        List<CheckResult> results = checkAsSuperuser(database, spec);

        assertThat(results).extracting(CheckResult::check).doesNotContain("wal_level", "max_replication_slots", "primary keys",
                "replication privilege", "wal_sender_timeout", "replication slots");
    }

    @Test
    void walSenderTimeoutOfFiveSeconds_failsForDms_withTheAllowedRange() throws Exception {
        String database = databaseWithWalSenderTimeout("5s");

        CheckResult timeout = the(checkAsSuperuser(database, spec(database)), SOURCE, "wal_sender_timeout");

        assertThat(timeout.line()).isEqualTo("FAIL source wal_sender_timeout: wal_sender_timeout = 5000 ms; DMS fails with a "
                + "non-zero value under 10000 ms -> set wal_sender_timeout to 0 or between 10000 and 300000 ms");
    }

    @Test
    void walSenderTimeoutOfFiveSeconds_isFineForNativeReplication() throws Exception {
        String database = databaseWithWalSenderTimeout("5s");

        CheckResult timeout = the(checkAsSuperuser(database, LocalSpecs.postgresNative("native", side(database), target(database))),
                SOURCE, "wal_sender_timeout");

        assertThat(timeout.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void walSenderTimeoutDisabled_passes() throws Exception {
        String database = databaseWithWalSenderTimeout("0");

        assertThat(the(checkAsSuperuser(database, spec(database)), SOURCE, "wal_sender_timeout").line())
                .isEqualTo("PASS source wal_sender_timeout: wal_sender_timeout = 0 ms (disabled)");
    }

    @Test
    void walSenderTimeoutOfTenMinutes_warnsThatFailoverWaitsForIt() throws Exception {
        String database = databaseWithWalSenderTimeout("10min");

        CheckResult timeout = the(checkAsSuperuser(database, spec(database)), SOURCE, "wal_sender_timeout");

        assertThat(timeout.status()).isEqualTo(CheckStatus.WARN);
        assertThat(timeout.detail()).isEqualTo("wal_sender_timeout = 600000 ms; over 5 minutes delays a Multi-AZ failover of the replication instance");
    }

    @Test
    void userWithoutReplication_failsWithAlterRoleFix_andRdsGrantFix() throws Exception {
        // GIVEN the migration user can read the tables but is neither superuser nor replication role
        String database = SharedPostgres.freshDatabase("no_replication");
        execute(database, "CREATE TABLE orders (id bigint PRIMARY KEY); CREATE ROLE migrator_plain LOGIN PASSWORD 'migrator-pw'; "
                + "GRANT SELECT ON orders TO migrator_plain");

        List<CheckResult> results = checkAs(database, "migrator_plain");

        assertThat(the(results, SOURCE, "replication privilege").line()).isEqualTo("FAIL source replication privilege: "
                + "migrator_plain can neither create replication slots nor read the WAL -> self-managed: "
                + "ALTER ROLE migrator_plain WITH REPLICATION; RDS/Aurora: GRANT rds_replication TO migrator_plain");
        assertThat(the(results, SOURCE, "select privilege").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void userWithTheReplicationAttribute_orRdsReplication_passes() throws Exception {
        String database = SharedPostgres.freshDatabase("replication_roles");
        execute(database, "CREATE TABLE orders (id bigint PRIMARY KEY); "
                + "CREATE ROLE migrator_repl LOGIN REPLICATION PASSWORD 'migrator-pw'; GRANT SELECT ON orders TO migrator_repl; "
                + "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rds_replication') THEN CREATE ROLE rds_replication; END IF; END $$; "
                + "CREATE ROLE migrator_rds LOGIN PASSWORD 'migrator-pw' IN ROLE rds_replication; GRANT SELECT ON orders TO migrator_rds");

        CheckResult attribute = the(checkAs(database, "migrator_repl"), SOURCE, "replication privilege");
        CheckResult rds = the(checkAs(database, "migrator_rds"), SOURCE, "replication privilege");

        assertThat(attribute.line()).isEqualTo("PASS source replication privilege: migrator_repl has the REPLICATION attribute");
        assertThat(rds.line()).isEqualTo("PASS source replication privilege: migrator_rds has rds_replication");
    }

    @Test
    void userWhoCannotReadATable_failsWithTheGrant() throws Exception {
        String database = SharedPostgres.freshDatabase("no_select");
        execute(database, "CREATE TABLE orders (id bigint PRIMARY KEY); CREATE TABLE secrets (id bigint PRIMARY KEY); "
                + "CREATE ROLE migrator_partial LOGIN REPLICATION PASSWORD 'migrator-pw'; GRANT SELECT ON orders TO migrator_partial");

        List<CheckResult> results = checkAs(database, "migrator_partial");

        assertThat(the(results, SOURCE, "select privilege").line()).isEqualTo("FAIL source select privilege: migrator_partial cannot "
                + "read \"public\".\"secrets\" -> GRANT SELECT ON \"public\".\"secrets\" TO migrator_partial;");
    }

    @Test
    void selectedTableWithoutPrimaryKey_failsWithReplicaIdentityFullFix_andAnUnselectedOneIsIgnored() throws Exception {
        String database = SharedPostgres.freshDatabase("no_pk");
        execute(database, "CREATE TABLE order_events (order_id bigint, event text); "
                + "CREATE SCHEMA scratch; CREATE TABLE scratch.tmp (x int)");

        CheckResult keys = the(checkAsSuperuser(database, spec(database)), SOURCE, "primary keys");

        assertThat(keys.line()).isEqualTo("FAIL source primary keys: no primary key on \"public\".\"order_events\": their UPDATEs "
                + "and DELETEs would not be captured -> add a primary key, or ALTER TABLE \"public\".\"order_events\" REPLICA IDENTITY FULL;");
    }

    @Test
    void tableWithoutPrimaryKeyButReplicaIdentityFull_onlyWarns() throws Exception {
        String database = SharedPostgres.freshDatabase("identity_full");
        execute(database, "CREATE TABLE order_events (order_id bigint, event text); ALTER TABLE order_events REPLICA IDENTITY FULL");

        CheckResult keys = the(checkAsSuperuser(database, spec(database)), SOURCE, "primary keys");

        assertThat(keys.status()).isEqualTo(CheckStatus.WARN);
        assertThat(keys.detail()).startsWith("no primary key on public.order_events (captured through REPLICA IDENTITY FULL");
    }

    @Test
    void hundredKilobyteTextAndJson_overTheDefault32KbLobLimit_failNamingTableAndColumn() throws Exception {
        // GIVEN values of 100 KB in a text and a jsonb column, and a task with DMS's default limited LOB mode (32 KB)
        String database = databaseWithLargeValues();

        CheckResult lobs = the(checkAsSuperuser(database, spec(database)), SOURCE, "LOB sizes");

        assertThat(lobs.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(lobs.detail()).isEqualTo("values over the task's LobMaxSize 32 KB would be truncated silently: "
                + "public.documents.body (100 KB), public.documents.meta (100 KB)");
        assertThat(lobs.remediation()).contains("raise TargetMetadata.LobMaxSize", "FullLobMode: true");
    }

    @Test
    void largeValues_withFullLobMode_pass() throws Exception {
        String database = databaseWithLargeValues();
        ObjectNode spec = spec(database);
        LocalSpecs.taskSettings(spec).putObject("TargetMetadata").put("SupportLobs", true).put("FullLobMode", true);

        assertThat(the(checkAsSuperuser(database, spec), SOURCE, "LOB sizes").line())
                .isEqualTo("PASS source LOB sizes: full LOB mode: values are copied whole (slower)");
    }

    @Test
    void largeValues_underARaisedLobMaxSize_pass() throws Exception {
        String database = databaseWithLargeValues();
        ObjectNode spec = spec(database);
        LocalSpecs.taskSettings(spec).putObject("TargetMetadata").put("LimitedSizeLobMode", true).put("LobMaxSize", 128);

        assertThat(the(checkAsSuperuser(database, spec), SOURCE, "LOB sizes").line())
                .isEqualTo("PASS source LOB sizes: largest LOB/JSON/text value 100 KB fits the task's LobMaxSize 128 KB");
    }

    @Test
    void inactiveSlotRetainingWal_warns_withTheDropStatement() throws Exception {
        // GIVEN a slot an old ETL job left behind, and WAL written since
        String database = SharedPostgres.freshDatabase("stale_slot");
        execute(database, "CREATE TABLE orders (id bigint PRIMARY KEY)");
        execute(database, "SELECT pg_create_logical_replication_slot('old_etl_slot', 'test_decoding')");
        try {
            execute(database, "INSERT INTO orders SELECT g FROM generate_series(1, 5000) g");

            List<CheckResult> slots = all(checkAsSuperuser(database, spec(database)), SOURCE, "replication slots");

            assertThat(slots).singleElement().satisfies(slot -> {
                assertThat(slot.status()).isEqualTo(CheckStatus.WARN);
                assertThat(slot.detail()).matches("inactive logical slot old_etl_slot retains \\d+ KB of WAL");
                assertThat(slot.remediation()).isEqualTo("if nothing uses it any more: SELECT pg_drop_replication_slot('old_etl_slot');");
            });
        } finally {
            execute(database, "SELECT pg_drop_replication_slot('old_etl_slot')");
        }
    }

    @Test
    void mappingsThatSelectNoTableOfTheSource_fail() throws Exception {
        String database = SharedPostgres.freshDatabase("wrong_schema");
        execute(database, "CREATE TABLE orders (id bigint PRIMARY KEY)");
        ObjectNode spec = LocalSpecs.dms("wrong-schema", side(database), target(database), "sales");

        CheckResult selected = the(checkAsSuperuser(database, spec), SOURCE, "tables selected");

        assertThat(selected.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(selected.remediation()).contains("names are case-sensitive; % is the wildcard");
    }

    private static String databaseWithWalSenderTimeout(String timeout) {
        String database = SharedPostgres.freshDatabase("wal_sender_timeout");
        // wal_sender_timeout is settable per database since PostgreSQL 12: the check reads what a session here gets.
        execute("postgres", "ALTER DATABASE " + database + " SET wal_sender_timeout = '" + timeout + "'");
        execute(database, "CREATE TABLE orders (id bigint PRIMARY KEY)");
        return database;
    }

    private static String databaseWithLargeValues() {
        String database = SharedPostgres.freshDatabase("large_values");
        execute(database, "CREATE TABLE documents (id bigint PRIMARY KEY, title varchar(200), body text, meta jsonb); "
                + "INSERT INTO documents VALUES (1, 'small', 'tiny', '{}'), "
                + "(2, 'large', repeat('x', 102400), jsonb_build_object('k', repeat('y', 102400)))");
        return database;
    }

    private static ObjectNode spec(String database) {
        return LocalSpecs.dms("source-checks", side(database), target(database), "public");
    }

    /** A target the source checks never connect to: another database, so the spec is not its own source. */
    private static LocalSpecs.Side target(String database) {
        LocalPostgres cluster = SharedPostgres.cluster();
        return new LocalSpecs.Side("postgres", cluster.host(), cluster.port(), database + "_target", LocalSpecs.unreadSecret(database));
    }

    private static LocalSpecs.Side side(String database) {
        LocalPostgres cluster = SharedPostgres.cluster();
        return new LocalSpecs.Side("postgres", cluster.host(), cluster.port(), database, LocalSpecs.unreadSecret(database));
    }

    private static List<CheckResult> checkAsSuperuser(String database, ObjectNode spec) throws SQLException {
        try (Connection source = SharedPostgres.cluster().connect(database)) {
            return check(source, spec, LocalPostgres.SUPERUSER);
        }
    }

    /** The source checks as the preflight runs them: on the tables the mappings select, with the task's LOB policy. */
    private static List<CheckResult> check(Connection source, ObjectNode specJson, String user) throws SQLException {
        MigrationSpec spec = LocalSpecs.read(specJson);
        PreflightContext context = new PreflightContext(spec, spec.mappings().select(new PostgresDialect().listTables(source)),
                spec.dms() == null ? LobPolicy.unlimited() : LobPolicy.fromTaskSettings(spec.dms().taskSettings()), user, false);
        return new PostgresSourceChecks(30).run(source, context);
    }

    /** The checks as the migration user {@code user} (password migrator-pw) sees the source. */
    private static List<CheckResult> checkAs(String database, String user) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", "migrator-pw");
        try (Connection source = DriverManager.getConnection(SharedPostgres.cluster().jdbcUrl(database), properties)) {
            return check(source, spec(database), user);
        }
    }

    private static void execute(String database, String sql) {
        SharedPostgres.cluster().execute(database, sql);
    }
}
