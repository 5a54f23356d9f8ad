package dmsrunbook.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

/**
 * A real PostgreSQL cluster of its own on a loopback port: {@code initdb} + {@code pg_ctl} from the installed
 * server binaries ({@code cli/setup/install-deps} installs them when absent). Runs as user {@code postgres}
 * when this JVM is root, since PostgreSQL refuses to run as root.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    public static final String PASSWORD = "rehearsal-only-password";

    private static final String OS_USER = "postgres";

    private final Path dataDir;
    private final Path binDir;
    private final int port;
    private boolean running;

    private LocalPostgres(Path dataDir, Path binDir, int port) {
        this.dataDir = dataDir;
        this.binDir = binDir;
        this.port = port;
    }

    /** Starts a cluster with PostgreSQL's defaults plus {@code settings} (e.g. {@code wal_level=logical}). */
    public static LocalPostgres start(String name, Map<String, String> settings) {
        Path binDir = findBinaries();
        int port = FreePorts.next();
        Path dataDir = createDataDir(name, port);
        LocalPostgres postgres = new LocalPostgres(dataDir, binDir, port);
        postgres.initialise(settings);
        postgres.startServer();
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        return postgres;
    }

    /** A source ready for logical replication, as DMS and native subscriptions need it. */
    public static LocalPostgres startLogicalSource(String name) {
        return startLogicalSource(name, Map.of());
    }

    /** A logical source with {@code settings} besides (or instead of) the usual ones. */
    public static LocalPostgres startLogicalSource(String name, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("wal_level", "logical", "max_replication_slots", "10", "max_wal_senders", "10",
                "wal_sender_timeout", "60s"));
        all.putAll(settings);
        return start(name, all);
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", PASSWORD);
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /**
     * A walsender reading {@code slot} in {@code database}, as a connected subscription or DMS's running task does
     * (the slot is active while the connection stays open).
     */
    public Connection readSlot(String database, String slot) throws SQLException {
        Properties properties = new Properties();
        PGProperty.USER.set(properties, SUPERUSER);
        PGProperty.PASSWORD.set(properties, PASSWORD);
        PGProperty.REPLICATION.set(properties, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(properties, "10");
        PGProperty.PREFER_QUERY_MODE.set(properties, "simple");
        Connection connection = DriverManager.getConnection(jdbcUrl(database), properties);
        PGReplicationStream stream = connection.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                .withSlotName(slot).start();
        stream.forceUpdateStatus();
        return connection;
    }

    public void createDatabase(String database) {
        execute("postgres", "CREATE DATABASE " + database);
    }

    /** Runs SQL statements (separated as JDBC allows: one string, several statements) as the superuser. */
    public void execute(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL on " + database + " failed: " + e.getMessage(), e);
        }
    }

    /** The server's log file (what it writes to stderr: statements it logs, errors and the statements that caused them). */
    public Path serverLog() {
        return dataDir.getParent().resolve("server.log");
    }

        public Path binDir() {
        return binDir;
    }

    /** Runs a client tool of this server's version (psql, pg_dump) as the database superuser. */
    public ProcessBuilder clientTool(String tool, String... args) {
        List<String> command = new ArrayList<>(List.of(binDir.resolve(tool).toString(), "-h", host(), "-p",
                String.valueOf(port), "-U", SUPERUSER));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PGPASSWORD", PASSWORD);
        return builder;
    }

    /**
     * Stops the server as a crash or a failover would ({@code pg_ctl -m immediate stop}: no checkpoint, every
     * connection cut), leaving its data for {@link #startAgain()}.
     */
    public synchronized void crash() {
        if (!running) {
            return;
        }
        Commands.run(Commands.as(OS_USER, List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(),
                "-m", "immediate", "-w", "stop")), Map.of(), null, 60);
        running = false;
    }

    /** Starts the server again on the same port and data after {@link #crash()} (it recovers from its WAL). */
    public synchronized void startAgain() {
        if (!running) {
            startServer();
        }
    }

    public synchronized boolean running() {
        return running;
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            Commands.run(Commands.as(OS_USER, List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(),
                    "-m", "immediate", "-w", "stop")), Map.of(), null, 60);
        } catch (RuntimeException e) {
            // The server may already be gone (a killed test); nothing else to release.
        }
        deleteQuietly(dataDir.getParent());
    }

    private void initialise(Map<String, String> settings) {
        try {
            Path passwordFile = dataDir.getParent().resolve("pwfile");
            Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
            chownToPostgres(passwordFile);
            Commands.run(Commands.as(OS_USER, List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(),
                    "-U", SUPERUSER, "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8",
                    "--locale=C.UTF-8", "--no-sync")), Map.of(), null, 120);
            Map<String, String> conf = new LinkedHashMap<>();
            conf.put("listen_addresses", "'127.0.0.1'");
            conf.put("port", String.valueOf(port));
            conf.put("unix_socket_directories", "'" + dataDir.getParent() + "'");
            conf.put("fsync", "off");
            conf.put("synchronous_commit", "off");
            conf.put("full_page_writes", "off");
            conf.put("max_connections", "100");
            conf.put("shared_buffers", "64MB");
            settings.forEach((key, value) -> conf.put(key, quoteIfNeeded(value)));
            StringBuilder lines = new StringBuilder("\n# dms-runbook local cluster\n");
            conf.forEach((key, value) -> lines.append(key).append(" = ").append(value).append('\n'));
            Files.writeString(dataDir.resolve("postgresql.conf"), lines, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
            // Loopback only; replication connections too, for native logical replication between clusters.
            Files.writeString(dataDir.resolve("pg_hba.conf"), """
                    local all all scram-sha-256
                    host all all 127.0.0.1/32 scram-sha-256
                    host replication all 127.0.0.1/32 scram-sha-256
                    """, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startServer() {
        Commands.run(Commands.as(OS_USER, List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(),
                "-l", serverLog().toString(), "-w", "-t", "60", "start")), Map.of(), null, 90);
        running = true;
    }

    private static String quoteIfNeeded(String value) {
        return value.matches("-?[0-9]+") || value.startsWith("'") ? value : "'" + value + "'";
    }

    private static Path createDataDir(String name, int port) {
        try {
            Path root = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "dms-runbook"));
            Path cluster = Files.createTempDirectory(root, "pg-" + name + "-" + port + "-");
            chownToPostgres(cluster);
            return cluster.resolve("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chownToPostgres(Path path) throws IOException {
        if (!Commands.isRoot()) {
            return;
        }
        UserPrincipal owner = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
        Files.setOwner(path, owner);
    }

    /** The newest installed server: {@code DMS_RUNBOOK_PG_BIN}, else /usr/lib/postgresql/N/bin, else PATH. */
    public static Path findBinaries() {
        String configured = System.getenv("DMS_RUNBOOK_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "initdb"))) {
                return Path.of(dir);
            }
        }
        throw new IllegalStateException("No PostgreSQL server found (initdb). Run cli/setup/install-deps, "
                + "or set DMS_RUNBOOK_PG_BIN to the server's bin directory.");
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Temporary files only.
        }
    }
}
