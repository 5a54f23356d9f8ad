package dmsrunbook.rehearsal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.deploy.LocalSecrets;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalPostgres;

/**
 * The migration spec of a local rehearsal: the public schema of a source cluster to a target cluster whose schema the
 * workflow creates ({@code schema.mode apply}), credentials in the emulated Secrets Manager, short polls and thresholds
 * so it finishes in minutes, and the cash-flow example's business invariants (the balance view, and no transaction
 * without its category) for the data validation.
 */
public final class RehearsalSpec {

    private RehearsalSpec() {
    }

    /** {@code engine}: "postgres-native" or "dms"; {@code cutover}: "approval" or "auto". */
    public static String of(LocalRunbook runbook, String migrationId, String engine, LocalPostgres source, LocalPostgres target,
                            String database, String cutover) {
        ObjectNode spec = Json.MAPPER.createObjectNode()
                .put("migrationId", migrationId)
                .put("description", "Local rehearsal of the cash-flow migration")
                .put("engine", engine)
                .put("migrationType", "full-load-and-cdc");
        spec.set("source", endpoint(runbook, migrationId + "-source", "postgres", source, database));
        spec.set("target", endpoint(runbook, migrationId + "-target", "aurora-postgresql", target, database));
        spec.set("tableMappings", Json.tree("""
                {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "include-all-tables",
                  "object-locator": {"schema-name": "public", "table-name": "%"}, "rule-action": "include"}]}"""));
        if (engine.equals("dms")) {
            spec.set("dms", Json.tree("""
                    {"replicationInstanceArn": "%s",
                     "secretsAccessRoleArn": "arn:aws:iam::123456789012:role/dms-runbook-secrets-access"}"""
                    .formatted(runbook.replicationInstanceArn())));
        }
        spec.set("thresholds", Json.tree("""
                {"cdcLatencySeconds": 5, "stableForSeconds": 4, "pollIntervalSeconds": 1, "maxWaitSeconds": 1800}"""));
        // A restarted database is polled again every 2 s, for up to 30 s (a rehearsal's restarts take about 5 s).
        spec.set("faults", Json.tree("{\"retryWindowSeconds\": 30, \"retryIntervalSeconds\": 2}"));
        spec.set("cutover", Json.tree("{\"policy\": \"" + cutover + "\", \"approvalTimeoutSeconds\": 600}"));
        // The workflow creates the target's schema: pre-data before replication starts, post-data once it is in sync.
        spec.set("schema", Json.tree("{\"mode\": \"apply\"}"));
        spec.set("validation", Json.tree("""
                {"queries": [
                  {"name": "balance per user (vw_saldo_atual)", "sql": "SELECT usuario_id, nome, saldo FROM vw_saldo_atual"},
                  {"name": "transactions whose category does not exist", "expected": 0,
                   "sql": "SELECT count(*) FROM transacoes t WHERE t.categoria_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM categorias c WHERE c.id = t.categoria_id)"}
                ]}"""));
        return Json.write(spec);
    }

    private static ObjectNode endpoint(LocalRunbook runbook, String secretName, String engine, LocalPostgres cluster, String database) {
        String secretArn = LocalSecrets.put(runbook.aws(), "dms-runbook/" + secretName, LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                cluster.host(), cluster.port());
        return Json.MAPPER.createObjectNode().put("engine", engine).put("host", cluster.host()).put("port", cluster.port())
                .put("database", database).put("sslMode", "none").put("secretArn", secretArn);
    }
}
