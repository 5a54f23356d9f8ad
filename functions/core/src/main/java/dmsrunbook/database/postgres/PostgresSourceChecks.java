package dmsrunbook.database.postgres;

import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.ByteSizes;
import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.LobSizeCheck;
import dmsrunbook.preflight.PreflightContext;
import dmsrunbook.preflight.SourceChecks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a PostgreSQL source must have for DMS (or native logical replication) to copy it and capture its changes:
 * the rules of the DMS user guide's PostgreSQL-source chapter, each with the fix an engineer would apply.
 */
public final class PostgresSourceChecks implements SourceChecks {

    private static final String SIDE = "source";
    /** DMS fails a task below 10 s; above 5 min a Multi-AZ failover of the replication instance is delayed. */
    private static final int MIN_WAL_SENDER_TIMEOUT_MS = 10_000;
    private static final int MAX_WAL_SENDER_TIMEOUT_MS = 300_000;
    private static final long RETAINED_WAL_WARN_BYTES = 1L << 30;

    private final LobSizeCheck lobSizes;

    public PostgresSourceChecks(int lobScanTimeoutSeconds) {
        // Columns DMS moves as LOBs: text, bytea, json, jsonb, xml, unbounded varchar, arrays, user-defined types.
        this.lobSizes = new LobSizeCheck("""
                SELECT table_schema, table_name, column_name FROM information_schema.columns
                WHERE data_type IN ('text', 'bytea', 'json', 'jsonb', 'xml', 'ARRAY', 'USER-DEFINED')
                   OR (data_type = 'character varying' AND character_maximum_length IS NULL)
                ORDER BY table_schema, table_name, ordinal_position""",
                column -> "max(octet_length(" + column + "::text))", new PostgresDialect(),
                // 57014: canceled by statement timeout.
                e -> e instanceof SQLTimeoutException || "57014".equals(e.getSQLState()), lobScanTimeoutSeconds);
    }

    @Override
    public List<CheckResult> run(Connection source, PreflightContext context) throws SQLException {
        List<CheckResult> results = new ArrayList<>();
        results.add(version(source));
        results.add(tablesSelected(context));
        if (context.capturesChanges()) {
            results.add(walLevel(source));
            results.add(capacity(source, "max_replication_slots", "SELECT count(*) FROM pg_replication_slots", context.resuming()));
            results.add(capacity(source, "max_wal_senders", "SELECT count(*) FROM pg_stat_replication", context.resuming()));
            results.add(walSenderTimeout(source, context));
            results.add(replicationPrivilege(source, context.sourceUser()));
            results.add(primaryKeys(source, context));
            results.addAll(inactiveSlots(source));
        }
        results.add(selectPrivilege(source, context));
        results.add(lobSizes.run(source, context));
        results.add(ssl(source));
        return results;
    }

    private CheckResult version(Connection source) throws SQLException {
        return CheckResult.pass(SIDE, "version", "PostgreSQL " + text(source, "SHOW server_version"));
    }

    private CheckResult tablesSelected(PreflightContext context) {
        if (context.selectedTables().isEmpty()) {
            return CheckResult.fail(SIDE, "tables selected", "the table mappings select no table of the source database",
                    "check the selection rules' schema-name and table-name (names are case-sensitive; % is the wildcard)");
        }
        return CheckResult.pass(SIDE, "tables selected", context.selectedTables().size() + " tables: "
                + context.selectedTables().stream().map(TableName::toString).collect(Collectors.joining(", ")));
    }

    private CheckResult walLevel(Connection source) throws SQLException {
        String level = text(source, "SHOW wal_level");
        if ("logical".equals(level)) {
            return CheckResult.pass(SIDE, "wal_level", "logical");
        }
        return CheckResult.fail(SIDE, "wal_level", "is " + level + "; change data capture needs logical decoding",
                "self-managed: ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL. "
                        + "RDS/Aurora: set rds.logical_replication = 1 in the DB parameter group and reboot");
    }

    /**
     * Slots and WAL senders: every running replication plus this migration's (already among them when resuming),
     * and one spare for a reconnect.
     */
    private CheckResult capacity(Connection source, String setting, String inUseQuery, boolean resuming) throws SQLException {
        int max = Integer.parseInt(text(source, "SHOW " + setting));
        int inUse = Integer.parseInt(text(source, inUseQuery));
        int needed = resuming ? Math.max(inUse, 1) : inUse + 1;
        String detail = setting + " = " + max + ", " + inUse + " in use" + (resuming ? " (this migration's among them)" : ", this migration needs 1 more");
        String fix = "set " + setting + " to at least " + (needed + 1) + " (ALTER SYSTEM SET " + setting + " = " + (needed + 1)
                + "; restart; on RDS change the parameter group)";
        if (max < needed) {
            return CheckResult.fail(SIDE, setting, detail, fix);
        }
        if (max < needed + 1) {
            return CheckResult.warn(SIDE, setting, detail + ", leaving no spare for a reconnecting task", fix);
        }
        return CheckResult.pass(SIDE, setting, detail);
    }

