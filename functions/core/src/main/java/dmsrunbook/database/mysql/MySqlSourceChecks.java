package dmsrunbook.database.mysql;

import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.LobSizeCheck;
import dmsrunbook.preflight.PreflightContext;
import dmsrunbook.preflight.SourceChecks;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a MySQL or MariaDB source must have for DMS to capture its changes from the binary log: row-based binlog
 * with full row images, kept long enough, and a user with the replication grants (DMS user guide, MySQL source).
 */
public final class MySqlSourceChecks implements SourceChecks {

    private static final String SIDE = "source";
    private static final long MIN_RETENTION_SECONDS = 24 * 3600;

    private final LobSizeCheck lobSizes;

    public MySqlSourceChecks(int lobScanTimeoutSeconds) {
        // Columns DMS moves as LOBs: the TEXT and BLOB families (not TINY*) and JSON.
        this.lobSizes = new LobSizeCheck("""
                SELECT table_schema, table_name, column_name FROM information_schema.columns
                WHERE data_type IN ('text', 'mediumtext', 'longtext', 'blob', 'mediumblob', 'longblob', 'json')
                ORDER BY table_schema, table_name, ordinal_position""",
                column -> "max(length(" + column + "))", new MySqlDialect(),
                // 1317: query execution was interrupted (MariaDB); 3024: maximum statement execution time exceeded (MySQL).
                e -> e instanceof SQLTimeoutException || e.getErrorCode() == 1317 || e.getErrorCode() == 3024, lobScanTimeoutSeconds);
    }

    @Override
    public List<CheckResult> run(Connection source, PreflightContext context) throws SQLException {
        Map<String, String> variables = variables(source);
        List<CheckResult> results = new ArrayList<>();
        results.add(CheckResult.pass(SIDE, "version", variables.getOrDefault("version_comment", "MySQL") + " " + variables.get("version")));
        if (context.selectedTables().isEmpty()) {
            results.add(CheckResult.fail(SIDE, "tables selected", "the table mappings select no table of the source",
                    "for MySQL sources schema-name is the database name; check the selection rules"));
        } else {
            results.add(CheckResult.pass(SIDE, "tables selected", context.selectedTables().size() + " tables: "
                    + context.selectedTables().stream().map(TableName::toString).collect(Collectors.joining(", "))));
        }
        if (context.capturesChanges()) {
            results.add(expect(variables, "log_bin", "ON", "the binary log is off, so there are no changes to capture",
                    "self-managed: set log_bin and server_id in my.cnf and restart; RDS/Aurora: turn on automated backups (retention > 0)"));
            results.add(expect(variables, "binlog_format", "ROW", "DMS reads row-based events only",
                    "SET GLOBAL binlog_format = 'ROW' (and in my.cnf); RDS/Aurora: binlog_format = ROW in the parameter group"));
            results.add(expect(variables, "binlog_row_image", "FULL", "DMS needs the whole row in every event",
                    "SET GLOBAL binlog_row_image = 'FULL' (and in my.cnf); RDS/Aurora: binlog_row_image = FULL in the parameter group"));
            results.add(retention(source, variables));
            results.add(replicationGrants(source, context.sourceUser()));
            results.add(primaryKeys(source, context));
        }
        results.add(selectPrivilege(source, context));
        results.add(new MySqlHiddenTables().run(source, context));
        results.add(lobSizes.run(source, context));
        results.add(ssl(source));
        return results;
    }

    private static CheckResult expect(Map<String, String> variables, String name, String wanted, String why, String fix) {
        String actual = variables.getOrDefault(name, "(unset)");
        if (wanted.equalsIgnoreCase(actual)) {
            return CheckResult.pass(SIDE, name, actual);
        }
        return CheckResult.fail(SIDE, name, "is " + actual + "; " + why, fix);
    }

    private static CheckResult retention(Connection source, Map<String, String> variables) {
        Long rdsHours = rdsRetentionHours(source);
        if (rdsHours != null) {
            return rdsHours * 3600 >= MIN_RETENTION_SECONDS
                    ? CheckResult.pass(SIDE, "binlog retention", rdsHours + " h (RDS)")
                    : CheckResult.warn(SIDE, "binlog retention", (rdsHours == 0 ? "RDS default (purged as soon as possible)" : rdsHours + " h")
                            + "; a task that stops for longer loses its position", "CALL mysql.rds_set_configuration('binlog retention hours', 24);");
        }
        long seconds = Long.parseLong(variables.getOrDefault("binlog_expire_logs_seconds", "0"));
        if (seconds == 0) {
            seconds = Long.parseLong(variables.getOrDefault("expire_logs_days", "0").replaceAll("\\..*", "")) * 86_400;
        }
        if (seconds == 0) {
            return CheckResult.pass(SIDE, "binlog retention", "binary logs never expire (watch the disk)");
        }
        if (seconds < MIN_RETENTION_SECONDS) {
            return CheckResult.warn(SIDE, "binlog retention", "binary logs expire after " + seconds / 3600 + " h; a task stopped longer cannot resume",
                    "SET GLOBAL binlog_expire_logs_seconds = 86400 (or more)");
        }
        return CheckResult.pass(SIDE, "binlog retention", seconds / 3600 + " h");
    }

