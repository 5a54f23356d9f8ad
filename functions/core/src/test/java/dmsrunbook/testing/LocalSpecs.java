package dmsrunbook.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.internal.Json;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;

/**
 * Migration specs for databases on this machine: DMS, full load + CDC, every table of one schema, no SSL (the local
 * servers have none). Tests change the returned JSON the way a user would edit a spec, then {@link #read} it.
 */
public final class LocalSpecs {

    private LocalSpecs() {
    }

    /** One side of the migration: the engine as DMS names it, where the database is, and its secret. */
    public record Side(String engine, String host, int port, String database, String secretArn) {
    }

    public static ObjectNode dms(String migrationId, Side source, Side target, String schema) {
        ObjectNode spec = Json.MAPPER.createObjectNode().put("migrationId", migrationId).put("engine", "dms")
                .put("migrationType", "full-load-and-cdc");
        spec.set("source", endpoint(source));
        spec.set("target", endpoint(target));
        ObjectNode rule = spec.putObject("tableMappings").putArray("rules").addObject()
                .put("rule-type", "selection").put("rule-id", "1").put("rule-name", "all").put("rule-action", "include");
        rule.putObject("object-locator").put("schema-name", schema).put("table-name", "%");
        spec.putObject("dms").put("replicationInstanceArn", "arn:aws:dms:us-east-1:123456789012:rep:local")
                .put("secretsAccessRoleArn", "arn:aws:iam::123456789012:role/dms-runbook-secrets-access");
        return spec;
    }

    /** The same migration with PostgreSQL's logical replication instead of DMS. */
    public static ObjectNode postgresNative(String migrationId, Side source, Side target) {
        ObjectNode spec = dms(migrationId, source, target, "public");
        spec.put("engine", "postgres-native");
        spec.remove("dms");
        return spec;
    }

    /** The spec's {@code dms.taskSettings}, created empty when absent. */
    public static ObjectNode taskSettings(ObjectNode spec) {
        ObjectNode dms = (ObjectNode) spec.get("dms");
        return dms.has("taskSettings") ? (ObjectNode) dms.get("taskSettings") : dms.putObject("taskSettings");
    }

    public static MigrationSpec read(ObjectNode spec) {
        return SpecReader.read(spec);
    }

    /** A secret ARN for checks that never read it. */
    public static String unreadSecret(String name) {
        return "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/" + name;
    }

    private static ObjectNode endpoint(Side side) {
        return Json.MAPPER.createObjectNode().put("engine", side.engine()).put("host", side.host()).put("port", side.port())
                .put("database", side.database()).put("sslMode", "none").put("secretArn", side.secretArn());
    }
}