    private CheckResult walSenderTimeout(Connection source, PreflightContext context) throws SQLException {
        int millis = intSetting(source, "wal_sender_timeout");
        String detail = "wal_sender_timeout = " + millis + " ms";
        if (millis == 0) {
            return CheckResult.pass(SIDE, "wal_sender_timeout", detail + " (disabled)");
        }
        if (context.usesDms() && millis < MIN_WAL_SENDER_TIMEOUT_MS) {
            return CheckResult.fail(SIDE, "wal_sender_timeout", detail + "; DMS fails with a non-zero value under 10000 ms",
                    "set wal_sender_timeout to 0 or between 10000 and 300000 ms");
        }
        if (millis > MAX_WAL_SENDER_TIMEOUT_MS) {
            return CheckResult.warn(SIDE, "wal_sender_timeout", detail + "; over 5 minutes delays a Multi-AZ failover of the replication instance",
                    "set wal_sender_timeout between 10000 and 300000 ms");
        }
        return CheckResult.pass(SIDE, "wal_sender_timeout", detail);
    }

    private CheckResult replicationPrivilege(Connection source, String user) throws SQLException {
        try (PreparedStatement statement = source.prepareStatement("""
                SELECT r.rolsuper, r.rolreplication,
                       EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = 'rds_replication' AND pg_has_role(r.oid, g.oid, 'member'))
                FROM pg_roles r WHERE r.rolname = current_user""");
             ResultSet row = statement.executeQuery()) {
            row.next();
            if (row.getBoolean(1)) {
                return CheckResult.pass(SIDE, "replication privilege", user + " is a superuser");
            }
            if (row.getBoolean(3)) {
                return CheckResult.pass(SIDE, "replication privilege", user + " has rds_replication");
            }
            if (row.getBoolean(2)) {
                return CheckResult.pass(SIDE, "replication privilege", user + " has the REPLICATION attribute");
            }
        }
        return CheckResult.fail(SIDE, "replication privilege", user + " can neither create replication slots nor read the WAL",
                "self-managed: ALTER ROLE " + user + " WITH REPLICATION; RDS/Aurora: GRANT rds_replication TO " + user);
    }

    private CheckResult primaryKeys(Connection source, PreflightContext context) throws SQLException {
        List<String> withoutIdentity = new ArrayList<>();
        List<String> identityFull = new ArrayList<>();
        try (Statement statement = source.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT n.nspname, c.relname, c.relreplident
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p')
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')""")) {
            while (rows.next()) {
                TableName table = new TableName(rows.getString(1), rows.getString(2));
                if (!context.selects(table)) {
                    continue;
                }
                String identity = rows.getString(3);
                if ("f".equals(identity) || "i".equals(identity)) {
                    identityFull.add(table.toString());
                } else {
                    withoutIdentity.add(table.quoted('"'));
                }
            }
        }
        if (!withoutIdentity.isEmpty()) {
            return CheckResult.fail(SIDE, "primary keys", "no primary key on " + String.join(", ", withoutIdentity)
                            + ": their UPDATEs and DELETEs would not be captured",
                    "add a primary key, or " + withoutIdentity.stream().map(t -> "ALTER TABLE " + t + " REPLICA IDENTITY FULL;")
                            .collect(Collectors.joining(" ")));
        }
        if (!identityFull.isEmpty()) {
            return CheckResult.warn(SIDE, "primary keys", "no primary key on " + String.join(", ", identityFull)
                            + " (captured through REPLICA IDENTITY FULL or an index: slower, and DMS cannot validate them)",
                    "add primary keys where you can");
        }
        return CheckResult.pass(SIDE, "primary keys", "every selected table has one");
    }

    private List<CheckResult> inactiveSlots(Connection source) throws SQLException {
        List<CheckResult> results = new ArrayList<>();
        try (Statement statement = source.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT slot_name, slot_type, COALESCE(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint
                FROM pg_replication_slots WHERE NOT active ORDER BY 3 DESC""")) {
            while (rows.next()) {
                String slot = rows.getString(1);
                long retained = rows.getLong(3);
                String detail = "inactive " + rows.getString(2) + " slot " + slot + " retains " + ByteSizes.readable(retained) + " of WAL";
                String fix = "if nothing uses it any more: SELECT pg_drop_replication_slot('" + slot + "');";
                results.add(CheckResult.warn(SIDE, "replication slots", detail + (retained >= RETAINED_WAL_WARN_BYTES
                        ? ", and it grows until the disk fills" : ""), fix));
            }
        }
        if (results.isEmpty()) {
            results.add(CheckResult.pass(SIDE, "replication slots", "no inactive slot retains WAL"));
        }
        return results;
    }

    private CheckResult selectPrivilege(Connection source, PreflightContext context) throws SQLException {
        List<String> unreadable = new ArrayList<>();
        try (PreparedStatement statement = source.prepareStatement("SELECT has_table_privilege(?, 'SELECT')")) {
            for (TableName table : context.selectedTables()) {
                statement.setString(1, table.quoted('"'));
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    if (!row.getBoolean(1)) {
                        unreadable.add(table.quoted('"'));
                    }
                }
            }
        }
        if (unreadable.isEmpty()) {
            return CheckResult.pass(SIDE, "select privilege", "the user can read every selected table");
        }
        return CheckResult.fail(SIDE, "select privilege", context.sourceUser() + " cannot read " + String.join(", ", unreadable),
                "GRANT SELECT ON " + String.join(", ", unreadable) + " TO " + context.sourceUser() + ";");
    }

    private CheckResult ssl(Connection source) throws SQLException {
        String inUse = text(source, "SELECT COALESCE((SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()), 'false')");
        if ("true".equals(inUse)) {
            return CheckResult.pass(SIDE, "ssl", "the connection is encrypted");
        }
        return CheckResult.warn(SIDE, "ssl", "the connection is not encrypted", "enable SSL on the server and set sslMode \"require\" or stricter");
    }

    private static int intSetting(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT setting::int FROM pg_settings WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
