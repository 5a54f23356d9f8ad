package dmsrunbook.database.postgres;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.schema.SchemaPlan;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.schema.SchemaSelection;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.testing.LocalSecretsManager;
import dmsrunbook.testing.LocalSpecs;
import dmsrunbook.testing.RichSourceSchema;
import dmsrunbook.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The test schema of {@code schema/rich-source.sql} (partitions, domains, enums, standalone sequences, odd names ...)
 * loaded into fresh databases of the shared cluster, and targets prepared from it the way the runbook prepares one:
 * pre-data, then the rows, then post-data.
 */
final class RichSchema {

    /** The application's schemas: {@code shop} and one whose name holds a dot, a quote and capitals. */
    static final String ODD_SCHEMA = RichSourceSchema.ODD_SCHEMA;
    static final SchemaSelection SELECTION = SchemaSelection.sameNames(RichSourceSchema.SCHEMAS);

    private RichSchema() {
    }

    /** A source and a target database (names on the shared cluster). */
    record Pair(String source, String target) {
    }

    /** A fresh database holding the rich schema and its rows, loaded by psql as an application's DBA would. */
    static String source(String purpose) {
        String database = SharedPostgres.freshDatabase(purpose + "_source");
        RichSourceSchema.load(SharedPostgres.cluster(), database);
        return database;
    }

    /** A source and a target holding its pre-data part and its rows, with the plan that made it (post-data to come). */
    record Loaded(String source, String target, SchemaPlan plan) {
    }

    /** A source, and a target prepared from it: pre-data, the rows copied table by table, post-data. */
    static Pair migrated(String purpose) throws SQLException {
        Loaded loaded = loaded(purpose, false);
        try (Connection target = connect(loaded.target())) {
            PostgresTargetSchema.apply(target, loaded.plan(), SchemaSection.POST_DATA);
        }
        return new Pair(loaded.source(), loaded.target());
    }

    /** A source, and a target with the plan's pre-data part and the rows copied table by table; {@code keysAfterData} as the native engine plans. */
    static Loaded loaded(String purpose, boolean keysAfterData) throws SQLException {
        String sourceDatabase = source(purpose);
        String targetDatabase = SharedPostgres.freshDatabase(purpose + "_target");
        try (Connection source = connect(sourceDatabase); Connection target = connect(targetDatabase)) {
            SchemaPlan plan = PostgresTargetSchema.plan(source, SELECTION, keysAfterData);
            PostgresTargetSchema.apply(target, plan, SchemaSection.PRE_DATA);
            TableCopy.copy(source, target, SELECTION.sourceSchemas());
            return new Loaded(sourceDatabase, targetDatabase, plan);
        }
    }

    /**
     * A native-engine spec between the two databases selecting the rich schemas, read as the workflow reads it;
     * {@code renameShopTo} adds a transformation rule renaming the shop schema on the target.
     */
    static MigrationSpec spec(Pair pair, String renameShopTo) {
        LocalPostgres cluster = SharedPostgres.cluster();
        String secret = LocalSecretsManager.put("dms-runbook/rich-schema", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                cluster.host(), cluster.port());
        ObjectNode json = LocalSpecs.postgresNative("rich-schema",
                new LocalSpecs.Side("postgres", cluster.host(), cluster.port(), pair.source(), secret),
                new LocalSpecs.Side("aurora-postgresql", cluster.host(), cluster.port(), pair.target(), secret));
        ArrayNode rules = (ArrayNode) json.get("tableMappings").get("rules");
        rules.removeAll();
        for (String schema : SELECTION.sourceSchemas()) {
            ObjectNode rule = rules.addObject().put("rule-type", "selection").put("rule-id", String.valueOf(rules.size()))
                    .put("rule-name", "schema " + rules.size()).put("rule-action", "include");
            rule.putObject("object-locator").put("schema-name", schema).put("table-name", "%");
        }
        if (renameShopTo != null) {
            ObjectNode rule = rules.addObject().put("rule-type", "transformation").put("rule-id", String.valueOf(rules.size()))
                    .put("rule-name", "rename").put("rule-target", "schema").put("rule-action", "rename").put("value", renameShopTo);
            rule.putObject("object-locator").put("schema-name", "shop");
        }
        return LocalSpecs.read(json);
    }

    static Connection connect(String database) throws SQLException {
        return SharedPostgres.cluster().connect(database);
    }
}
