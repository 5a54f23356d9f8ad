package dmsrunbook.database.postgres;

import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.PreflightContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What a PostgreSQL target's existing tables must not have: triggers that fire again on every replicated row. */
public final class PostgresTargetChecks {

    private static final String SIDE = "target";

    public List<CheckResult> run(Connection target, List<TableName> tables, PreflightContext context) throws SQLException {
        return List.of(triggers(target, tables, !context.usesDms()));
    }

    /**
     * Triggers fire for DMS's inserts and updates, applying their effects twice. Native apply workers run as
     * replica, where only ENABLE ALWAYS triggers fire.
     */
    private static CheckResult triggers(Connection target, List<TableName> tables, boolean nativeEngine) throws SQLException {
        List<String> firing = new ArrayList<>();
        try (PreparedStatement statement = target.prepareStatement("""
                SELECT t.tgname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ? AND NOT t.tgisinternal AND t.tgenabled IN ('O', 'A')""")) {
            for (TableName table : tables) {
                statement.setString(1, table.schema());
                statement.setString(2, table.table());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        if (!nativeEngine || "A".equals(rows.getString(2))) {
                            firing.add(rows.getString(1) + " on " + table);
                        }
                    }
                }
            }
        }
        if (firing.isEmpty()) {
            return CheckResult.pass(SIDE, "triggers", nativeEngine
                    ? "no trigger fires while the subscription applies changes (session_replication_role = replica)"
                    : "no user trigger on the target tables");
        }
        return CheckResult.warn(SIDE, "triggers", "replicated writes would fire " + String.join(", ", firing)
                        + ", applying their effects a second time",
                nativeEngine ? "ALTER TABLE ... ENABLE TRIGGER (not ALWAYS) so apply workers skip them"
                        : "add \"AfterConnectScript\": \"SET session_replication_role = replica\" to the target's dmsSettings, "
                        + "or disable the triggers until cutover");
    }
}
