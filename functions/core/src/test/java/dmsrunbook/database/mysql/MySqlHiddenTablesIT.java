package dmsrunbook.database.mysql;

import static dmsrunbook.testing.PreflightResults.the;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A table the migration user may not read is missing from MariaDB's information_schema, so the rule {@code shop.%}
 * silently selects fewer tables than shop holds. On a real MariaDB with a user lacking SELECT on one table: the
 * preflight warns, naming the table when the user may read InnoDB's own list (PROCESS), the schema otherwise.
 */
class MySqlHiddenTablesIT {

    private static LocalMariaDb server;

    @BeforeAll
    static void startAServerWithOneTableTheMigrationUserMayNotRead() {
        server = LocalMariaDb.startBinlogSource("hidden-tables");
        server.createDatabase("shop");
        server.createDatabase("billing");
        server.execute("shop", "CREATE TABLE customers (id bigint PRIMARY KEY); CREATE TABLE orders (id bigint PRIMARY KEY); "
                + "CREATE TABLE payments (id bigint PRIMARY KEY)");
        server.execute("billing", "CREATE TABLE invoices (id bigint PRIMARY KEY)");
        // Grants per table, as a careful DBA writes them: payments was forgotten.
        server.execute("", "CREATE USER 'per_table'@'%' IDENTIFIED BY 'pw'; "
                + "GRANT SELECT ON shop.customers TO 'per_table'@'%'; GRANT SELECT ON shop.orders TO 'per_table'@'%'; "
                + "GRANT REPLICATION CLIENT, REPLICATION SLAVE ON *.* TO 'per_table'@'%'; "
                + "CREATE USER 'per_table_process'@'%' IDENTIFIED BY 'pw'; "
                + "GRANT SELECT ON shop.customers TO 'per_table_process'@'%'; GRANT SELECT ON shop.orders TO 'per_table_process'@'%'; "
                + "GRANT PROCESS, REPLICATION CLIENT, REPLICATION SLAVE ON *.* TO 'per_table_process'@'%'; "
                + "CREATE USER 'whole_schema'@'%' IDENTIFIED BY 'pw'; GRANT SELECT ON shop.* TO 'whole_schema'@'%'");
    }

    @AfterAll
    static void stopTheServer() {
        server.close();
    }

    @Test
    void userWithProcess_missingSelectOnOneTable_isWarnedAbout_namingThatTable() throws Exception {
        // WHEN the rule shop.% is checked as a user that cannot see shop.payments, but may read InnoDB's table list
        List<CheckResult> results = check("per_table_process", rules("shop"));

        // THEN information_schema showed two tables, and the preflight names the third with its grant
        assertThat(the(results, "source", "tables selected").detail()).isEqualTo("2 tables: shop.customers, shop.orders");
        assertThat(the(results, "source", "hidden tables").line()).isEqualTo("WARN source hidden tables: the selection rules match 1 "
                + "more tables than per_table_process can see (information_schema hides them, so DMS would leave them behind): "
                + "shop.payments -> GRANT SELECT ON `shop`.`payments` TO 'per_table_process'@'%';");
    }

    @Test
    void userWithoutProcess_readingTheSchemaTableByTable_isWarnedThatTablesMayBeHidden() throws Exception {
        CheckResult hidden = the(check("per_table", rules("shop")), "source", "hidden tables");

        assertThat(hidden.status()).isEqualTo(CheckStatus.WARN);
        assertThat(hidden.detail()).isEqualTo("per_table reads shop table by table (SELECT on shop.customers, shop.orders only): "
                + "tables it has no grant on are invisible to it, so the rules may match fewer tables than exist");
        assertThat(hidden.remediation()).isEqualTo("GRANT SELECT ON `shop`.* TO 'per_table'@'%'; (or GRANT PROCESS ON *.* TO "
                + "'per_table'@'%'; so the preflight can list every InnoDB table)");
    }

    @Test
    void ruleNamingASchemaTheUserHasNoGrantIn_isWarnedAbout() throws Exception {
        CheckResult hidden = the(check("whole_schema", rules("shop", "billing")), "source", "hidden tables");

        assertThat(hidden.line()).startsWith("WARN source hidden tables: the rules name billing, where whole_schema has no SELECT grant: "
                + "it cannot see those tables at all -> GRANT SELECT ON `billing`.* TO 'whole_schema'@'%';");
    }

    @Test
    void userReadingTheWholeSchema_seesEveryTable() throws Exception {
        assertThat(the(check("whole_schema", rules("shop")), "source", "hidden tables").line())
                .isEqualTo("PASS source hidden tables: whole_schema may read every table of the schemas the rules select");
    }

    @Test
    void userWithSelectOnEverything_seesEveryTable() throws Exception {
        assertThat(the(check(LocalMariaDb.ROOT, rules("shop")), "source", "hidden tables").status()).isEqualTo(CheckStatus.PASS);
    }

    /** Include every table of each schema. */
    private static ObjectNode rules(String... schemas) {
        LocalSpecs.Side source = new LocalSpecs.Side("mariadb", server.host(), server.port(), "shop", LocalSpecs.unreadSecret("hidden"));
        LocalSpecs.Side target = new LocalSpecs.Side("postgres", "127.0.0.1", 5432, "shop", LocalSpecs.unreadSecret("hidden-target"));
        ObjectNode spec = LocalSpecs.dms("hidden-tables", source, target, schemas[0]);
        ArrayNode rules = (ArrayNode) spec.get("tableMappings").get("rules");
        for (int i = 1; i < schemas.length; i++) {
            ObjectNode rule = rules.addObject().put("rule-type", "selection").put("rule-id", String.valueOf(i + 1))
                    .put("rule-name", schemas[i]).put("rule-action", "include");
            rule.putObject("object-locator").put("schema-name", schemas[i]).put("table-name", "%");
        }
        return spec;
    }

    private static List<CheckResult> check(String user, ObjectNode specJson) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", user.equals(LocalMariaDb.ROOT) ? LocalMariaDb.PASSWORD : "pw");
        MigrationSpec spec = LocalSpecs.read(specJson);
        try (Connection source = DriverManager.getConnection(server.jdbcUrl(""), properties)) {
            PreflightContext context = new PreflightContext(spec, spec.mappings().select(new MySqlDialect().listTables(source)),
                    LobPolicy.fromTaskSettings(spec.dms().taskSettings()), user, false);
            return new MySqlSourceChecks(30).run(source, context);
        }
    }
}
