package dmsrunbook.validation.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.ValidationMode;
import dmsrunbook.testing.ComparedDatabases;
import dmsrunbook.testing.LocalSecretsManager;
import dmsrunbook.testing.LocalSpecs;
import dmsrunbook.testing.SharedPostgres;
import dmsrunbook.validation.InvariantReport;
import dmsrunbook.validation.InvariantRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The diff and the invariants as the workflow will call them, from a spec: endpoints connected with their secrets,
 * target names from the mappings' transformation rules, modes and tolerance from the validation block; and a diff that
 * would outlast its time budget stops, saying how to split the work.
 */
class DiffFromSpecIT {

    private static final String TABLES = "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2));"
            + "CREATE TABLE audit (id bigint PRIMARY KEY, note text);"
            + "INSERT INTO orders SELECT g, g * 2.5 FROM generate_series(1, 300) g; INSERT INTO audit SELECT g, 'a' || g FROM generate_series(1, 50) g;";

    @Test
    void spec_namesTheTargetTable_andSetsTheModeOfEachTable_andTheInvariants() {
        LocalPostgres cluster = SharedPostgres.cluster();
        String source = SharedPostgres.freshDatabase("spec_source");
        String target = SharedPostgres.freshDatabase("spec_target");
        cluster.execute(source, TABLES);
        cluster.execute(target, "CREATE SCHEMA app;" + TABLES.replace("TABLE orders", "TABLE app.orders").replace("INTO orders", "INTO app.orders")
                .replace("TABLE audit", "TABLE app.audit").replace("INTO audit", "INTO app.audit") + "UPDATE app.audit SET note = 'x' WHERE id = 3;");
        String secret = LocalSecretsManager.put("dms-runbook/diff-from-spec", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                cluster.host(), cluster.port());
        ObjectNode json = LocalSpecs.dms("diff-from-spec", new LocalSpecs.Side("postgres", cluster.host(), cluster.port(), source, secret),
                new LocalSpecs.Side("aurora-postgresql", cluster.host(), cluster.port(), target, secret), "public");
        ObjectNode rename = ((ArrayNode) json.get("tableMappings").get("rules")).addObject().put("rule-type", "transformation")
                .put("rule-id", "2").put("rule-name", "into-app").put("rule-target", "schema").put("rule-action", "rename").put("value", "app");
        rename.putObject("object-locator").put("schema-name", "public");
        json.set("validation", Json.tree("""
                {"tables": {"public.audit": "counts"},
                 "queries": [{"name": "revenue", "sql": "SELECT sum(total) FROM orders", "targetSql": "SELECT sum(total) FROM app.orders",
                              "expected": 112875}]}"""));
        MigrationSpec spec = LocalSpecs.read(json);
        TableDiffer differ = TableDiffer.of(LocalSecretsManager.connector(), spec);

        TableDiffResult orders = differ.diff(TableDiffRequest.of(spec, new TableName("public", "orders"), KeyRange.ALL));
        TableDiffResult audit = differ.diff(TableDiffRequest.of(spec, new TableName("public", "audit"), KeyRange.ALL));
        InvariantReport invariants = InvariantRunner.of(LocalSecretsManager.connector(), spec).run(spec.validation().queries());

        assertThat(orders.targetTable()).isEqualTo("app.orders");
        assertThat(orders.mode()).isEqualTo(ValidationMode.CHECKSUMS);
        assertThat(orders.equal()).isTrue();
        assertThat(audit.mode()).isEqualTo(ValidationMode.COUNTS);
        assertThat(audit.evidence()).isEqualTo(Evidence.COUNTS);
        assertThat(audit.equal()).as("counts only: the changed note goes unseen").isTrue();
        assertThat(invariants.passed()).isTrue();
    }

    @Test
    void diffOutlastingItsTimeBudget_stops_sayingHowToSplitTheWork() {
        String database = SharedPostgres.freshDatabase("budget");
        SharedPostgres.cluster().execute(database, TABLES);
        // A clock that jumps an hour on every reading after the first: the budget is gone by the first query.
        AtomicInteger readings = new AtomicInteger();
        Clock jumping = new Clock() {
            @Override
            public Instant instant() {
                return Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofHours(readings.getAndIncrement()));
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        TableDiffer differ = new TableDiffer(ComparedDatabases.postgres(database), ComparedDatabases.postgres(database), jumping);
        TableName orders = new TableName("public", "orders");

        assertThatThrownBy(() -> differ.diff(TableDiffRequest.whole(orders, orders, DiffOptions.defaults().withTimeBudget(Duration.ofMinutes(13)))))
                .isInstanceOf(DiffTimeoutException.class)
                .hasMessage("Diff of public.orders (start, end) did not finish within 780 s. Fix: split the table into smaller key ranges "
                        + "(KeyRangePlanner with fewer rows per range) and diff each on its own");
    }
}
