package dmsrunbook.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real MariaDB server of its own on a loopback port: {@code mariadb-install-db} into a temporary directory, then
 * {@code mariadbd} with the given my.cnf options (e.g. {@code log_bin}, {@code binlog_format}), for the MySQL-family
 * source checks. Root logs in over TCP with {@link #PASSWORD}; {@link #close()} stops the server and deletes it all.
 */
public final class LocalMariaDb implements AutoCloseable {

    public static final String ROOT = "root";
    public static final String PASSWORD = "rehearsal-only-password";

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final Process process;

    private LocalMariaDb(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts a server with {@code settings} written into the {@code [mariadbd]} section of its my.cnf; an empty value
     * writes the bare option (e.g. {@code "log_bin", ""} turns the binary log on).
     */
    /** A server ready to be a change data capture source: its binary log on, in ROW format with full row images. */
    public static LocalMariaDb startBinlogSource(String name) {
        return start(name, Map.of("log_bin", "", "server_id", "1", "binlog_format", "ROW", "binlog_row_image", "FULL"));
    }

    public static LocalMariaDb start(String name, Map<String, String> settings) {
        int port = FreePorts.next();
        Path dir = createDir(name, port);
        Path config = writeConfig(dir, port, settings);
        List<String> install = new ArrayList<>(List.of(findTool("mariadb-install-db", "mysql_install_db").toString(),
                "--defaults-file=" + config, "--skip-test-db", "--auth-root-authentication-method=normal"));
        if (Commands.isRoot()) {
            install.add("--user=root");
        }
        Commands.run(install, Map.of(), dir, 120);
        List<String> server = new ArrayList<>(List.of(findTool("mariadbd", "mysqld").toString(), "--defaults-file=" + config,
                "--init-file=" + writeRootPassword(dir)));
        if (Commands.isRoot()) {
            server.add("--user=root");
        }
        try {
            Process process = new ProcessBuilder(server).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.out").toFile()).start();
            LocalMariaDb mariaDb = new LocalMariaDb(dir, port, process);
            Runtime.getRuntime().addShutdownHook(new Thread(mariaDb::close));
            mariaDb.awaitReady();
            return mariaDb;
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new UncheckedIOException("cannot start mariadbd: " + e.getMessage(), e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + host() + ":" + port + "/" + database;
    }

    /** A connection as root; {@code database} may be empty for none. */
    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", ROOT);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("allowMultiQueries", "true");
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /**
     * The {@code mariadb} command-line client connected as root to {@code database}; the password goes in the
     * environment ({@code MYSQL_PWD}), not on the command line where {@code ps} shows it.
     */
    public ProcessBuilder clientTool(String database) {
        ProcessBuilder builder = new ProcessBuilder(findTool("mariadb", "mysql").toString(), "--host=" + host(), "--port=" + port,
                "--user=" + ROOT, "--batch", database);
        builder.environment().put("MYSQL_PWD", PASSWORD);
        return builder;
    }

    /** Writes {@code database} to {@code file} with {@code mariadb-dump}, as an operator dumps their source. */
    public void dump(String database, Path file) {
        List<String> command = List.of(findTool("mariadb-dump", "mysqldump").toString(), "--host=" + host(), "--port=" + port,
                "--user=" + ROOT, "--single-transaction", "--routines", "--triggers", database);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(file.toFile()).redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("MYSQL_PWD", PASSWORD);
        try {
            Process process = builder.start();
            String errors = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("mariadb-dump " + database + " failed: " + errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run mariadb-dump: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("mariadb-dump was interrupted", e);
        }
    }

    public void createDatabase(String database) {
        execute("", "CREATE DATABASE `" + database.replace("`", "``") + "`");
    }

    /** Runs SQL statements (several, separated by semicolons) as root. */
    public void execute(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL on " + (database.isEmpty() ? "the server" : database) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteQuietly(dir);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = errorLog();
                close();
                throw new IllegalStateException("mariadbd exited during startup:\n" + log);
            }
            try (Connection ignored = connect("")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String log = errorLog();
        close();
        throw new IllegalStateException("mariadbd did not accept connections within " + STARTUP.toSeconds() + " s ("
                + (last == null ? "interrupted" : last.getMessage()) + "):\n" + log);
    }

    private String errorLog() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("error.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no error log)";
        }
    }

    private static Path createTmpDir(Path dir) {
        try {
            return Files.createDirectories(dir.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the server's tmpdir: " + e.getMessage(), e);
        }
    }

    private static Path writeConfig(Path dir, int port, Map<String, String> settings) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("datadir", dir.resolve("data").toString());
        options.put("socket", dir.resolve("mariadbd.sock").toString());
        // Its own directory for internal temporary tables: /tmp is shared with other servers and whatever cleans it.
        options.put("tmpdir", createTmpDir(dir).toString());
        options.put("pid-file", dir.resolve("mariadbd.pid").toString());
        options.put("log-error", dir.resolve("error.log").toString());
        options.put("port", String.valueOf(port));
        options.put("bind-address", "127.0.0.1");
        // Accounts match by address, so 'root'@'127.0.0.1' is the account TCP logins use.
        options.put("skip-name-resolve", "");
        options.put("innodb_buffer_pool_size", "32M");
        options.put("innodb_log_file_size", "8M");
        options.put("innodb_flush_log_at_trx_commit", "0");
        options.putAll(settings);
        StringBuilder text = new StringBuilder("# dms-runbook local server\n[mariadbd]\n");
        options.forEach((key, value) -> text.append(key).append(value == null || value.isEmpty() ? "" : "=" + value).append('\n'));
        try {
            return Files.writeString(dir.resolve("my.cnf"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs at startup: gives every root account the known password (install-db leaves them without one). */
    private static Path writeRootPassword(Path dir) {
        String sql = """
                ALTER USER IF EXISTS 'root'@'localhost' IDENTIFIED BY '%1$s';
                ALTER USER IF EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '%1$s';
                CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '%1$s';
                GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
                """.formatted(PASSWORD);
        try {
            return Files.writeString(dir.resolve("init.sql"), sql, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDir(String name, int port) {
        try {
            Path root = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "dms-runbook"));
            return Files.createTempDirectory(root, "mariadb-" + name + "-" + port + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code DMS_RUNBOOK_MARIADB_BIN}, else /usr/sbin and /usr/bin (Debian's places), else PATH. */
    static Path findTool(String... names) {
        List<String> dirs = new ArrayList<>();
        String configured = System.getenv("DMS_RUNBOOK_MARIADB_BIN");
        if (configured != null && !configured.isBlank()) {
            dirs.add(configured);
        }
        dirs.addAll(List.of("/usr/sbin", "/usr/bin"));
        dirs.addAll(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        for (String name : names) {
            for (String dir : dirs) {
                Path candidate = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("No MariaDB server found (" + String.join(", ", names) + "). Run cli/setup/install-deps, "
                + "or set DMS_RUNBOOK_MARIADB_BIN to the directory holding mariadbd and mariadb-install-db.");
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Temporary files only.
        }
    }
}
