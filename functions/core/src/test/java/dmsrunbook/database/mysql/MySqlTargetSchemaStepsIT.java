package dmsrunbook.database.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.SchemaNotConvertibleException;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.schema.ObjectKind;
import dmsrunbook.schema.SchemaApplyResult;
import dmsrunbook.schema.SchemaDifference;
import dmsrunbook.schema.SchemaFingerprint;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.schema.SchemaSlice;
import dmsrunbook.schema.VerifiedSchema;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.testing.LocalSecretsManager;
import dmsrunbook.testing.LocalSpecs;
import dmsrunbook.testing.SharedMariaDb;
import dmsrunbook.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The schema phases' steps for a MariaDB source and a PostgreSQL target, through the spec and the secrets as the
 * workflow's functions use them: pre-data, the load, post-data in slices, the verification against the conversion
 * (which must name what the target lacks or has otherwise), re-runs that change nothing, and the source's fingerprint.
 */
class MySqlTargetSchemaStepsIT {

    private static final AtomicInteger SECRETS = new AtomicInteger();

    @Test
    void mariaDbShop_preparedAroundTheLoad_matchesTheConversion_andAReRunChangesNothing() throws Exception {
        // GIVEN the MariaDB test shop, DMS mappings that rename and lower-case, and an empty PostgreSQL database
        String source = ConversionSource.create("steps");
        String target = SharedPostgres.freshDatabase("steps_target");
        MigrationSpec spec = spec(source, target);
        MySqlTargetSchema steps = new MySqlTargetSchema(LocalSecretsManager.connector());

        // WHEN pre-data is applied and verified, the rows loaded, post-data applied a statement per slice, and all verified
        SchemaApplyResult pre = steps.applyPreData(spec);
        VerifiedSchema beforeLoad = steps.verify(spec, SchemaSection.PRE_DATA);
        try (Connection mysql = ConversionSource.mariaDb(source); Connection pg = ConversionSource.postgres(target)) {
            MySqlRowCopy.copy(mysql, pg, MySqlTargetSchema.catalog(mysql, spec.mappings()), spec.mappings());
        }
        int slices = 0;
        int next = 0;
        SchemaSlice slice;
        do {
            slice = steps.applyPostData(spec, next, Instant.now().minusSeconds(1)); // a past deadline: one statement per slice
            next = slice.next();
            slices++;
        } while (!slice.finished());
        VerifiedSchema whole = steps.verify(spec, SchemaSection.POST_DATA);

        // THEN the target matches what the conversion expects, before and after the load
        assertThat(pre.executed()).contains("create table shop.clients", "create enum type shop.orders_status");
        assertThat(beforeLoad.verification().failures()).isEmpty();
        assertThat(slices).isEqualTo(steps.plan(spec).postData().size());
        assertThat(whole.verification().failures()).isEmpty();
        assertThat(steps.differences(spec)).allMatch(d -> d.problem() == SchemaDifference.Problem.EXTRA);
        assertThat(steps.triggers(spec)).anyMatch(t -> t.contains("clients"));

        // AND applying again runs nothing
        SchemaApplyResult again = steps.applyPreData(spec);
        assertThat(again.executed()).isEmpty();
        assertThat(steps.applyPostData(spec, 0, Instant.now().plusSeconds(60)).executed()).isEmpty();

        // AND the source's fingerprint is stable, and changes with DDL on the source
        SchemaFingerprint first = new MySqlSchemaFingerprints(LocalSecretsManager.connector()).take(spec);
        assertThat(first.sameSchemaAs(whole.source())).isTrue();
        SharedMariaDb.server().execute(source, "INSERT INTO articles (id, slug, title) VALUES (77, 'more', 'More')");
        assertThat(new MySqlSchemaFingerprints(LocalSecretsManager.connector()).take(spec).sameSchemaAs(first)).as("rows are not DDL").isTrue();
        SharedMariaDb.server().execute(source, "ALTER TABLE articles ADD COLUMN subtitle varchar(50)");
        assertThat(new MySqlSchemaFingerprints(LocalSecretsManager.connector()).take(spec).sameSchemaAs(first)).isFalse();
        assertThat(steps.differences(spec)).extracting(d -> d.describe()).anyMatch(d -> d.contains("shop.articles.subtitle"));
    }

