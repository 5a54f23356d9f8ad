package dmsrunbook.database.mysql;

import static dmsrunbook.testing.PreflightResults.the;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.preflight.LobPolicy;
import dmsrunbook.preflight.PreflightContext;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.testing.LocalSpecs;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A MySQL-family source checked for binlog change capture on real MariaDB servers: one configured as the DMS user
 * guide asks, one left as a fresh install (no binlog, statement format, minimal images, an hour of retention).
 */
class MySqlSourceChecksIT {

    private static final String SOURCE = "source";

    private static LocalMariaDb ready;
    private static LocalMariaDb untuned;

    @BeforeAll
    static void startServers() {
        ready = LocalMariaDb.start("binlog-ready", Map.of("log_bin", "", "server_id", "1", "binlog_format", "ROW",
                "binlog_row_image", "FULL", "binlog_expire_logs_seconds", "172800"));
        untuned = LocalMariaDb.start("untuned", Map.of("binlog_format", "STATEMENT", "binlog_row_image", "MINIMAL",
                "binlog_expire_logs_seconds", "3600"));
        for (LocalMariaDb server : List.of(ready, untuned)) {
            server.createDatabase("shop");
            server.execute("shop", "CREATE TABLE customers (id bigint PRIMARY KEY, name varchar(100)); "
                    + "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, notes text)");
        }
    }

    @AfterAll
    static void stopServers() {
        ready.close();
        untuned.close();
    }

    @Test
    void sourceConfiguredForDms_passesEveryCheck_butWarnsThatItsConnectionIsNotEncrypted() throws Exception {
        List<CheckResult> results = checkAsRoot(ready, spec());

        assertThat(results).filteredOn(r -> r.status() != CheckStatus.PASS).extracting(CheckResult::line).containsExactly(
                "WARN source ssl: the connection is not encrypted -> enable TLS on the server and set sslMode \"require\" or stricter");
        assertThat(results).extracting(CheckResult::check).contains("log_bin", "binlog_format", "binlog_row_image",
                "binlog retention", "replication grants", "primary keys", "LOB sizes");
        assertThat(the(results, SOURCE, "binlog retention").detail()).isEqualTo("48 h");
        assertThat(the(results, SOURCE, "tables selected").detail()).isEqualTo("2 tables: shop.customers, shop.orders");
    }

    @Test
    void binaryLogOff_fails_withHowToTurnItOn() throws Exception {
        CheckResult logBin = the(checkAsRoot(untuned, spec()), SOURCE, "log_bin");

        assertThat(logBin.line()).isEqualTo("FAIL source log_bin: is OFF; the binary log is off, so there are no changes to capture -> "
                + "self-managed: set log_bin and server_id in my.cnf and restart; RDS/Aurora: turn on automated backups (retention > 0)");
    }

