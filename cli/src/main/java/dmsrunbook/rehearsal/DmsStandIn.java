package dmsrunbook.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.deploy.LocalAws;
import dmsrunbook.internal.Json;
import dmsrunbook.database.mysql.MySqlDialect;
import dmsrunbook.local.DmsGaps;
import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.local.MariaDbFullLoad;
import dmsrunbook.mapping.TableMappings;
import dmsrunbook.mapping.TableName;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Stands in for what moto's DMS does not do, so the phases after the start have something real to check: when the
 * task starts it prepares the target tables as the task's {@code FullLoadSettings.TargetTablePrepMode} says (as DMS:
 * DO_NOTHING leaves them, TRUNCATE_BEFORE_LOAD empties them, DROP_AND_CREATE, the default, re-creates them with their
 * columns and primary key only), copies the tables from the source cluster to the target (COPY, as a full load),
 * opens a logical replication slot on the source as DMS would, reports the tables loaded through
 * DescribeTableStatistics, and publishes CDCLatencySource/Target to CloudWatch every half second. It is not DMS: no
 * change after the copy moves.
 *
 * <p>From a MariaDB source ({@link #fromMariaDb}) it loads the tables the spec's mappings select into the PostgreSQL
 * tables the runbook converted and created beforehand, under the names the mappings give them ({@link
 * MariaDbFullLoad}: values as DMS writes them into the converted types); only DO_NOTHING and TRUNCATE_BEFORE_LOAD are
 * emulated there. Change data capture from MariaDB's binlog is NOT emulated: no binlog is read, so nothing written to
 * the source after the load reaches the target, and the latency it reports is made up.
 */
public final class DmsStandIn implements AutoCloseable {

    private final LocalAws aws;
    private final String instanceIdentifier;
    private final LocalPostgres source;
    private final String sourceDatabase;
    private final LocalPostgres target;
    private final String targetDatabase;
    private final List<String> tables;
    private final LocalMariaDb mariaDbSource;
    private final TableMappings mappings;
    private final ScheduledExecutorService metrics = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "dms-stand-in-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private volatile double latencySeconds = 1;
    private volatile String slotName;
    private volatile String prepMode;

    public DmsStandIn(LocalAws aws, String instanceIdentifier, LocalPostgres source, String sourceDatabase,
                      LocalPostgres target, String targetDatabase, List<String> tables) {
        this(aws, instanceIdentifier, source, null, sourceDatabase, target, targetDatabase, tables, null);
    }

    private DmsStandIn(LocalAws aws, String instanceIdentifier, LocalPostgres source, LocalMariaDb mariaDbSource, String sourceDatabase,
                       LocalPostgres target, String targetDatabase, List<String> tables, TableMappings mappings) {
        this.aws = aws;
        this.instanceIdentifier = instanceIdentifier;
        this.source = source;
        this.mariaDbSource = mariaDbSource;
        this.sourceDatabase = sourceDatabase;
        this.target = target;
        this.targetDatabase = targetDatabase;
        this.tables = tables;
        this.mappings = mappings;
    }

    /**
     * A stand-in that loads the tables {@code mappings} select in MariaDB's {@code sourceDatabase} into the converted
     * tables of {@code targetDatabase}, once, when the task starts. No change data capture (see the class comment).
     */
    public static DmsStandIn fromMariaDb(LocalAws aws, String instanceIdentifier, LocalMariaDb source, String sourceDatabase,
                                         LocalPostgres target, String targetDatabase, TableMappings mappings) {
        return new DmsStandIn(aws, instanceIdentifier, null, source, sourceDatabase, target, targetDatabase, List.of(), mappings);
    }

    /** Acts for the task {@code taskIdentifier} when it starts. */
    public DmsStandIn attach(String taskIdentifier) {
        aws.dmsGaps().onTaskStarted(started -> {
            if (started.equals(taskIdentifier)) {
                load(taskIdentifier);
            }
        });
        return this;
    }

    /** The latency the CloudWatch feed reports from now on. */
    public void latency(double seconds) {
        this.latencySeconds = seconds;
    }

    /** The TargetTablePrepMode the started task was created with (what the stand-in did to the target's tables). */
    public String prepMode() {
        return prepMode;
    }

    /** The replication slot the stand-in opened on the source, as DMS would. */
    public String slotName() {
        return slotName;
    }

    private void load(String taskIdentifier) {
        if (slotName != null || prepMode != null) {
            // Started again after a stop or a failure: DMS resumes from its checkpoint, it does not copy again.
            return;
        }
        if (mariaDbSource != null) {
            loadFromMariaDb(taskIdentifier);
            return;
        }
        List<DmsGaps.TableStatistic> statistics = new ArrayList<>();
        try (Connection from = source.connect(sourceDatabase); Connection to = target.connect(targetDatabase)) {
            slotName = "dms_stand_in_" + taskIdentifier.replace('-', '_');
            try (Statement statement = from.createStatement()) {
                statement.execute("SELECT pg_create_logical_replication_slot('" + slotName + "', 'test_decoding')");
            }
            prepMode = prepModeOf(taskIdentifier);
            prepare(from, to, prepMode);
            try (Statement statement = to.createStatement()) {
                // What DMS's target session does with AfterConnectScript: no triggers, no FK order.
                statement.execute("SET session_replication_role = replica");
            }
            for (String table : tables) {
                long rows = copy(from, to, table);
                statistics.add(new DmsGaps.TableStatistic("public", table, "Table completed", rows, 0, 0, 0));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the DMS stand-in could not copy the tables: " + e.getMessage(), e);
        }
        aws.dmsGaps().reportTableStatistics(taskIdentifier, statistics);
        metrics.scheduleAtFixedRate(() -> publishLatency(taskIdentifier), 0, 500, TimeUnit.MILLISECONDS);
    }

    /** The full load from MariaDB into the converted tables; the source is only read. */
    private void loadFromMariaDb(String taskIdentifier) {
        List<DmsGaps.TableStatistic> statistics = new ArrayList<>();
        prepMode = prepModeOf(taskIdentifier);
        if (!prepMode.equals("DO_NOTHING") && !prepMode.equals("TRUNCATE_BEFORE_LOAD")) {
            throw new IllegalStateException("the DMS stand-in loads from MariaDB into the converted tables only (DO_NOTHING or "
                    + "TRUNCATE_BEFORE_LOAD), not with TargetTablePrepMode " + prepMode);
        }
        try (Connection from = mariaDbSource.connect(sourceDatabase); Connection to = target.connect(targetDatabase)) {
            List<TableName> selected = mappings.select(new MySqlDialect().listTables(from));
            try (Statement statement = to.createStatement()) {
                // What DMS's target session does with AfterConnectScript: no triggers, no FK order.
                statement.execute("SET session_replication_role = replica");
                for (TableName table : selected) {
                    if (prepMode.equals("TRUNCATE_BEFORE_LOAD")) {
                        TableName into = mappings.targetName(table);
                        statement.execute("TRUNCATE \"" + into.schema().replace("\"", "\"\"") + "\".\"" + into.table().replace("\"", "\"\"") + "\"");
                    }
                }
            }
            for (TableName table : selected) {
                TableName into = mappings.targetName(table);
                Map<String, String> columns = new LinkedHashMap<>();
                for (String column : sourceColumns(from, table)) {
                    mappings.targetColumn(table, column).ifPresent(name -> columns.put(column, name));
                }
                long rows = MariaDbFullLoad.copy(from, to, table.schema(), table.table(), into.schema(), into.table(), columns);
                statistics.add(new DmsGaps.TableStatistic(table.schema(), table.table(), "Table completed", rows, 0, 0, 0));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the DMS stand-in could not load the tables from MariaDB: " + e.getMessage(), e);
        }
        aws.dmsGaps().reportTableStatistics(taskIdentifier, statistics);
        metrics.scheduleAtFixedRate(() -> publishLatency(taskIdentifier), 0, 500, TimeUnit.MILLISECONDS);
    }

    private static List<String> sourceColumns(Connection from, TableName table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (var statement = from.prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                + "ORDER BY ORDINAL_POSITION")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    /** The task's TargetTablePrepMode, from the CreateReplicationTask request the handlers sent (DMS's default when unset). */
    private String prepModeOf(String taskIdentifier) {
        for (JsonNode request : aws.dmsGaps().requests("CreateReplicationTask")) {
            if (request.path("ReplicationTaskIdentifier").asText().equals(taskIdentifier)) {
                String settings = request.path("ReplicationTaskSettings").asText("");
                return settings.isEmpty() ? "DROP_AND_CREATE"
                        : Json.tree(settings).path("FullLoadSettings").path("TargetTablePrepMode").asText("DROP_AND_CREATE");
            }
        }
        throw new IllegalStateException("the DMS stand-in saw no CreateReplicationTask for " + taskIdentifier);
    }

    /** What DMS does to the target's tables before the full load. */
    private void prepare(Connection from, Connection to, String mode) throws SQLException {
        try (Statement statement = to.createStatement()) {
            switch (mode) {
                case "DO_NOTHING" -> {
                }
                case "TRUNCATE_BEFORE_LOAD" -> statement.execute("TRUNCATE " + String.join(", ", tables.stream().map(t -> "public." + t).toList()));
                case "DROP_AND_CREATE" -> {
                    for (String table : tables) {
                        statement.execute("DROP TABLE IF EXISTS public." + table + " CASCADE");
                        statement.execute(bareTable(from, table));
                    }
                }
                default -> throw new IllegalStateException("TargetTablePrepMode " + mode + " is not one DMS knows");
            }
        }
    }

    /** The source table as DMS creates it on a target: its columns with their types, and its primary key; nothing else. */
    private static String bareTable(Connection from, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement statement = from.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
                WHERE a.attrelid = 'public.%s'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""".formatted(table))) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        try (Statement statement = from.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'public.%s'::regclass AND contype = 'p'""".formatted(table))) {
            if (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        return "CREATE TABLE public." + table + " (" + String.join(", ", columns) + ")";
    }

    private static long copy(Connection from, Connection to, String table) throws SQLException {
        CopyManager out = from.unwrap(PGConnection.class).getCopyAPI();
        CopyManager in = to.unwrap(PGConnection.class).getCopyAPI();
        try (PipedInputStream pipeIn = new PipedInputStream(1 << 16); PipedOutputStream pipeOut = new PipedOutputStream(pipeIn)) {
            Thread writer = new Thread(() -> {
                try (pipeOut) {
                    out.copyOut("COPY public." + table + " TO STDOUT (FORMAT binary)", pipeOut);
                } catch (SQLException | IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            long rows = in.copyIn("COPY public." + table + " FROM STDIN (FORMAT binary)", pipeIn);
            writer.join();
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void publishLatency(String taskIdentifier) {
        Instant now = Instant.now();
        List<MetricDatum> data = new ArrayList<>();
        for (String metric : List.of("CDCLatencySource", "CDCLatencyTarget")) {
            data.add(MetricDatum.builder().metricName(metric).timestamp(now).value(latencySeconds).unit(StandardUnit.SECONDS)
                    .dimensions(Dimension.builder().name("ReplicationInstanceIdentifier").value(instanceIdentifier).build(),
                            Dimension.builder().name("ReplicationTaskIdentifier").value(taskIdentifier).build()).build());
        }
        try {
            aws.clients().cloudWatch().putMetricData(b -> b.namespace("AWS/DMS").metricData(data));
        } catch (RuntimeException e) {
            // The emulation is shutting down.
        }
    }

    @Override
    public void close() {
        metrics.shutdownNow();
    }
}
