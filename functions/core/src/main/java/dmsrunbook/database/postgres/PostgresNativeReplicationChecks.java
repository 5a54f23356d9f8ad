package dmsrunbook.database.postgres;

import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.PreflightContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What native logical replication needs beyond a CDC-ready source: the source user may publish the tables and create
 * the migration's replication role, the target user may subscribe, the target has enough replication workers, and
 * every selected table exists on the target with the same columns (logical replication copies rows, not DDL: the
 * schema is applied first).
 */
public final class PostgresNativeReplicationChecks {

    public List<CheckResult> run(Connection source, Connection target, PreflightContext context) throws SQLException {
        List<CheckResult> results = new ArrayList<>();
        results.add(canPublish(source, context));
        results.add(canCreateReplicationRole(source, context));
        results.add(canSubscribe(target));
        results.add(workers(target, context.selectedTables().size()));
        results.add(sameColumns(source, target, context));
        return results;
    }

    private static CheckResult canPublish(Connection source, PreflightContext context) throws SQLException {
        if (isSuperuserOr(source, "rds_superuser")) {
            return CheckResult.pass("source", "publication privilege", "the user may create the publication");
        }
        List<String> notOwned = new ArrayList<>();
        try (PreparedStatement statement = source.prepareStatement(
                "SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c WHERE c.oid = ?::regclass")) {
            for (TableName table : context.selectedTables()) {
                statement.setString(1, table.quoted('"'));
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next() && !row.getBoolean(1)) {
                        notOwned.add(table.toString());
                    }
                }
            }
        }
        if (notOwned.isEmpty()) {
            return CheckResult.pass("source", "publication privilege", "the user owns every selected table");
        }
        return CheckResult.fail("source", "publication privilege", "a publication needs the tables' owner; the user does not own "
                + String.join(", ", notOwned), "run the migration as the tables' owner, or as rds_superuser / a superuser");
    }

    /**
     * The subscription logs in to the source as a role made for the migration ({@link PostgresReplicationRole}): the
     * user must be able to create it with replication rights and to grant it SELECT on every selected table.
     */
    private static CheckResult canCreateReplicationRole(Connection source, PreflightContext context) throws SQLException {
        String check = "replication role";
        String why = "the subscription logs in to the source as a role made for this migration, so that the source user's "
                + "own password never reaches the target";
        boolean superuser;
        boolean createRole;
        boolean replication;
        int version;
        try (PreparedStatement statement = source.prepareStatement(
                "SELECT rolsuper, rolcreaterole, rolreplication, current_setting('server_version_num')::int FROM pg_roles WHERE rolname = current_user");
             ResultSet row = statement.executeQuery()) {
            row.next();
            superuser = row.getBoolean(1);
            createRole = row.getBoolean(2);
            replication = row.getBoolean(3);
            version = row.getInt(4);
        }
        if (!superuser) {
            boolean rds = roleExists(source, "rds_replication");
            // RDS: CREATEROLE and rds_superuser let the master user grant rds_replication. Elsewhere, before PostgreSQL 16
            // only superusers may create REPLICATION roles; from 16, CREATEROLE users who have REPLICATION themselves.
            boolean may = createRole && (rds ? isSuperuserOr(source, "rds_superuser") : version >= 160000 && replication);
            if (!may) {
                return CheckResult.fail("source", check, why + "; " + context.sourceUser() + " cannot create it ("
                                + (createRole ? "it lacks " + (rds ? "rds_superuser" : "superuser, or REPLICATION on PostgreSQL 16+")
                                : "it lacks CREATEROLE") + ")",
                        rds ? "run the migration as the RDS master user, or GRANT rds_superuser TO " + context.sourceUser()
                                : "ALTER ROLE " + context.sourceUser() + " CREATEROLE" + (version >= 160000 ? " REPLICATION" : "")
                                + (version >= 160000 ? "" : ", or run the migration as a superuser (PostgreSQL before 16)"));
            }
        }
        List<String> notGrantable = new ArrayList<>();
        try (PreparedStatement statement = source.prepareStatement("SELECT has_table_privilege(?::regclass, 'SELECT WITH GRANT OPTION')")) {
            for (TableName table : context.selectedTables()) {
                statement.setString(1, table.quoted('"'));
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next() && !row.getBoolean(1)) {
                        notGrantable.add(table.toString());
                    }
                }
            }
        }
        if (!notGrantable.isEmpty()) {
            return CheckResult.fail("source", check, why + "; " + context.sourceUser() + " may not grant it SELECT on "
                    + String.join(", ", notGrantable), "run the migration as the tables' owner, or GRANT SELECT ON those tables TO "
                    + context.sourceUser() + " WITH GRANT OPTION");
        }
        return CheckResult.pass("source", check, context.sourceUser() + " may create the migration's replication role and let it read the tables");
    }

    private static boolean roleExists(Connection connection, String role) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            statement.setString(1, role);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }

    private static CheckResult canSubscribe(Connection target) throws SQLException {
        if (isSuperuserOr(target, "rds_superuser") || isSuperuserOr(target, "pg_create_subscription")) {
            return CheckResult.pass("target", "subscription privilege", "the user may create subscriptions");
        }
        return CheckResult.fail("target", "subscription privilege", "only superusers (rds_superuser on RDS/Aurora; "
                + "pg_create_subscription from PostgreSQL 16) may create subscriptions", "GRANT rds_superuser (or pg_create_subscription) TO the target user");
    }

    private static CheckResult workers(Connection target, int tables) throws SQLException {
        int workers = Integer.parseInt(PostgresSourceChecks.text(target, "SHOW max_logical_replication_workers"));
        int syncWorkers = Integer.parseInt(PostgresSourceChecks.text(target, "SHOW max_sync_workers_per_subscription"));
        String detail = "max_logical_replication_workers = " + workers + ", max_sync_workers_per_subscription = " + syncWorkers;
        if (workers < 2) {
            return CheckResult.fail("target", "replication workers", detail + ": the subscription needs an apply worker and a table sync worker",
                    "set max_logical_replication_workers to at least " + (2 + Math.min(tables, 4)) + " and restart");
        }
        return CheckResult.pass("target", "replication workers", detail + " (" + Math.min(syncWorkers, tables) + " tables copied at once)");
    }

    /** Logical replication matches columns by name: every source column must exist on the target with its type. */
    private static CheckResult sameColumns(Connection source, Connection target, PreflightContext context) throws SQLException {
        List<String> differences = new ArrayList<>();
        for (TableName table : context.selectedTables()) {
            TableName targetTable = context.spec().mappings().targetName(table);
            Map<String, String> sourceColumns = columns(source, table);
            Map<String, String> targetColumns = columns(target, targetTable);
            if (targetColumns.isEmpty()) {
                continue; // A missing table is reported by the target checks, with the pg_dump fix.
            }
            sourceColumns.forEach((column, type) -> {
                String targetType = targetColumns.get(column);
                if (targetType == null) {
                    differences.add(targetTable + " lacks column " + column + " " + type);
                } else if (!targetType.equals(type)) {
                    differences.add(targetTable + "." + column + " is " + targetType + " on the target, " + type + " on the source");
                }
            });
        }
        if (differences.isEmpty()) {
            return CheckResult.pass("target", "table definitions", "every selected table has the source's columns and types");
        }
        return CheckResult.fail("target", "table definitions", String.join("; ", differences),
                "apply the source's schema to the target: pg_dump --schema-only --no-owner --no-privileges <source> | psql <target>");
    }

    private static Map<String, String> columns(Connection connection, TableName table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod)
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return columns;
    }

    private static boolean isSuperuserOr(Connection connection, String role) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT r.rolsuper OR EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = ? AND pg_has_role(r.oid, g.oid, 'member'))
                FROM pg_roles r WHERE r.rolname = current_user""")) {
            statement.setString(1, role);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
