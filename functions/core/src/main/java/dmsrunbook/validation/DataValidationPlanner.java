package dmsrunbook.validation;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.error.Failures;
import dmsrunbook.error.RunbookException;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.validation.diff.ComparedDatabase;
import dmsrunbook.validation.diff.KeyRange;
import dmsrunbook.validation.diff.KeyRangePlanner;
import dmsrunbook.validation.diff.TableDiffRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Plans a validation: lists the tables the spec's mappings select on the source, estimates their rows from the
 * catalog, cuts each table larger than {@code validation.maxRowsPerItem} into key ranges of about that many rows
 * ({@link KeyRangePlanner}, several tables at once) and packs the rest, several tables to an item
 * ({@link ItemPacking}). Read-only on both sides.
 */
public final class DataValidationPlanner {

    /** Tables one item diffs at most: a hundred small tables take seconds, and 10,000 tables make 100 items. */
    public static final int MAX_TABLES_PER_ITEM = 100;
    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(5);

    private final ComparedDatabase source;
    private final ComparedDatabase target;

    public DataValidationPlanner(ComparedDatabase source, ComparedDatabase target) {
        this.source = source;
        this.target = target;
    }

    /** The spec's source and target, connected with the credentials of their secrets. */
    public static DataValidationPlanner of(DatabaseConnector connector, MigrationSpec spec) {
        return new DataValidationPlanner(ComparedDatabase.of(connector, spec.source()), ComparedDatabase.of(connector, spec.target()));
    }

    /** Every selected table, or only {@code only} when it is one of them (none when it is not). */
    public DataValidationPlan plan(MigrationSpec spec, Optional<TableName> only) {
        List<TableName> tables;
        Map<TableName, Long> estimates;
        try (Connection connection = source.openReadOnly(STATEMENT_TIMEOUT)) {
            tables = new ArrayList<>(spec.mappings().select(DatabaseFamilies.of(source.engine()).dialect().listTables(connection)));
            only.ifPresent(table -> tables.retainAll(List.of(table)));
            estimates = tables.isEmpty() ? Map.of() : source.dialect().estimatedRows(connection, tables);
        } catch (SQLException e) {
            throw Failures.ofSql("Listing the tables to validate", source.description(), e);
        }
        long maxRows = spec.validation().maxRowsPerItem();
        List<TableName> large = tables.stream().filter(t -> estimates.getOrDefault(t, 0L) > maxRows).toList();
        Map<TableName, List<KeyRange>> ranges = ranges(spec, large, maxRows);
        List<PlannedDiff> diffs = new ArrayList<>();
        int split = 0;
        for (TableName table : tables) {
            List<KeyRange> tableRanges = ranges.getOrDefault(table, List.of(KeyRange.ALL));
            split += tableRanges.size() > 1 ? 1 : 0;
            for (KeyRange range : tableRanges) {
                long rows = tableRanges.size() > 1 ? maxRows : Math.min(maxRows, estimates.getOrDefault(table, 0L));
                diffs.add(new PlannedDiff(TableDiffRequest.of(spec, table, range), rows));
            }
        }
        return new DataValidationPlan(ItemPacking.pack(diffs, maxRows, MAX_TABLES_PER_ITEM), tables.size(), split);
    }

    /** The key ranges of each large table, planned {@code validation.maxConcurrency} tables at a time. */
    private Map<TableName, List<KeyRange>> ranges(MigrationSpec spec, List<TableName> large, long maxRows) {
        Map<TableName, List<KeyRange>> ranges = new LinkedHashMap<>();
        if (large.isEmpty()) {
            return ranges;
        }
        KeyRangePlanner planner = new KeyRangePlanner(source, target);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(large.size(), spec.validation().maxConcurrency()));
        try {
            Map<TableName, Future<List<KeyRange>>> planned = new LinkedHashMap<>();
            for (TableName table : large) {
                planned.put(table, pool.submit(() -> planner.plan(table, spec.mappings().targetName(table), maxRows)));
            }
            for (Map.Entry<TableName, Future<List<KeyRange>>> entry : planned.entrySet()) {
                ranges.put(entry.getKey(), entry.getValue().get());
            }
            return ranges;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RunbookException runbook ? runbook : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while planning key ranges", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
