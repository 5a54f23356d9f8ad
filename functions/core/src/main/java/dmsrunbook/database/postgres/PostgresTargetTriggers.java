package dmsrunbook.database.postgres;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.SqlDialect;
import dmsrunbook.error.Failures;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.ReplicationEngineKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The user triggers on a PostgreSQL target's tables, and which of them fire for the rows replication writes there:
 * the one place that knows, for the preflight (triggers already there) and the schema phases (triggers they created).
 *
 * <p>Native apply workers run as {@code session_replication_role = replica}, where only ENABLE ALWAYS triggers fire.
 * DMS writes as an ordinary session, where enabled and ALWAYS triggers fire, unless the target endpoint's
 * {@code AfterConnectScript} sets the session to replica too.
 */
public final class PostgresTargetTriggers {

    private PostgresTargetTriggers() {
    }

    /** A trigger on a table; {@code enabled} is pg_trigger's tgenabled ('O' origin, 'D' disabled, 'R' replica, 'A' always). */
    public record Trigger(TableName table, String name, char enabled) {

        /** Whether the trigger runs for rows written in a session of that replication role. */
        public boolean fires(boolean replicaSession) {
            return replicaSession ? enabled == 'A' || enabled == 'R' : enabled == 'O' || enabled == 'A';
        }

        /** E.g. {@code orders_touch on shop.orders}. */
        public String describe() {
            return name + " on " + table;
        }
    }

    /**
     * The triggers on the target's tables that the spec's mappings select on the source ({@code sourceDialect} lists
     * the source's tables), each described with whether it fires for replicated rows.
     */
    public static List<String> onSelectedTables(MigrationSpec spec, DatabaseConnector connector, SqlDialect sourceDialect) {
        List<TableName> tables;
        try (Connection source = connector.connect(spec.source())) {
            tables = spec.mappings().select(sourceDialect.listTables(source)).stream().map(spec.mappings()::targetName).toList();
        } catch (SQLException e) {
            throw Failures.ofSql("Listing the selected tables", spec.source().describe(), e);
        }
        boolean replica = writesAsReplica(spec);
        try (Connection target = connector.connect(spec.target())) {
            return on(target, tables).stream().map(trigger -> trigger.describe() + (trigger.fires(replica)
                    ? " (fires for replicated rows)" : " (does not fire for replicated rows)")).toList();
        } catch (SQLException e) {
            throw Failures.ofSql("Listing the target's triggers", spec.target().describe(), e);
        }
    }

    /** The user (not internal) triggers of {@code tables}, by table and name. */
    public static List<Trigger> on(Connection target, Collection<TableName> tables) throws SQLException {
        List<Trigger> triggers = new ArrayList<>();
        try (PreparedStatement statement = target.prepareStatement("""
                SELECT t.tgname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ? AND NOT t.tgisinternal AND t.tgparentid = 0 ORDER BY 1""")) {
            for (TableName table : tables.stream().sorted().toList()) {
                statement.setString(1, table.schema());
                statement.setString(2, table.table());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        triggers.add(new Trigger(table, rows.getString(1), rows.getString(2).charAt(0)));
                    }
                }
            }
        }
        return triggers;
    }

    /** Whether the engine writes the target's rows in a replica session (where ordinary triggers do not fire). */
    public static boolean writesAsReplica(MigrationSpec spec) {
        if (spec.engine() == ReplicationEngineKind.POSTGRES_NATIVE) {
            return true;
        }
        String script = spec.target().dmsSettings() == null ? "" : spec.target().dmsSettings().path("AfterConnectScript").asText("");
        String normalised = script.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return normalised.matches(".*session_replication_role ?(=|to) ?'?replica'?.*");
    }
}
