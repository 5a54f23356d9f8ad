package dmsrunbook.database.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the schema assessment asks a PostgreSQL target (read only): its version, whether it is Aurora or RDS, the
 * extensions it can install ({@code pg_available_extensions}) and may install ({@code rds.allowed_extensions}), the
 * user the runbook logs in as and the roles that exist.
 *
 * @param allowedExtensions null when every available extension is allowed
 */
public record PostgresTargetFacts(int versionNumber, String version, boolean aurora, boolean rds, Set<String> availableExtensions,
                                  Set<String> allowedExtensions, String currentUser, Set<String> roles) {

    public static PostgresTargetFacts read(Connection target) throws SQLException {
        try (Statement statement = target.createStatement()) {
            int versionNumber;
            String version;
            boolean aurora;
            String rdsExtensions;
            String allowed;
            String user;
            try (ResultSet row = statement.executeQuery("""
                    SELECT current_setting('server_version_num')::int, current_setting('server_version'),
                           EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'aurora_version'),
                           current_setting('rds.extensions', true), current_setting('rds.allowed_extensions', true), current_user""")) {
                row.next();
                versionNumber = row.getInt(1);
                version = row.getString(2);
                aurora = row.getBoolean(3);
                rdsExtensions = row.getString(4);
                allowed = row.getString(5);
                user = row.getString(6);
            }
            Set<String> available = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("SELECT name FROM pg_available_extensions")) {
                while (rows.next()) {
                    available.add(rows.getString(1));
                }
            }
            Set<String> roles = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("SELECT rolname FROM pg_roles")) {
                while (rows.next()) {
                    roles.add(rows.getString(1));
                }
            }
            boolean rds = rdsExtensions != null && !rdsExtensions.isBlank();
            return new PostgresTargetFacts(versionNumber, version.split(" ")[0], aurora, rds || aurora, available, allowedSet(allowed), user, roles);
        }
    }

    /** The major version (15 for 150004). */
    public int majorVersion() {
        return versionNumber / 10000;
    }

    /** {@code rds.allowed_extensions}: unset, empty or {@code *} allows every extension. */
    private static Set<String> allowedSet(String setting) {
        if (setting == null || setting.isBlank() || setting.trim().equals("*")) {
            return null;
        }
        return Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
