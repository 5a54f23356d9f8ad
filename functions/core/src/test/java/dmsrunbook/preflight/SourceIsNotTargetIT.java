package dmsrunbook.preflight;

import static dmsrunbook.testing.PreflightResults.the;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.testing.LocalSecretsManager;
import dmsrunbook.testing.LocalSpecs;
import dmsrunbook.testing.SharedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A target that is the source under another name (here {@code 127.1}, which the spec's validation cannot tell from
 * another host, as with a DNS alias) is refused by the preflight, by what the servers say of themselves, before the
 * workflow creates anything: on PostgreSQL its system identifier and database, on MariaDB the server and the tables.
 */
class SourceIsNotTargetIT {

    private static final String ALIAS = "127.1";
    private static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric); INSERT INTO orders VALUES (1, 10)";

    private static LocalMariaDb mariaDb;

    @BeforeAll
    static void startMariaDb() {
        mariaDb = LocalMariaDb.startBinlogSource("source-is-target");
        mariaDb.createDatabase("shop");
        mariaDb.createDatabase("shop_copy");
        mariaDb.execute("shop", "CREATE TABLE orders (id bigint PRIMARY KEY, total decimal(10, 2)); INSERT INTO orders VALUES (1, 10)");
        mariaDb.execute("shop_copy", "CREATE TABLE orders (id bigint PRIMARY KEY, total decimal(10, 2))");
    }

    @AfterAll
    static void stopMariaDb() {
        mariaDb.close();
    }

    @Test
    void postgresTargetReachedThroughAnotherName_isTheSourceDatabase_andFails() {
        // GIVEN a spec whose target is the source database, reached through another spelling of its host
        LocalPostgres cluster = SharedPostgres.cluster();
        String database = SharedPostgres.freshDatabase("source_is_target");
        cluster.execute(database, ORDERS);
        ObjectNode spec = LocalSpecs.dms("source-is-target", postgres("postgres", cluster.host(), database),
                postgres("aurora-postgresql", ALIAS, database), "public");
        LocalSpecs.taskSettings(spec).putObject("FullLoadSettings").put("TargetTablePrepMode", "TRUNCATE_BEFORE_LOAD");

        // WHEN the preflight runs
        PreflightReport report = preflight().run(LocalSpecs.read(spec));

        // THEN it fails saying the target is the source, and stops there rather than describing the truncation to come
        CheckResult notTheSource = the(report.checks(), "target", "not the source");
        assertThat(notTheSource.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(notTheSource.detail()).startsWith("the target is the source database (" + database + " (oid ")
                .contains("on the same server: system ").endsWith("loading it would erase or duplicate the source's rows");
        assertThat(notTheSource.remediation()).startsWith("point target at the database to migrate into");
        assertThat(report.checks()).extracting(CheckResult::check).doesNotContain("target tables empty");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void anotherDatabaseOfTheSameCluster_isAnotherCatalog_andPasses() {
        LocalPostgres cluster = SharedPostgres.cluster();
        String source = SharedPostgres.freshDatabase("same_cluster_source");
        String target = SharedPostgres.freshDatabase("same_cluster_target");
        cluster.execute(source, ORDERS);
        cluster.execute(target, "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric)");
        ObjectNode spec = LocalSpecs.dms("same-cluster", postgres("postgres", cluster.host(), source),
                postgres("aurora-postgresql", ALIAS, target), "public");
        LocalSpecs.taskSettings(spec).putObject("FullLoadSettings").put("TargetTablePrepMode", "TRUNCATE_BEFORE_LOAD");

        PreflightReport report = preflight().run(LocalSpecs.read(spec));

        assertThat(the(report.checks(), "target", "not the source").line())
                .startsWith("PASS target not the source: another database (" + target + " (oid ");
        assertThat(the(report.checks(), "target", "target tables").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void mariaDbTargetOnTheSourceServer_loadingTheSelectedTablesIntoThemselves_fails() {
        // GIVEN a target database on the source's server, and rules that would load shop.orders into shop.orders
        ObjectNode spec = LocalSpecs.dms("maria-onto-itself", maria("mariadb", "shop"), maria("mariadb", "shop_copy"), "shop");

        PreflightReport report = preflight().run(LocalSpecs.read(spec));

        CheckResult notTheSource = the(report.checks(), "target", "not the source");
        assertThat(notTheSource.status()).as(String.join("\n", report.checks().stream().map(CheckResult::line).toList()))
                .isEqualTo(CheckStatus.FAIL);
        assertThat(notTheSource.detail()).startsWith("the target is the source's server (uuid none, server_id 1, host ")
                .endsWith("and shop.orders would be loaded into themselves, erasing or duplicating their rows");
        assertThat(notTheSource.remediation()).endsWith("or rename the target schema with a transformation rule");
    }

    @Test
    void mariaDbTargetOnTheSourceServer_withTheSchemaRenamed_passes() {
        ObjectNode spec = LocalSpecs.dms("maria-renamed", maria("mariadb", "shop"), maria("mariadb", "shop_copy"), "shop");
        ObjectNode rename = ((ArrayNode) spec.get("tableMappings").get("rules")).addObject().put("rule-type", "transformation")
                .put("rule-id", "2").put("rule-name", "into-copy").put("rule-target", "schema").put("rule-action", "rename")
                .put("value", "shop_copy");
        rename.putObject("object-locator").put("schema-name", "shop");

        PreflightReport report = preflight().run(LocalSpecs.read(spec));

        assertThat(the(report.checks(), "target", "not the source").line()).isEqualTo("PASS target not the source: the source's "
                + "server, but no selected table is loaded into a selected table");
    }

    private static LocalSpecs.Side postgres(String engine, String host, String database) {
        LocalPostgres cluster = SharedPostgres.cluster();
        String secret = LocalSecretsManager.put("dms-runbook/source-is-target-" + host, LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                host, cluster.port());
        return new LocalSpecs.Side(engine, host, cluster.port(), database, secret);
    }

    private static LocalSpecs.Side maria(String engine, String database) {
        String secret = LocalSecretsManager.put("dms-runbook/source-is-target-maria", LocalMariaDb.ROOT, LocalMariaDb.PASSWORD,
                mariaDb.host(), mariaDb.port());
        return new LocalSpecs.Side(engine, mariaDb.host(), mariaDb.port(), database, secret);
    }

    private static PreflightService preflight() {
        return new PreflightService(LocalSecretsManager.connector(), 30);
    }
}
