package dmsrunbook.database.postgres;

import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.PreflightContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** What a PostgreSQL target's existing tables must not have: triggers that fire again on every replicated row. */
public final class PostgresTargetChecks {

    private static final String SIDE = "target";

    public List<CheckResult> run(Connection target, List<TableName> tables, PreflightContext context) throws SQLException {
        return List.of(triggers(target, tables, context));
    }

    /**
     * With schema.mode apply the target has no trigger yet: the schema step creates the source's after the full load,
     * while DMS's change writes still arrive. Those that would fire for them are named now, while the endpoint can
     * still be told to write as a replica.
     */
    public CheckResult triggersTheSchemaStepCreates(Connection source, List<TableName> sourceTables, PreflightContext context)
            throws SQLException {
        boolean replica = PostgresTargetTriggers.writesAsReplica(context.spec());
        List<String> firing = PostgresTargetTriggers.on(source, sourceTables).stream().filter(t -> t.fires(replica))
                .map(t -> new PostgresTargetTriggers.Trigger(context.spec().mappings().targetName(t.table()), t.name(), t.enabled()).describe())
                .toList();
        if (firing.isEmpty()) {
            return CheckResult.pass(SIDE, "triggers to be created", "no trigger the schema step creates fires for DMS's change writes");
        }
        return CheckResult.warn(SIDE, "triggers to be created", "the schema step creates " + String.join(", ", firing) + " after the full load; "
                        + "DMS's change writes until the cutover would fire them, applying their effects a second time",
                "add \"AfterConnectScript\": \"SET session_replication_role = replica\" to the target's dmsSettings");
    }

    /** Triggers that fire for the replicated rows apply their effects a second time (the source's already did). */
    private static CheckResult triggers(Connection target, List<TableName> tables, PreflightContext context) throws SQLException {
        boolean nativeEngine = !context.usesDms();
        boolean replica = PostgresTargetTriggers.writesAsReplica(context.spec());
        List<String> firing = PostgresTargetTriggers.on(target, tables).stream().filter(t -> t.fires(replica))
                .map(PostgresTargetTriggers.Trigger::describe).toList();
        if (firing.isEmpty()) {
            return CheckResult.pass(SIDE, "triggers", replica
                    ? "no trigger fires while " + (nativeEngine ? "the subscription" : "DMS") + " applies changes (session_replication_role = replica)"
                    : "no user trigger on the target tables");
        }
        return CheckResult.warn(SIDE, "triggers", "replicated writes would fire " + String.join(", ", firing)
                        + ", applying their effects a second time",
                nativeEngine ? "ALTER TABLE ... ENABLE TRIGGER (not ALWAYS) so apply workers skip them"
                        : "add \"AfterConnectScript\": \"SET session_replication_role = replica\" to the target's dmsSettings, "
                        + "or disable the triggers until cutover");
    }
}