    @Test
    void targetChangedAfterTheConversion_isNamed_typeIndexForeignKeyAndDefault() throws Exception {
        // GIVEN the shop converted and applied, then changed on the target by hand
        String source = ConversionSource.create("drift");
        String target = SharedPostgres.freshDatabase("drift_target");
        MigrationSpec spec = spec(source, target);
        MySqlTargetSchema steps = new MySqlTargetSchema(LocalSecretsManager.connector());
        steps.applyPreData(spec);
        steps.applyPostData(spec, 0, Instant.now().plusSeconds(120));
        assertThat(steps.verify(spec, SchemaSection.POST_DATA).verification().failures()).isEmpty();
        String index = steps.plan(spec).created(SchemaSection.POST_DATA).stream()
                .filter(o -> o.kind() == ObjectKind.INDEX).findFirst().orElseThrow().name().name();
        String foreignKey = steps.plan(spec).created(SchemaSection.POST_DATA).stream()
                .filter(o -> o.kind() == ObjectKind.FOREIGN_KEY).findFirst().orElseThrow().member();
        String foreignKeyTable = steps.plan(spec).created(SchemaSection.POST_DATA).stream()
                .filter(o -> o.kind() == ObjectKind.FOREIGN_KEY).findFirst().orElseThrow().name().name();
        try (Connection pg = ConversionSource.postgres(target); Statement statement = pg.createStatement()) {
            statement.execute("ALTER TABLE shop.orders ALTER COLUMN total TYPE numeric(14,2)");
            statement.execute("ALTER TABLE shop.clients ALTER COLUMN active DROP DEFAULT");
            statement.execute("DROP INDEX shop.\"" + index + "\"");
            statement.execute("ALTER TABLE shop.\"" + foreignKeyTable + "\" DROP CONSTRAINT \"" + foreignKey + "\"");
        }

        // WHEN the whole schema is verified
        var failures = steps.verify(spec, SchemaSection.POST_DATA).verification().failures();

        // THEN each change is named; before the load only what pre-data creates counts
        assertThat(failures).hasSize(4);
        assertThat(String.join("\n", failures)).contains("column shop.orders.total", "numeric(12,2)", "numeric(14,2)",
                "column shop.clients.active", "index shop." + index, "foreign key shop." + foreignKeyTable + "." + foreignKey);
        assertThat(steps.verify(spec, SchemaSection.PRE_DATA).verification().failures()).hasSize(2);
    }

    @Test
    void schemaThatDoesNotConvert_stopsApply_butTheTriggerListStillWorks_forSchemaModeNone() throws Exception {
        // GIVEN the shop without the override its geometry column needs (no PostGIS type for it)
        String source = ConversionSource.create("unconvertible");
        String target = SharedPostgres.freshDatabase("unconvertible_target");
        ObjectNode json = specJson(source, target);
        json.remove("conversion");
        MigrationSpec spec = LocalSpecs.read(json);
        MySqlTargetSchema steps = new MySqlTargetSchema(LocalSecretsManager.connector());

        // THEN applying is refused, naming the column and the fix, and nothing is created on the target
        assertThatThrownBy(() -> steps.applyPreData(spec))
                .isInstanceOf(SchemaNotConvertibleException.class).hasMessageContaining("places")
                .hasMessageContaining("location");
        try (Connection pg = ConversionSource.postgres(target); Statement statement = pg.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = 'shop'")) {
            row.next();
            assertThat(row.getInt(1)).isZero();
        }
        // AND FinishTargetSchema's trigger list (which schema.mode none asks for too) does not need the conversion
        assertThat(steps.triggers(spec)).isEmpty();
    }

    /** The spec the workflow would get: the shop's mappings, MariaDB's and PostgreSQL's local superusers as secrets. */
    private static MigrationSpec spec(String source, String target) {
        return LocalSpecs.read(specJson(source, target));
    }

    private static ObjectNode specJson(String source, String target) {
        LocalMariaDb mariaDb = SharedMariaDb.server();
        LocalPostgres postgres = SharedPostgres.cluster();
        int n = SECRETS.incrementAndGet();
        String sourceSecret = LocalSecretsManager.put("dms-runbook/steps-maria-" + n, LocalMariaDb.ROOT, LocalMariaDb.PASSWORD, mariaDb.host(), mariaDb.port());
        String targetSecret = LocalSecretsManager.put("dms-runbook/steps-pg-" + n, LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD, postgres.host(), postgres.port());
        ObjectNode json = LocalSpecs.dms("mysql-steps", new LocalSpecs.Side("mariadb", mariaDb.host(), mariaDb.port(), source, sourceSecret),
                new LocalSpecs.Side("postgres", postgres.host(), postgres.port(), target, targetSecret), source);
        json.set("tableMappings", Json.tree(ConversionSource.renamingMappingsJson(source)));
        json.putObject("schema").put("mode", "apply");
        // The shop's geometry column has no PostgreSQL type without PostGIS: kept as bytes, as MySqlToPostgresIT does.
        var overrides = json.putObject("conversion").putArray("typeOverrides");
        overrides.addObject().put("table", source + ".places").put("column", "location").put("type", "bytea");
        overrides.addObject().put("sourceType", "year").put("type", "integer");
        return json;
    }
}
