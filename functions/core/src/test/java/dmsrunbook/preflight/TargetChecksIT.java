package dmsrunbook.preflight;

import static dmsrunbook.testing.PreflightResults.the;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.database.postgres.PostgresDialect;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.testing.LocalSpecs;
import dmsrunbook.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The target before the load: is each selected table there, empty, or handled by the task's prep mode, and would a
 * trigger apply replicated rows twice? On real PostgreSQL databases for source and target.
 */
class TargetChecksIT {

    private static final String TARGET = "target";
    private static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric); ";
    private static final String ITEMS = "CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint); ";

    @Test
    void emptyTargetTables_withTruncateBeforeLoad_pass() throws Exception {
        Pair pair = pair(ORDERS + ITEMS, ORDERS + ITEMS);
        ObjectNode spec = pair.spec();
        prepMode(spec, "TRUNCATE_BEFORE_LOAD");

        List<CheckResult> results = check(pair, spec);

        assertThat(results).extracting(CheckResult::line).containsExactly(
                "PASS target reachable: connected to aurora-postgresql " + pair.target() + "@127.0.0.1:" + SharedPostgres.cluster().port(),
                "PASS target target tables: 2 tables present and empty",
                "PASS target triggers: no user trigger on the target tables");
    }

    @Test
    void nonEmptyTargetTable_withDoNothing_failsNamingTheTable_becauseTheLoadWouldDuplicateRows() throws Exception {
        // GIVEN a target that already holds 3 orders, and a task that leaves target tables as they are
        Pair pair = pair(ORDERS + ITEMS, ORDERS + ITEMS + "INSERT INTO orders VALUES (1, 10), (2, 20), (3, 30);");
        ObjectNode spec = pair.spec();
        prepMode(spec, "DO_NOTHING");

        CheckResult empty = the(check(pair, spec), TARGET, "target tables empty");

        assertThat(empty.line()).isEqualTo("FAIL target target tables empty: not empty: public.orders (3 rows); with "
                + "TargetTablePrepMode DO_NOTHING the load would duplicate rows -> empty them (TRUNCATE) before the migration, "
                + "or set FullLoadSettings.TargetTablePrepMode to TRUNCATE_BEFORE_LOAD");
    }

    @Test
    void nonEmptyTargetTable_withTruncateBeforeLoad_failsUnlessTheSpecAllowsItsRowsToGo() throws Exception {
        // GIVEN a target holding a row, and a task that truncates target tables before loading
        Pair pair = pair(ORDERS, ORDERS + "INSERT INTO orders VALUES (1, 10);");
        ObjectNode spec = pair.spec();
        prepMode(spec, "TRUNCATE_BEFORE_LOAD");

        // WHEN the spec does not say those rows may go THEN the load is refused: the target may be in use, or the source
        CheckResult refused = the(check(pair, spec), TARGET, "target tables empty");
        assertThat(refused.line()).isEqualTo("FAIL target target tables empty: not empty: public.orders (1 rows); TargetTablePrepMode "
                + "TRUNCATE_BEFORE_LOAD would erase their rows before the load -> make sure this is the target you mean; if its rows "
                + "may go, add \"allowNonEmptyTables\": true to target in the spec");

        // AND WHEN it says so THEN the truncation is only reported
        ((ObjectNode) spec.get("target")).put("allowNonEmptyTables", true);
        CheckResult allowed = the(check(pair, spec), TARGET, "target tables empty");
        assertThat(allowed.status()).isEqualTo(CheckStatus.WARN);
        assertThat(allowed.detail()).isEqualTo("DMS will truncate public.orders (1 rows) before loading (allowNonEmptyTables)");
    }

    @Test
    void nonEmptyTargetTable_underTheDefaultDropAndCreate_failsUnlessAllowed() throws Exception {
        Pair pair = pair(ORDERS, ORDERS + "INSERT INTO orders VALUES (1, 10), (2, 20);");
        ObjectNode spec = pair.spec();
        // DMS's own default applies only when the workflow leaves the schema alone (apply and verify set DO_NOTHING).
        spec.putObject("schema").put("mode", "none");

        assertThat(the(check(pair, spec), TARGET, "target tables empty").line()).startsWith("FAIL target target tables empty: not empty: "
                + "public.orders (2 rows); TargetTablePrepMode DROP_AND_CREATE would erase their rows");
        ((ObjectNode) spec.get("target")).put("allowNonEmptyTables", true);
        assertThat(the(check(pair, spec), TARGET, "target tables empty").status()).isEqualTo(CheckStatus.WARN);
    }

    @Test
    void nonEmptyTargetTable_withDoNothing_failsEvenWhenAllowed_becauseRowsWouldBeDuplicatedNotErased() throws Exception {
        Pair pair = pair(ORDERS, ORDERS + "INSERT INTO orders VALUES (1, 10);");
        ObjectNode spec = pair.spec();
        prepMode(spec, "DO_NOTHING");
        ((ObjectNode) spec.get("target")).put("allowNonEmptyTables", true);

        assertThat(the(check(pair, spec), TARGET, "target tables empty").status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void existingTargetTables_underTheDefaultDropAndCreate_warnThatIndexesAndKeysAreLost() throws Exception {
        Pair pair = pair(ORDERS, ORDERS);
        ObjectNode spec = pair.spec();
        spec.putObject("schema").put("mode", "none");

        CheckResult prep = the(check(pair, spec), TARGET, "target prep mode");

        assertThat(prep.status()).isEqualTo(CheckStatus.WARN);
        assertThat(prep.remediation()).isEqualTo("set FullLoadSettings.TargetTablePrepMode to TRUNCATE_BEFORE_LOAD in dms.taskSettings");
    }

    @Test
    void missingTargetTables_forAFullLoad_warnThatDmsCreatesThemBare() throws Exception {
        Pair pair = pair(ORDERS + ITEMS, ORDERS);
        ObjectNode spec = pair.spec();
        prepMode(spec, "TRUNCATE_BEFORE_LOAD");
        spec.putObject("schema").put("mode", "none");

        CheckResult tables = the(check(pair, spec), TARGET, "target tables");

        assertThat(tables.status()).isEqualTo(CheckStatus.WARN);
        assertThat(tables.detail()).startsWith("DMS will create public.items with the primary key only");
    }

    @Test
    void missingTargetTables_forACdcOnlyTask_fail() throws Exception {
        Pair pair = pair(ORDERS + ITEMS, ORDERS);
        ObjectNode spec = pair.spec();
        spec.put("migrationType", "cdc");
        spec.putObject("schema").put("mode", "none");

        CheckResult tables = the(check(pair, spec), TARGET, "target tables");

        assertThat(tables.line()).isEqualTo("FAIL target target tables: missing on the target: public.items -> a cdc-only task "
                + "needs the tables loaded already: load them first, or use full-load-and-cdc");
    }

    @Test
    void missingTargetTables_forNativeReplication_failWithThePgDumpFix() throws Exception {
        Pair pair = pair(ORDERS + ITEMS, "");
        ObjectNode spec = LocalSpecs.postgresNative("native-target", pair.side(pair.source()), pair.side(pair.target()));

        CheckResult tables = the(check(pair, spec), TARGET, "target tables");

        assertThat(tables.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(tables.detail()).isEqualTo("missing on the target: public.items, public.orders");
        assertThat(tables.remediation()).startsWith("apply the schema first: pg_dump --schema-only");
    }

    @Test
    void missingTargetTables_whenTheWorkflowAppliesTheSchema_passAsCreatedBeforeReplicationStarts() throws Exception {
        Pair pair = pair(ORDERS + ITEMS, ITEMS);
        ObjectNode spec = LocalSpecs.postgresNative("native-apply", pair.side(pair.source()), pair.side(pair.target()));
        spec.putObject("schema").put("mode", "apply");

        CheckResult tables = the(check(pair, spec), TARGET, "target tables");

        assertThat(tables.line()).isEqualTo("PASS target target tables: 1 tables present; PrepareTargetSchema creates public.orders "
                + "from the source's schema (schema.mode apply) before replication starts");
    }

    @Test
    void missingTargetTables_whenTheSchemaIsOnlyVerified_failForDmsToo_becauseDmsMustNotCreateThem() throws Exception {
        Pair pair = pair(ORDERS + ITEMS, ORDERS);
        ObjectNode spec = pair.spec();

        CheckResult tables = the(check(pair, spec), TARGET, "target tables");

        assertThat(tables.line()).isEqualTo("FAIL target target tables: missing on the target: public.items -> apply the schema first: "
                + "pg_dump --schema-only --no-owner --no-privileges <source> | psql <target>, or set schema.mode to apply and the "
                + "workflow creates it");
    }

    @Test
    void triggersOnTheTarget_doNotWarnWhenDmsWritesAsAReplicaSession() throws Exception {
        String withTrigger = ORDERS + "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; "
                + "CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();";
        Pair pair = pair(ORDERS, withTrigger);
        ObjectNode spec = pair.spec();
        prepMode(spec, "TRUNCATE_BEFORE_LOAD");
        assertThat(the(check(pair, spec), TARGET, "triggers").line()).startsWith("WARN target triggers: replicated writes would fire "
                + "orders_touch on public.orders");

        ((ObjectNode) spec.get("target")).putObject("dmsSettings").put("AfterConnectScript", "SET session_replication_role = replica");

        assertThat(the(check(pair, spec), TARGET, "triggers").line()).isEqualTo("PASS target triggers: no trigger fires while DMS "
                + "applies changes (session_replication_role = replica)");
    }

    @Test
    void nonEmptyTargetTable_forNativeReplication_failsBecauseTheInitialCopyWouldDuplicateRows() throws Exception {
        Pair pair = pair(ORDERS, ORDERS + "INSERT INTO orders VALUES (1, 10);");
        ObjectNode spec = LocalSpecs.postgresNative("native-full", pair.side(pair.source()), pair.side(pair.target()));

        CheckResult empty = the(check(pair, spec), TARGET, "target tables empty");

        assertThat(empty.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(empty.detail()).endsWith("the initial copy would duplicate their rows");
    }

    @Test
    void enabledTriggerOnATargetTable_warnsForDms_withTheSessionReplicationRoleFix() throws Exception {
        Pair pair = pair(ORDERS, ORDERS + TRIGGER);
        ObjectNode spec = pair.spec();
        prepMode(spec, "TRUNCATE_BEFORE_LOAD");

        CheckResult triggers = the(check(pair, spec), TARGET, "triggers");

        assertThat(triggers.status()).isEqualTo(CheckStatus.WARN);
        assertThat(triggers.detail()).contains("audit_orders on public.orders");
        assertThat(triggers.remediation()).contains("\"AfterConnectScript\": \"SET session_replication_role = replica\"");
    }

    @Test
    void ordinaryTrigger_isSkippedByNativeApplyWorkers_butAnEnableAlwaysTriggerWarns() throws Exception {
        Pair ordinary = pair(ORDERS, ORDERS + TRIGGER);
        Pair always = pair(ORDERS, ORDERS + TRIGGER + "ALTER TABLE orders ENABLE ALWAYS TRIGGER audit_orders;");

        CheckResult skipped = the(check(ordinary, LocalSpecs.postgresNative("native-trg", ordinary.side(ordinary.source()),
                ordinary.side(ordinary.target()))), TARGET, "triggers");
        CheckResult fires = the(check(always, LocalSpecs.postgresNative("native-trg", always.side(always.source()),
                always.side(always.target()))), TARGET, "triggers");

        assertThat(skipped.status()).isEqualTo(CheckStatus.PASS);
        assertThat(fires.status()).isEqualTo(CheckStatus.WARN);
        assertThat(fires.remediation()).startsWith("ALTER TABLE ... ENABLE TRIGGER (not ALWAYS)");
    }

    @Test
    void targetTablesAreLookedUpByTheirTransformedName() throws Exception {
        // GIVEN the source's public schema lands in schema app on the target
        Pair pair = pair(ORDERS, "CREATE SCHEMA app; CREATE TABLE app.orders (id bigint PRIMARY KEY, total numeric);");
        ObjectNode spec = pair.spec();
        prepMode(spec, "TRUNCATE_BEFORE_LOAD");
        ObjectNode rename = ((com.fasterxml.jackson.databind.node.ArrayNode) spec.get("tableMappings").get("rules")).addObject()
                .put("rule-type", "transformation").put("rule-id", "2").put("rule-name", "into-app").put("rule-target", "schema")
                .put("rule-action", "rename").put("value", "app");
        rename.putObject("object-locator").put("schema-name", "public");

        assertThat(the(check(pair, spec), TARGET, "target tables").line()).isEqualTo("PASS target target tables: 1 tables present and empty");
    }

    private static final String TRIGGER = """
            CREATE TABLE orders_audit (id bigint, at timestamptz DEFAULT now());
            CREATE FUNCTION audit_order() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN INSERT INTO orders_audit (id) VALUES (NEW.id); RETURN NEW; END $$;
            CREATE TRIGGER audit_orders AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit_order();
            """;

    /** A source and a target database on the shared cluster. */
    private record Pair(String source, String target) {

        ObjectNode spec() {
            return LocalSpecs.dms("target-checks", side(source), side(target), "public");
        }

        LocalSpecs.Side side(String database) {
            LocalPostgres cluster = SharedPostgres.cluster();
            return new LocalSpecs.Side(database.equals(target) ? "aurora-postgresql" : "postgres", cluster.host(), cluster.port(),
                    database, LocalSpecs.unreadSecret(database));
        }
    }

    private static Pair pair(String sourceDdl, String targetDdl) {
        String source = SharedPostgres.freshDatabase("target_checks_source");
        String target = SharedPostgres.freshDatabase("target_checks_target");
        SharedPostgres.cluster().execute(source, sourceDdl);
        if (!targetDdl.isEmpty()) {
            SharedPostgres.cluster().execute(target, targetDdl);
        }
        return new Pair(source, target);
    }

    private static void prepMode(ObjectNode spec, String mode) {
        LocalSpecs.taskSettings(spec).putObject("FullLoadSettings").put("TargetTablePrepMode", mode);
    }

    /** The target checks as the preflight runs them, after the source's catalog gave the selected tables. */
    private static List<CheckResult> check(Pair pair, ObjectNode specJson) throws SQLException {
        MigrationSpec spec = LocalSpecs.read(specJson);
        try (Connection source = SharedPostgres.cluster().connect(pair.source());
             Connection target = SharedPostgres.cluster().connect(pair.target())) {
            PreflightContext context = new PreflightContext(spec, spec.mappings().select(new PostgresDialect().listTables(source)),
                    LobPolicy.unlimited(), LocalPostgres.SUPERUSER, false);
            return new TargetChecks().run(target, DatabaseEngine.AURORA_POSTGRESQL, context);
        }
    }
}
