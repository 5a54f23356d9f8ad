package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.deploy.AlertInbox.Notice;
import dmsrunbook.deploy.CutoverApproval;
import dmsrunbook.deploy.LocalSecrets;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.mapping.TableMappings;
import dmsrunbook.rehearsal.DmsStandIn;
import dmsrunbook.rehearsal.LocalRunbook;
import dmsrunbook.testing.ProjectFiles;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The heterogeneous story end to end, in the real state machine on moto with the real handlers: a MariaDB shop
 * database (mixed-case table names, AUTO_INCREMENT, tinyint(1), an enum, unsigned integers, year, JSON, ON UPDATE
 * CURRENT_TIMESTAMP, a check, secondary and unique indexes, foreign keys) migrates to an empty PostgreSQL database
 * with the example spec {@code events/specs/mysql-to-postgres.json} (its hosts, ports and secrets swapped for this
 * machine's): the workflow converts the schema (pre-data before the load, post-data after it), DMS's full load (moto
 * moves no data: {@link DmsStandIn#fromMariaDb} loads the converted tables as DMS would) fills it, the row-level diff
 * across the two engines finds the data equal, on-call approves, and the cutover leaves every identity past the
 * loaded ids. Change data capture from MariaDB's binlog is NOT emulated here: nothing is written to the source while
 * the migration runs, so the story proves the full load, the schema and the cutover, not the CDC path.
 */
class MySqlToPostgresMigrationIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final String MIGRATION = "shop-mysql-to-postgres";

    /** The shop on MariaDB, with rows; the example spec's mappings select the database {@code shop}. */
    private static final String SHOP = """
            CREATE TABLE customers (
                id int unsigned NOT NULL AUTO_INCREMENT,
                email varchar(120) NOT NULL,
                name varchar(100) NOT NULL,
                active tinyint(1) NOT NULL DEFAULT 1,
                created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
                updated_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
                PRIMARY KEY (id),
                UNIQUE KEY uq_customers_email (email)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            CREATE TABLE orders (
                id bigint NOT NULL AUTO_INCREMENT,
                customer_id int unsigned NOT NULL,
                status enum('new','paid','shipped') NOT NULL DEFAULT 'new',
                total decimal(12,2) NOT NULL DEFAULT 0.00,
                legacy_flags tinyint unsigned NOT NULL DEFAULT 0,
                fiscal_year year NULL,
                details json NULL,
                ordered_at datetime(3) NOT NULL,
                PRIMARY KEY (id),
                KEY idx_orders_customer (customer_id, ordered_at),
                CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            CREATE TABLE OrderLines (
                order_id bigint NOT NULL,
                line_no smallint NOT NULL,
                sku char(8) NOT NULL,
                qty int NOT NULL,
                price decimal(10,2) NOT NULL,
                PRIMARY KEY (order_id, line_no),
                CONSTRAINT fk_lines_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
                CONSTRAINT chk_qty CHECK (qty > 0)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            INSERT INTO customers (email, name, active, created_at, updated_at)
                SELECT concat('c', seq, '@shop.example'), concat('Customer ', seq), seq % 3 <> 0,
                       TIMESTAMP '2026-01-01 00:00:00' + INTERVAL seq HOUR, TIMESTAMP '2026-02-01 00:00:00' + INTERVAL seq MINUTE
                FROM seq_1_to_40;
            INSERT INTO orders (customer_id, status, total, legacy_flags, fiscal_year, details, ordered_at)
                SELECT 1 + seq % 40, elt(1 + seq % 3, 'new', 'paid', 'shipped'), seq * 1.25, seq % 256, 2020 + seq % 6,
                       IF(seq % 4 = 0, NULL, json_object('gift', seq % 2 = 0, 'note', concat('n', seq))),
                       TIMESTAMP '2026-03-01 08:00:00.125' + INTERVAL seq MINUTE
                FROM seq_1_to_300;
            INSERT INTO OrderLines (order_id, line_no, sku, qty, price)
                SELECT o.seq, l.seq, concat('SKU', lpad(o.seq % 97, 4, '0')), l.seq, 9.99 + l.seq
                FROM seq_1_to_300 o JOIN seq_1_to_3 l ON l.seq <= 1 + o.seq % 3;
            """;

    @RegisterExtension
    static final LocalRunbookExtension runbook = new LocalRunbookExtension();

    @Test
    void mariaDbShop_theExecutionConvertsTheSchema_loadsTheData_validatesIt_andCutsOver() throws Exception {
        try (LocalMariaDb source = LocalMariaDb.startBinlogSource("shop-mariadb");
             LocalPostgres target = LocalPostgres.start("shop-postgres", Map.of())) {
            // GIVEN a MariaDB shop database with rows, an empty PostgreSQL database, and the example spec pointed at them
            source.createDatabase("shop");
            source.execute("shop", SHOP);
            target.createDatabase("shop");
            ObjectNode spec = exampleSpecOnThisMachine(MIGRATION, source, target);
            String binlogBefore = binlogPosition(source);
            // MariaDB hands out AUTO_INCREMENT values in blocks to INSERT ... SELECT: the next id is past the block, not max(id) + 1
            long nextCustomer = autoIncrement(source, "customers");
            long nextOrder = autoIncrement(source, "orders");
            assertThat(nextCustomer).isGreaterThan(40);

            try (DmsStandIn dms = DmsStandIn.fromMariaDb(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, "shop", target, "shop",
                    TableMappings.parse(spec.get("tableMappings"))).attach(MIGRATION)) {
                // WHEN the migration runs and on-call approves the cutover
                String execution = runbook.executions().start("shop-mysql-run", Json.write(spec));
                Notice asked = runbook.inbox().await(n -> n.subject().contains(MIGRATION + " is in sync") || n.subject().contains(MIGRATION + " FAILED"),
                        TIMEOUT);
                assertThat(asked.subject()).as(asked.message()).contains("is in sync");
                CutoverApproval.approve(runbook.aws().sfn(), CutoverApproval.taskToken(asked.message()).orElseThrow(), "integration test");
                var result = runbook.executions().awaitEnd(execution, TIMEOUT);

                // THEN it succeeds through the schema phases and both data validations, in the runbook's order
                assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(runbook.executions().enteredStates(execution)).containsSubsequence("RunPreflightChecks", "AssessSchema",
                        "PrepareTargetSchema", "StartReplication", "CheckReplication", "FinishTargetSchema", "CheckSourceSchemaBeforeApproval",
                        "PlanDataValidation", "ConcludeDataValidation", "RequestCutoverApproval", "CheckFinalSync", "CheckSourceSchemaAtCutover",
                        "ConcludeFinalDataValidation", "CarryOverSequencesAndViews", "StopReplication", "MigrationSucceeded");
                // AND DMS was told to leave the converted tables as they are
                assertThat(dms.prepMode()).isEqualTo("DO_NOTHING");
                // AND the preflight warned that the ON UPDATE trigger the conversion creates fires for DMS's change writes
                Notice warnings = runbook.inbox().await(n -> n.subject().contains(MIGRATION + " preflight passed with warnings"), TIMEOUT);
                assertThat(warnings.message()).contains("WARN target triggers to be created", "customers_on_update_current_timestamp");
                assertThat(outputOf("FinishTargetSchemaFunction", "shop-mysql-run"))
                        .contains("the whole schema matches the source's conversion", "customers_on_update_current_timestamp on public.customers");
                Notice report = runbook.inbox().await(n -> n.subject().contains(MIGRATION + " migration complete"), TIMEOUT);
                assertThat(report.message()).contains("3 of 3 tables equal");
            }

            // AND the tables are in public (the schema rename), lower-cased, with the converted types, defaults and identities
            assertThat(query(target, """
                    SELECT table_name || '.' || column_name || ' ' || CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END
                           || CASE WHEN is_identity = 'YES' THEN ' identity' ELSE '' END
                           || CASE WHEN column_default IS NOT NULL THEN ' default ' || column_default ELSE '' END
                    FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position""")).containsExactly(
                    "customers.id bigint identity",
                    "customers.email character varying",
                    "customers.name character varying",
                    "customers.active boolean default true",
                    "customers.created_at timestamp with time zone default now()",
                    "customers.updated_at timestamp with time zone default now()",
                    "orderlines.order_id bigint",
                    "orderlines.line_no smallint",
                    "orderlines.sku character",
                    "orderlines.qty integer",
                    "orderlines.price numeric",
                    "orders.id bigint identity",
                    "orders.customer_id bigint",
                    "orders.status orders_status default 'new'::orders_status",
                    "orders.total numeric default 0.00",
                    "orders.legacy_flags smallint default 0",
                    "orders.fiscal_year integer",
                    "orders.details jsonb",
                    "orders.ordered_at timestamp without time zone");
            // AND the keys, indexes, the check and the foreign keys (validated) are there
            assertThat(query(target, "SELECT conrelid::regclass || ' ' || contype::text || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated "
                    + "FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'f', 'c') ORDER BY 1")).containsExactly(
                    "customers p PRIMARY KEY (id) true",
                    "orderlines c CHECK ((qty > 0)) true",
                    // MySQL's default rule is RESTRICT (checked at once), not PostgreSQL's NO ACTION: the conversion says so
                    "orderlines f FOREIGN KEY (order_id) REFERENCES orders(id) ON UPDATE RESTRICT ON DELETE CASCADE true",
                    "orderlines p PRIMARY KEY (order_id, line_no) true",
                    "orders f FOREIGN KEY (customer_id) REFERENCES customers(id) ON UPDATE RESTRICT ON DELETE RESTRICT true",
                    "orders p PRIMARY KEY (id) true");
            assertThat(query(target, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%pkey' ORDER BY 1"))
                    .containsExactly("CREATE INDEX idx_orders_customer ON public.orders USING btree (customer_id, ordered_at)",
                            "CREATE UNIQUE INDEX uq_customers_email ON public.customers USING btree (email)");
            // AND every row is there, values as the source has them
            assertThat(query(target, "SELECT (SELECT count(*) FROM customers) || ' ' || (SELECT count(*) FROM orders) || ' ' "
                    + "|| (SELECT count(*) FROM orderlines)")).containsExactly("40 300 600");
            assertThat(query(target, "SELECT status || ' ' || legacy_flags || ' ' || fiscal_year || ' ' || (details->>'note') || ' ' || ordered_at "
                    + "FROM orders WHERE id = 5")).containsExactly("shipped 5 2025 n5 2026-03-01 08:05:00.125");

            // AND the application's next inserts work: identities continue where the source's AUTO_INCREMENT would, the enum
            // default and the ON UPDATE trigger act
            assertThat(query(target, "INSERT INTO customers (email, name) VALUES ('new@shop.example', 'New') RETURNING id || ' ' || active"))
                    .containsExactly(nextCustomer + " true");
            assertThat(query(target, "INSERT INTO orders (customer_id, ordered_at) VALUES (" + nextCustomer + ", now()) RETURNING id || ' ' || status"))
                    .containsExactly(nextOrder + " new");
            assertThat(query(target, "UPDATE customers SET name = 'Renamed' WHERE id = 1 RETURNING updated_at > '2026-06-01'"))
                    .containsExactly("t");

            // AND nothing was written to the source: its binary log did not move
            assertThat(binlogPosition(source)).isEqualTo(binlogBefore);
        }
    }

    @Test
    void schemaModeVerify_onATargetMadeByHandOtherwise_stopsBeforeTheLoad_namingEachDifferenceFromTheConversion() throws Exception {
        try (LocalMariaDb source = LocalMariaDb.startBinlogSource("shop-verify-mariadb");
             LocalPostgres target = LocalPostgres.start("shop-verify-postgres", Map.of())) {
            // GIVEN the shop, and a target whose tables someone created by hand: ids as integer, no enum type, a column missing
            source.createDatabase("shop");
            source.execute("shop", SHOP);
            target.createDatabase("shop");
            target.execute("shop", """
                    CREATE TABLE customers (id integer PRIMARY KEY, email varchar(120) NOT NULL, name varchar(100) NOT NULL,
                        active boolean NOT NULL DEFAULT true, created_at timestamptz(0) NOT NULL DEFAULT now(),
                        updated_at timestamptz(0) NOT NULL DEFAULT now());
                    CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text NOT NULL DEFAULT 'new',
                        total numeric(12,2) NOT NULL DEFAULT 0.00, legacy_flags smallint NOT NULL DEFAULT 0, fiscal_year integer,
                        details jsonb, ordered_at timestamp(3) NOT NULL);
                    CREATE TABLE orderlines (order_id bigint, line_no smallint, sku char(8) NOT NULL, qty integer NOT NULL,
                        price numeric(10,2) NOT NULL, PRIMARY KEY (order_id, line_no));""");
            ObjectNode spec = exampleSpecOnThisMachine("shop-mysql-verify", source, target);
            spec.putObject("schema").put("mode", "verify");

            // WHEN the migration runs with schema.mode verify
            String execution = runbook.executions().start("shop-mysql-verify-run", Json.write(spec));
            var result = runbook.executions().awaitEnd(execution, TIMEOUT);

            // THEN PrepareTargetSchema stops it before replication, naming each difference from the conversion, and the fix
            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("dmsrunbook.error.TargetSchemaException");
            assertThat(result.cause()).contains("The target's pre-data schema differs from the source's conversion",
                    "column public.customers.id", "GENERATED BY DEFAULT AS IDENTITY", "enum type public.orders_status",
                    "column public.orders.status", "orders_status", "does not exist", "runbook assess")
                    .as("columns made as converted are not named").doesNotContain("column public.orders.details", "column public.orderlines");
            assertThat(runbook.executions().enteredStates(execution)).contains("PrepareTargetSchema").doesNotContain("StartReplication");
        }
    }

    @Test
    void ddlOnTheMariaDbSourceWhileTheCutoverAwaitsApproval_stopsTheCutover_namingTheColumn() throws Exception {
        try (LocalMariaDb source = LocalMariaDb.startBinlogSource("shop-ddl-mariadb");
             LocalPostgres target = LocalPostgres.start("shop-ddl-postgres", Map.of())) {
            // GIVEN the shop migrating with the example spec, waiting for the cutover's approval
            source.createDatabase("shop");
            source.execute("shop", SHOP);
            target.createDatabase("shop");
            ObjectNode spec = exampleSpecOnThisMachine("shop-mysql-ddl", source, target);
            try (DmsStandIn dms = DmsStandIn.fromMariaDb(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, "shop", target, "shop",
                    TableMappings.parse(spec.get("tableMappings"))).attach("shop-mysql-ddl")) {
                String execution = runbook.executions().start("shop-mysql-ddl-run", Json.write(spec));
                Notice asked = runbook.inbox().await(n -> n.subject().contains("shop-mysql-ddl is in sync")
                        || n.subject().contains("shop-mysql-ddl FAILED"), TIMEOUT);
                assertThat(asked.subject()).as(asked.message()).contains("is in sync");

                // WHEN someone adds a column on the source meanwhile (DMS would not carry it), and on-call approves
                source.execute("shop", "ALTER TABLE orders ADD COLUMN coupon varchar(20)");
                CutoverApproval.approve(runbook.aws().sfn(), CutoverApproval.taskToken(asked.message()).orElseThrow(), "integration test");
                var result = runbook.executions().awaitEnd(execution, TIMEOUT);

                // THEN the cutover stops before anything is carried over or stopped, naming the column the target lacks
                assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
                assertThat(result.error()).isEqualTo("dmsrunbook.error.SourceSchemaChangedException");
                assertThat(result.cause()).contains("The source's schema changed since", "public.orders.coupon");
                assertThat(runbook.executions().enteredStates(execution)).contains("CheckSourceSchemaAtCutover")
                        .doesNotContain("CarryOverSequencesAndViews", "StopReplication");
            }
        }
    }

    /** The example spec under {@code migrationId} with this machine's databases and secrets (one pair per migration), the emulation's instance, and polls of a second. */
    private static ObjectNode exampleSpecOnThisMachine(String migrationId, LocalMariaDb source, LocalPostgres target) {
        ObjectNode spec = ((ObjectNode) ProjectFiles.json("events/specs/mysql-to-postgres.json")).put("migrationId", migrationId);
        String sourceSecret = LocalSecrets.put(runbook.aws(), "dms-runbook/" + migrationId + "-source", LocalMariaDb.ROOT, LocalMariaDb.PASSWORD,
                source.host(), source.port());
        String targetSecret = LocalSecrets.put(runbook.aws(), "dms-runbook/" + migrationId + "-target", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                target.host(), target.port());
        ((ObjectNode) spec.get("source")).put("engine", "mariadb").put("host", source.host()).put("port", source.port())
                .put("sslMode", "none").put("secretArn", sourceSecret);
        ((ObjectNode) spec.get("target")).put("host", target.host()).put("port", target.port()).put("sslMode", "none")
                .put("secretArn", targetSecret);
        ((ObjectNode) spec.get("dms")).put("replicationInstanceArn", runbook.get().replicationInstanceArn());
        spec.putObject("thresholds").put("cdcLatencySeconds", 5).put("stableForSeconds", 2).put("pollIntervalSeconds", 1)
                .put("maxWaitSeconds", 300);
        spec.putObject("cutover").put("policy", "approval").put("approvalTimeoutSeconds", 300);
        return spec;
    }

    private static String outputOf(String function, String executionName) {
        return runbook.aws().gateway().invocations().stream()
                .filter(i -> i.function().equals(function) && i.input().contains(executionName))
                .reduce((first, second) -> second).map(i -> i.output()).orElseThrow();
    }

    private static long autoIncrement(LocalMariaDb source, String table) throws Exception {
        try (Connection c = source.connect("shop"); Statement statement = c.createStatement();
             ResultSet row = statement.executeQuery("SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'shop' "
                     + "AND TABLE_NAME = '" + table + "'")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String binlogPosition(LocalMariaDb source) throws Exception {
        try (Connection c = source.connect(""); Statement statement = c.createStatement(); ResultSet row = statement.executeQuery("SHOW MASTER STATUS")) {
            row.next();
            return row.getString(1) + ":" + row.getLong(2);
        }
    }

    private static List<String> query(LocalPostgres cluster, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = cluster.connect("shop"); Statement statement = c.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
