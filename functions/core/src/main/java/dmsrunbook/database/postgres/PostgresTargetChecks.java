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