    private static Long rdsRetentionHours(Connection source) {
        try (Statement statement = source.createStatement();
             ResultSet row = statement.executeQuery("SELECT value FROM mysql.rds_configuration WHERE name = 'binlog retention hours'")) {
            if (row.next()) {
                String value = row.getString(1);
                return value == null || value.equalsIgnoreCase("NULL") ? 0L : Long.parseLong(value.trim());
            }
        } catch (SQLException | NumberFormatException e) {
            // Not RDS (no such table or no access): the server variables tell instead.
        }
        return null;
    }

    private static CheckResult replicationGrants(Connection source, String user) throws SQLException {
        StringBuilder grants = new StringBuilder();
        try (Statement statement = source.createStatement(); ResultSet rows = statement.executeQuery("SHOW GRANTS FOR CURRENT_USER()")) {
            while (rows.next()) {
                grants.append(rows.getString(1).toUpperCase(Locale.ROOT)).append('\n');
            }
        }
        String all = grants.toString();
        boolean everything = all.contains("GRANT ALL PRIVILEGES ON *.*");
        // MariaDB 10.5+ spells REPLICATION CLIENT as BINLOG MONITOR and REPLICATION SLAVE also as REPLICATION REPLICA.
        boolean client = everything || all.contains("REPLICATION CLIENT") || all.contains("BINLOG MONITOR") || all.contains("SUPER");
        boolean replica = everything || all.contains("REPLICATION SLAVE") || all.contains("REPLICATION REPLICA");
        if (client && replica) {
            return CheckResult.pass(SIDE, "replication grants", user + " has REPLICATION CLIENT and REPLICATION SLAVE");
        }
        List<String> missing = new ArrayList<>();
        if (!client) {
            missing.add("REPLICATION CLIENT");
        }
        if (!replica) {
            missing.add("REPLICATION SLAVE");
        }
        return CheckResult.fail(SIDE, "replication grants", user + " lacks " + String.join(" and ", missing),
                "GRANT " + String.join(", ", missing) + " ON *.* TO '" + user + "'@'%';");
    }

    private static CheckResult primaryKeys(Connection source, PreflightContext context) throws SQLException {
        List<String> missing = new ArrayList<>();
        // information_schema.statistics, not table_constraints: MariaDB shows a user with only SELECT (what DMS needs)
        // no constraints at all, which made every table look keyless.
        try (Statement statement = source.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT t.table_schema, t.table_name FROM information_schema.tables t
                WHERE t.table_type = 'BASE TABLE' AND NOT EXISTS (
                  SELECT 1 FROM information_schema.statistics s
                  WHERE s.table_schema = t.table_schema AND s.table_name = t.table_name AND s.index_name = 'PRIMARY')""")) {
            while (rows.next()) {
                TableName table = new TableName(rows.getString(1), rows.getString(2));
                if (context.selects(table)) {
                    missing.add(table.quoted('`'));
                }
            }
        }
        if (missing.isEmpty()) {
            return CheckResult.pass(SIDE, "primary keys", "every selected table has one");
        }
        return CheckResult.fail(SIDE, "primary keys", "no primary key on " + String.join(", ", missing)
                        + ": DMS cannot apply their UPDATEs and DELETEs reliably",
                missing.stream().map(t -> "ALTER TABLE " + t + " ADD PRIMARY KEY (<unique columns>);").collect(Collectors.joining(" ")));
    }

    private static CheckResult selectPrivilege(Connection source, PreflightContext context) throws SQLException {
        List<String> unreadable = new ArrayList<>();
        for (TableName table : context.selectedTables()) {
            try (Statement statement = source.createStatement()) {
                statement.executeQuery("SELECT 1 FROM " + table.quoted('`') + " LIMIT 0").close();
            } catch (SQLException e) {
                if (e.getErrorCode() != 1142) {
                    throw e;
                }
                unreadable.add(table.quoted('`'));
            }
        }
        if (unreadable.isEmpty()) {
            return CheckResult.pass(SIDE, "select privilege", "the user can read every selected table");
        }
        return CheckResult.fail(SIDE, "select privilege", context.sourceUser() + " cannot read " + String.join(", ", unreadable),
                unreadable.stream().map(t -> "GRANT SELECT ON " + t + " TO '" + context.sourceUser() + "'@'%';").collect(Collectors.joining(" ")));
    }

    private static CheckResult ssl(Connection source) throws SQLException {
        try (Statement statement = source.createStatement(); ResultSet row = statement.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) {
            if (row.next() && row.getString(2) != null && !row.getString(2).isBlank()) {
                return CheckResult.pass(SIDE, "ssl", "the connection is encrypted (" + row.getString(2) + ")");
            }
        }
        return CheckResult.warn(SIDE, "ssl", "the connection is not encrypted", "enable TLS on the server and set sslMode \"require\" or stricter");
    }

    private static Map<String, String> variables(Connection source) throws SQLException {
        Map<String, String> variables = new LinkedHashMap<>();
        try (Statement statement = source.createStatement(); ResultSet rows = statement.executeQuery("""
                SHOW GLOBAL VARIABLES WHERE Variable_name IN ('version', 'version_comment', 'log_bin', 'binlog_format',
                  'binlog_row_image', 'binlog_expire_logs_seconds', 'expire_logs_days')""")) {
            while (rows.next()) {
                variables.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
            }
        }
        return variables;
    }
}
