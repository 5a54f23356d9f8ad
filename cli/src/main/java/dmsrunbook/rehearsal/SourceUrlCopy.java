package dmsrunbook.rehearsal;

import dmsrunbook.local.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The operator's live source copied into the local source cluster for {@code runbook rehearse --source-url}: first a
 * read-only login that proves the URL answers (before any cluster starts), then {@code pg_dump} in custom format,
 * restored with {@code pg_restore}. Nothing is written to the URL's database: both sessions are read-only
 * ({@code default_transaction_read_only}), and pg_dump only reads, in one snapshot.
 */
public final class SourceUrlCopy {

    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final SourceUrl url;

    private SourceUrlCopy(SourceUrl url) {
        this.url = url;
    }

    /** Parses the URL and logs in once, read-only; throws with the fix when it does not answer. */
    public static SourceUrlCopy check(String text) {
        SourceUrl url = SourceUrl.parse(text);
        Properties properties = new Properties();
        properties.setProperty("user", url.user());
        url.password().ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("readOnly", "true");
        properties.setProperty("options", "-c default_transaction_read_only=on");
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(CONNECT_TIMEOUT_SECONDS), properties);
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        } catch (SQLException e) {
            throw new RehearsalInputException(SourceUrl.OPTION + " " + url + " cannot be reached: " + e.getMessage()
                    + ". Check the host, port, database, user and password (or PGPASSWORD), and that this machine may connect.");
        }
        return new SourceUrlCopy(url);
    }

    public SourceUrl url() {
        return url;
    }

    /** Dumps the source (read-only) and restores it into {@code database} of the local cluster. */
    public void copyInto(LocalPostgres cluster, String database) {
        Path dump = null;
        try {
            dump = Files.createTempFile("dms-runbook-source-", ".dump");
            ProcessBuilder pgDump = new ProcessBuilder(cluster.binDir().resolve("pg_dump").toString(), "--format=custom",
                    "--no-owner", "--no-privileges", "-h", url.host(), "-p", String.valueOf(url.port()), "-U", url.user(),
                    "-d", url.database(), "-f", dump.toString());
            url.password().ifPresent(p -> pgDump.environment().put("PGPASSWORD", p));
            pgDump.environment().put("PGSSLMODE", url.sslMode());
            pgDump.environment().put("PGOPTIONS", "-c default_transaction_read_only=on");
            pgDump.environment().put("PGAPPNAME", "dms-runbook-rehearsal");
            pgDump.environment().put("PGCONNECT_TIMEOUT", String.valueOf(CONNECT_TIMEOUT_SECONDS));
            ToolRun.run(pgDump, null, SourceUrl.OPTION + " " + url + " could not be dumped");
            SourceDump.inspect(dump, cluster.binDir(), SourceUrl.OPTION + " " + url + " (its pg_dump)").restoreInto(cluster, database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dump != null) {
                try {
                    Files.deleteIfExists(dump);
                } catch (IOException e) {
                    // A temporary file only.
                }
            }
        }
    }
}
