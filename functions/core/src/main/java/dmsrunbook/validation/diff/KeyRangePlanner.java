package dmsrunbook.validation.diff;

import dmsrunbook.error.Failures;
import dmsrunbook.mapping.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a table too large for one invocation into key ranges of about {@code maxRowsPerRange} rows each, to be diffed
 * separately (one Map item each) and combined with {@link TableDiffResult#combine}. The boundaries are key quantiles
 * of the source, read in one ordered pass over its key (an index-only scan for most keys), so every range holds about
 * the same work whatever the key's values look like. A table without a usable key stays whole.
 */
public final class KeyRangePlanner {

    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(10);

    private final ComparedDatabase source;
    private final ComparedDatabase target;

    public KeyRangePlanner(ComparedDatabase source, ComparedDatabase target) {
        this.source = source;
        this.target = target;
    }

    /** Ranges covering every key once, in key order: {@code [ALL]} when the table fits in one. */
    public List<KeyRange> plan(TableName sourceTable, TableName targetTable, long maxRowsPerRange) {
        if (maxRowsPerRange < 1) {
            throw new IllegalArgumentException("maxRowsPerRange must be at least 1");
        }
        Optional<TableDescription> onTarget;
        try (Connection connection = target.openReadOnly(STATEMENT_TIMEOUT)) {
            onTarget = target.dialect().describe(connection, targetTable);
        } catch (SQLException e) {
            throw Failures.ofSql("Reading the catalog", target.description(), e);
        }
        try (Connection connection = source.openReadOnly(STATEMENT_TIMEOUT)) {
            ChecksumDialect dialect = source.dialect();
            Optional<TableDescription> onSource = dialect.describe(connection, sourceTable);
            if (onSource.isEmpty() || onTarget.isEmpty()) {
                return List.of(KeyRange.ALL);
            }
            // The key's kinds come from pairing both sides, exactly as the diff of each range will order them.
            TablePlan plan = TablePlan.of(onSource.get(), onTarget.get(), 0);
            if (!plan.keyed()) {
                return List.of(KeyRange.ALL);
            }
            List<Key> bounds = dialect.quantiles(connection, plan.source(), KeyRange.ALL, maxRowsPerRange);
            return SegmentSplit.parts(KeyRange.ALL, SegmentSplit.inside(bounds, KeyRange.ALL, plan.keyOrder()));
        } catch (SQLException e) {
            throw Failures.ofSql("Planning key ranges of " + sourceTable, source.description(), e);
        }
    }
}
