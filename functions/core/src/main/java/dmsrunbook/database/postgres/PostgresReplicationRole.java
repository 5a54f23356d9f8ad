package dmsrunbook.database.postgres;

import dmsrunbook.mapping.TableName;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * The login a native subscription uses on the source, made for one migration so that the source user's own password
 * never reaches the target (its server log, {@code pg_subscription}): a role that may log in, replicate (the
 * REPLICATION attribute, or {@code rds_replication} on RDS and Aurora) and read the published tables, nothing more.
 * Its password is random, sent to the source as a SCRAM verifier (a logged {@code ALTER ROLE} shows no password),
 * renewed each time the subscription is created or re-enabled, and kept nowhere but the subscription; the role is
 * dropped with the slot and the publication.
 */
public final class PostgresReplicationRole {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The role's name and its current password; {@link #toString()} never shows the password. */
    public record Login(String user, String password) {
        @Override
        public String toString() {
            return "Login[user=" + user + ", password=****]";
        }
    }

    /** The role of the migration whose objects are named {@code objectName} ({@code dmsrunbook_<id>}). */
    public static String nameFor(String objectName) {
        return objectName + "_repl";
    }

    /**
     * Creates the role if absent (without a password: {@link #renewPassword} gives it one), and lets it read
     * {@code tables} (USAGE on their schemas too, where PUBLIC lacks it).
     */
    public void ensure(Connection source, String role, List<TableName> tables) throws SQLException {
        if (!exists(source, role)) {
            boolean viaRdsReplication = !isSuperuser(source) && roleExists(source, "rds_replication");
            execute(source, "CREATE ROLE " + PostgresQuoting.identifier(role) + " LOGIN" + (viaRdsReplication ? "" : " REPLICATION"));
            if (viaRdsReplication) {
                // RDS and Aurora keep the REPLICATION attribute to themselves; their rds_replication role grants it.
                execute(source, "GRANT rds_replication TO " + PostgresQuoting.identifier(role));
            }
        }
        Set<String> schemas = new LinkedHashSet<>();
        for (TableName table : tables) {
            schemas.add(table.schema());
        }
        for (String schema : schemas) {
            if (!publicMayUse(source, schema)) {
                execute(source, "GRANT USAGE ON SCHEMA " + PostgresQuoting.identifier(schema) + " TO " + PostgresQuoting.identifier(role));
            }
        }
        for (TableName table : tables) {
            execute(source, "GRANT SELECT ON TABLE " + table.quoted('"') + " TO " + PostgresQuoting.identifier(role));
        }
    }

    /** Gives the role a new random password and returns it; the server receives only its SCRAM verifier. */
    public Login renewPassword(Connection source, String role) throws SQLException {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        source.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
        return new Login(role, password);
    }

    /**
     * Revokes what {@link #ensure} granted in this database and drops the role; false when there was none. A role
     * that still holds privileges elsewhere (granted by hand in another database) is left, and said so.
     */
    public boolean drop(Connection source, String role) throws SQLException {
        if (!exists(source, role)) {
            return false;
        }
        for (String table : granted(source, role, "SELECT c.oid::regclass::text FROM pg_class c, aclexplode(c.relacl) a "
                + "WHERE a.grantee = (SELECT oid FROM pg_roles WHERE rolname = ?)")) {
            execute(source, "REVOKE ALL ON TABLE " + table + " FROM " + PostgresQuoting.identifier(role));
        }
        for (String schema : granted(source, role, "SELECT quote_ident(n.nspname) FROM pg_namespace n, aclexplode(n.nspacl) a "
                + "WHERE a.grantee = (SELECT oid FROM pg_roles WHERE rolname = ?)")) {
            execute(source, "REVOKE ALL ON SCHEMA " + schema + " FROM " + PostgresQuoting.identifier(role));
        }
        execute(source, "DROP ROLE " + PostgresQuoting.identifier(role));
        return true;
    }

    public boolean exists(Connection source, String role) throws SQLException {
        return roleExists(source, role);
    }

    private static List<String> granted(Connection source, String role, String query) throws SQLException {
        List<String> objects = new ArrayList<>();
        try (PreparedStatement statement = source.prepareStatement(query)) {
            statement.setString(1, role);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    objects.add(rows.getString(1));
                }
            }
        }
        return objects;
    }

    private static boolean publicMayUse(Connection source, String schema) throws SQLException {
        try (PreparedStatement statement = source.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
                               WHERE n.nspname = ? AND a.grantee = 0 AND a.privilege_type = 'USAGE')""")) {
            statement.setString(1, schema);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    private static boolean isSuperuser(Connection source) throws SQLException {
        try (Statement statement = source.createStatement();
             ResultSet row = statement.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            return row.next() && row.getBoolean(1);
        }
    }

    private static boolean roleExists(Connection source, String role) throws SQLException {
        try (PreparedStatement statement = source.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            statement.setString(1, role);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
