package dmsrunbook.validation;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.database.SqlDialect;
import dmsrunbook.error.Failures;
import dmsrunbook.error.RowCountMismatchException;
import dmsrunbook.error.RunbookException;
import dmsrunbook.mapping.TableMappings;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.EndpointSpec;
import dmsrunbook.spec.MigrationSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Counts the rows of every selected table on the source and on the target, both sides at once and each over a few
 * connections in parallel, and fails naming the tables that differ. Before the cutover, tables that differ are
 * counted again (changes may be in flight) and small differences pass as in-flight.
 */
public final class RowCountValidator {

    private static final int CONNECTIONS_PER_SIDE = 4;
    private static final int RECOUNTS = 2;
    private static final long MAX_PAUSE_MILLIS = 30_000;

    private final DatabaseConnector connector;

    public RowCountValidator(DatabaseConnector connector) {
        this.connector = connector;
    }

    /**
     * @param targetEstimates for an S3 target, the rows DMS reports it wrote per source table (full-load rows +
     *                        inserts - deletes); ignored for database targets, which are counted
     */
    public RowCountReport validate(MigrationSpec spec, ValidationRun mode, Map<String, Long> targetEstimates) {
        TableMappings mappings = spec.mappings();
        SqlDialect sourceDialect = DatabaseFamilies.of(spec.source().engine()).dialect();
        List<TableName> tables;
        try (Connection source = connector.connect(spec.source())) {
            tables = mappings.select(sourceDialect.listTables(source));
        } catch (SQLException e) {
            throw Failures.ofSql("Listing tables", spec.source().describe(), e);
        }
        boolean databaseTarget = spec.target().engine().isDatabase();
        List<TableName> pending = tables;
        Map<TableName, TableCount> counts = new ConcurrentHashMap<>();
        for (int round = 0; round <= RECOUNTS; round++) {
            if (round > 0) {
                pause(spec);
            }
            Map<TableName, Long> sourceCounts;
            Map<TableName, Long> targetCounts;
            ExecutorService sides = Executors.newFixedThreadPool(2);
            try {
                List<TableName> batch = pending;
                Future<Map<TableName, Long>> targetFuture = databaseTarget
                        ? sides.submit(() -> count(spec.target(), batch.stream().map(mappings::targetName).toList()))
                        : null;
                Future<Map<TableName, Long>> sourceFuture = sides.submit(() -> count(spec.source(), batch));
                sourceCounts = sourceFuture.get();
                targetCounts = databaseTarget ? targetFuture.get() : null;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RunbookException runbook ? runbook : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while counting rows", e);
            } finally {
                sides.shutdownNow();
            }
            for (TableName table : pending) {
                TableName targetName = mappings.targetName(table);
                long source = sourceCounts.getOrDefault(table, 0L);
                Long target = databaseTarget ? targetCounts.get(targetName) : targetEstimates.get(table.toString());
                counts.put(table, new TableCount(table.toString(), targetName.toString(), source, target, verdict(spec, mode, source, target, round)));
            }
            pending = pending.stream().filter(t -> !"match".equals(counts.get(t).verdict())).toList();
            if (pending.isEmpty() || mode == ValidationRun.FINAL) {
                break;
            }
        }
        List<TableCount> ordered = tables.stream().map(counts::get).toList();
        RowCountReport report = new RowCountReport(mode, ordered,
                databaseTarget ? "exact counts on the target" : "DMS table statistics (full-load rows + inserts - deletes)");
        if (!report.mismatches().isEmpty()) {
            throw new RowCountMismatchException("Row counts differ (" + mode.value() + "): " + report.mismatches().stream()
                    .map(t -> t.sourceTable() + " source " + t.source() + " vs target " + (t.target() == null ? "missing" : t.target()))
                    .collect(Collectors.joining("; ")),
                    mode == ValidationRun.FINAL ? "do not switch the application; find the missing changes in the task's log, or reload those tables"
                            : "wait for CDC to catch up and compare again; if the gap stays, reload those tables");
        }
        return report;
    }

    private static String verdict(MigrationSpec spec, ValidationRun mode, long source, Long target, int round) {
        if (target != null && target == source) {
            return "match";
        }
        if (target == null || mode == ValidationRun.FINAL) {
            return "mismatch";
        }
        double allowed = source * spec.thresholds().maxInFlightRowDifferencePercent() / 100.0;
        boolean lastRound = round == RECOUNTS;
        if (Math.abs(target - source) <= allowed) {
            return lastRound ? "in-flight" : "recount";
        }
        return lastRound ? "mismatch" : "recount";
    }

    /** Exact counts of {@code tables} on one side; a table that does not exist counts as null. */
    private Map<TableName, Long> count(EndpointSpec endpoint, List<TableName> tables) {
        SqlDialect dialect = DatabaseFamilies.of(endpoint.engine()).dialect();
        ConcurrentLinkedQueue<TableName> queue = new ConcurrentLinkedQueue<>(tables);
        Map<TableName, Long> counts = new ConcurrentHashMap<>();
        Map<TableName, Boolean> missing = new ConcurrentHashMap<>();
        int workers = Math.max(1, Math.min(CONNECTIONS_PER_SIDE, tables.size()));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                futures.add(pool.submit(() -> {
                    try (Connection connection = connector.connect(endpoint)) {
                        for (TableName table = queue.poll(); table != null; table = queue.poll()) {
                            if (dialect.exists(connection, table)) {
                                counts.put(table, dialect.countRows(connection, table));
                            } else {
                                missing.put(table, true);
                            }
                        }
                    } catch (SQLException e) {
                        throw Failures.ofSql("Counting rows", endpoint.describe(), e);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RunbookException runbook ? runbook : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting rows", e);
        } finally {
            pool.shutdownNow();
        }
        Map<TableName, Long> result = new java.util.HashMap<>(counts);
        missing.keySet().forEach(t -> result.put(t, null));
        return result;
    }

    private static void pause(MigrationSpec spec) {
        try {
            Thread.sleep(Math.min(MAX_PAUSE_MILLIS, Math.max(1, spec.thresholds().cdcLatencySeconds()) * 1000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