    @Test
    void statementBasedBinlog_fails_becauseDmsReadsRowEventsOnly() throws Exception {
        CheckResult format = the(checkAsRoot(untuned, spec()), SOURCE, "binlog_format");

        assertThat(format.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(format.detail()).isEqualTo("is STATEMENT; DMS reads row-based events only");
        assertThat(format.remediation()).startsWith("SET GLOBAL binlog_format = 'ROW'");
    }

    @Test
    void minimalRowImages_fail_becauseDmsNeedsTheWholeRow() throws Exception {
        CheckResult image = the(checkAsRoot(untuned, spec()), SOURCE, "binlog_row_image");

        assertThat(image.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(image.detail()).isEqualTo("is MINIMAL; DMS needs the whole row in every event");
    }

    @Test
    void binlogKeptForAnHour_warnsThatAStoppedTaskCannotResume() throws Exception {
        CheckResult retention = the(checkAsRoot(untuned, spec()), SOURCE, "binlog retention");

        assertThat(retention.line()).isEqualTo("WARN source binlog retention: binary logs expire after 1 h; a task stopped longer "
                + "cannot resume -> SET GLOBAL binlog_expire_logs_seconds = 86400 (or more)");
    }

    @Test
    void userWithoutReplicationGrants_fails_withTheGrantStatement() throws Exception {
        ready.execute("", "CREATE USER IF NOT EXISTS 'reader'@'%' IDENTIFIED BY 'reader-pw'; GRANT SELECT ON shop.* TO 'reader'@'%'");

        List<CheckResult> results;
        try (Connection source = connectAs(ready, "reader", "reader-pw")) {
            results = check(source, spec(), "reader");
        }

        assertThat(the(results, SOURCE, "replication grants").line()).isEqualTo("FAIL source replication grants: reader lacks "
                + "REPLICATION CLIENT and REPLICATION SLAVE -> GRANT REPLICATION CLIENT, REPLICATION SLAVE ON *.* TO 'reader'@'%';");
    }

    @Test
    void userWithReplicationGrants_passes_asMariaDbSpellsThem() throws Exception {
        ready.execute("", "CREATE USER IF NOT EXISTS 'migrator'@'%' IDENTIFIED BY 'migrator-pw'; "
                + "GRANT SELECT ON shop.* TO 'migrator'@'%'; GRANT REPLICATION CLIENT, REPLICATION SLAVE ON *.* TO 'migrator'@'%'");

        List<CheckResult> results;
        try (Connection source = connectAs(ready, "migrator", "migrator-pw")) {
            results = check(source, spec(), "migrator");
        }

        assertThat(the(results, SOURCE, "replication grants").status()).isEqualTo(CheckStatus.PASS);
        assertThat(results).filteredOn(r -> r.status() == CheckStatus.FAIL).isEmpty();
    }

    @Test
    void selectedTableWithoutPrimaryKey_fails_withTheAlterTable() throws Exception {
        ready.execute("shop", "CREATE TABLE IF NOT EXISTS order_events (order_id bigint, event varchar(40))");
        try {
            CheckResult keys = the(checkAsRoot(ready, spec()), SOURCE, "primary keys");

            assertThat(keys.line()).isEqualTo("FAIL source primary keys: no primary key on `shop`.`order_events`: DMS cannot apply "
                    + "their UPDATEs and DELETEs reliably -> ALTER TABLE `shop`.`order_events` ADD PRIMARY KEY (<unique columns>);");
        } finally {
            ready.execute("shop", "DROP TABLE order_events");
        }
    }

    @Test
    void hundredKilobyteText_overTheDefaultLobLimit_failsNamingTableAndColumn() throws Exception {
        ready.execute("shop", "CREATE TABLE IF NOT EXISTS notes (id bigint PRIMARY KEY, body mediumtext); "
                + "INSERT INTO notes VALUES (1, REPEAT('x', 102400))");
        try {
            CheckResult lobs = the(checkAsRoot(ready, spec()), SOURCE, "LOB sizes");

            assertThat(lobs.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(lobs.detail()).endsWith("would be truncated silently: shop.notes.body (100 KB)");
        } finally {
            ready.execute("shop", "DROP TABLE notes");
        }
    }

    private static ObjectNode spec() {
        LocalSpecs.Side source = new LocalSpecs.Side("mysql", ready.host(), ready.port(), "shop", LocalSpecs.unreadSecret("shop-mysql"));
        LocalSpecs.Side target = new LocalSpecs.Side("postgres", "127.0.0.1", 5432, "shop", LocalSpecs.unreadSecret("shop-postgres"));
        return LocalSpecs.dms("shop-mysql", source, target, "shop");
    }

    private static List<CheckResult> checkAsRoot(LocalMariaDb server, ObjectNode spec) throws SQLException {
        try (Connection source = server.connect("shop")) {
            return check(source, spec, LocalMariaDb.ROOT);
        }
    }

    private static List<CheckResult> check(Connection source, ObjectNode specJson, String user) throws SQLException {
        MigrationSpec spec = LocalSpecs.read(specJson);
        PreflightContext context = new PreflightContext(spec, spec.mappings().select(new MySqlDialect().listTables(source)),
                LobPolicy.fromTaskSettings(spec.dms().taskSettings()), user, false);
        return new MySqlSourceChecks(30).run(source, context);
    }

    private static Connection connectAs(LocalMariaDb server, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(server.jdbcUrl("shop"), properties);
    }
}
