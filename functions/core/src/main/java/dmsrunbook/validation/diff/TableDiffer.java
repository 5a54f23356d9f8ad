package dmsrunbook.validation.diff;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.error.Failures;
import dmsrunbook.error.RunbookException;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.ValidationMode;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Diffs one table, or one key range of it, between the source and the target, within one Lambda invocation.
 *
 * <p>With a key ({@code checksums}, the default): each database counts and checksums the parts of the range itself,
 * both sides at once; only parts that differ are cut again, down to a few rows, whose rows are then fetched and merged
 * in key order in Java. An equal table costs one checksum pass over each side; a few differences cost a few small
 * index-range scans more. {@code rows} merges every row; {@code counts} counts. A table without a usable key is
 * compared by count and one whole-table checksum, reported as weaker evidence.
 *
 * <p>While the application still writes, {@link #diffSettled} re-checks only the ranges that differed, after a pause
 * the caller controls, so only differences that persist count; {@link RecheckPolicy#exact()} is for the final
 * validation. {@link #recheck} is one such round on its own, for a workflow that waits between invocations.
 */
public final class TableDiffer {

    /**
     * The most parts of a first cut sized to the table: each part is a row of the checksum query's result (about 50
     * bytes from each database), and a part of a 10-million-row table is then still about 10,000 rows.
     */
    static final int MAX_SIZED_TOP_PARTS = 1024;

    private final ComparedDatabase source;
    private final ComparedDatabase target;
    private final Clock clock;

    public TableDiffer(ComparedDatabase source, ComparedDatabase target) {
        this(source, target, Clock.systemUTC());
    }

    /** The spec's source and target, connected with the credentials of their secrets. */
    public static TableDiffer of(DatabaseConnector connector, MigrationSpec spec) {
        return new TableDiffer(ComparedDatabase.of(connector, spec.source()), ComparedDatabase.of(connector, spec.target()));
    }

    TableDiffer(ComparedDatabase source, ComparedDatabase target, Clock clock) {
        this.source = source;
        this.target = target;
        this.clock = clock;
    }

    /** Diffs the request's range once. */
    public TableDiffResult diff(TableDiffRequest request) {
        try (Run run = new Run(request)) {
            return run.diff(List.of(request.range()));
        }
    }

    /**
     * Diffs again what {@code previous} found different, now that replication had time to catch up: its re-check
     * ranges when it located its differences, else the whole request. Rows counted stay those of the first pass.
     */
    public TableDiffResult recheck(TableDiffRequest request, TableDiffResult previous) {
        if (previous.equal() || previous.evidence() == Evidence.MISSING_TABLE) {
            return previous;
        }
        boolean located = (previous.evidence() == Evidence.CHECKSUMS || previous.evidence() == Evidence.ROWS)
                && !previous.recheckRanges().isEmpty();
        TableDiffResult again;
        try (Run run = new Run(request)) {
            again = run.diff(located ? previous.recheckRanges() : List.of(request.range()));
        }
        return new TableDiffResult(again.sourceTable(), again.targetTable(), previous.range(), again.mode(), again.evidence(), again.equal(),
                located ? previous.sourceRows() : again.sourceRows(), located ? previous.targetRows() : again.targetRows(),
                again.missingOnTarget(), again.extraOnTarget(), again.changed(), again.missingKeys(), again.extraKeys(), again.changedRows(),
                again.keyColumns(), again.notes(), again.recheckRanges(), previous.rechecks() + 1,
                previous.checksumQueries() + again.checksumQueries(), previous.rowsFetched() + again.rowsFetched(),
                previous.millis() + again.millis());
    }

    /**
     * The request with its open end closed at the source's largest key now: what a diff taken while the application
     * writes compares, so rows inserted after it started (always a moment behind on the target) are left to the final
     * validation instead of being re-checked for ever. A range already closed, a table without a usable key, a table
     * missing on either side or without rows keeps its range.
     */
    public TableDiffRequest closedAtLastKey(TableDiffRequest request) {
        if (request.range().through() != null) {
            return request;
        }
        try (Run run = new Run(request)) {
            return run.closedAtLastKey();
        }
    }

    /** Diffs, then re-checks what differs up to {@code policy.maxRechecks()} times, pausing before each. */
    public TableDiffResult diffSettled(TableDiffRequest request, RecheckPolicy policy, Pause pause) {
        TableDiffResult result = diff(request);
        for (int attempt = 1; attempt <= policy.maxRechecks() && !result.equal() && result.evidence() != Evidence.MISSING_TABLE; attempt++) {
            try {
                pause.await(policy.pause(), attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to re-check " + request.source(), e);
            }
            result = recheck(request, result);
        }
        return result;
    }

    /** A call made on one side: its connection, its dialect, its view of the plan. */
    @FunctionalInterface
    private interface SideCall<T> {
        T call(Connection connection, ChecksumDialect dialect, TableSide side) throws SQLException;
    }

    /** The two results of a call made on both sides. */
    private record Both<T>(T source, T target) {
    }

    /** One diff invocation: its connections, plan and findings. */
    private final class Run implements AutoCloseable {

        private final TableDiffRequest request;
        private final DiffOptions options;
        private final long startNanos = System.nanoTime();
        private final Instant deadline;
        private final ExecutorService targetThread = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "diff-target");
            thread.setDaemon(true);
            return thread;
        });
        private final ChecksumDialect sourceDialect = source.dialect();
        private final ChecksumDialect targetDialect = target.dialect();
        private final DiffTally tally;
        private Connection sourceConnection;
        private Connection targetConnection;
        private Connection sourcePassConnection;
        private Connection targetPassConnection;
        private TablePlan plan;
        private KeyOrder order;

        Run(TableDiffRequest request) {
            this.request = request;
            this.options = request.options();
            this.deadline = clock.instant().plus(options.timeBudget());
            this.tally = new DiffTally(options.maxReportedKeys(), options.maxRecheckRanges());
        }

        TableDiffRequest closedAtLastKey() {
            try {
                sourceConnection = source.openReadOnly(options.timeBudget());
                targetConnection = target.openReadOnly(options.timeBudget());
                Both<Optional<TableDescription>> described = both("Reading the catalog",
                        (c, d, s) -> d.describe(c, request.source()), (c, d, s) -> d.describe(c, request.target()));
                if (described.source().isEmpty() || described.target().isEmpty()) {
                    return request;
                }
                plan = TablePlan.of(described.source().get(), described.target().get(), options.floatTolerance());
                if (!plan.keyed()) {
                    return request;
                }
                return sourceDialect.span(sourceConnection, plan.source(), request.range())
                        .map(span -> request.withRange(new KeyRange(request.range().after(), span.last()))).orElse(request);
            } catch (SQLException e) {
                throw Failures.ofSql("Reading the last key of " + request.source(), source.description(), e);
            }
        }

        TableDiffResult diff(List<KeyRange> ranges) {
            try {
                sourceConnection = source.openReadOnly(options.timeBudget());
                targetConnection = target.openReadOnly(options.timeBudget());
                Both<Optional<TableDescription>> described = both("Reading the catalog",
                        (c, d, s) -> d.describe(c, request.source()), (c, d, s) -> d.describe(c, request.target()));
                if (described.source().isEmpty() || described.target().isEmpty()) {
                    return missingTable(described.source().isEmpty());
                }
                plan = TablePlan.of(described.source().get(), described.target().get(), options.floatTolerance());
                order = plan.keyOrder();
                List<String> notes = new ArrayList<>(plan.notes());
                if (options.mode() == ValidationMode.COUNTS) {
                    for (KeyRange range : ranges) {
                        Both<Long> counts = both("Counting rows", (c, d, s) -> d.count(c, s, range));
                        tally.sourceRows += counts.source();
                        tally.targetRows += counts.target();
                    }
                    notes.add("counts only: row values were not compared");
                    return result(Evidence.COUNTS, tally.sourceRows == tally.targetRows, notes);
                }
                if (!plan.keyed()) {
                    if (!ranges.equals(List.of(KeyRange.ALL))) {
                        throw new IllegalArgumentException(request.source() + " has no usable key: it cannot be diffed by key range");
                    }
                    Both<List<SegmentSum>> sums = both("Checksumming the table", (c, d, s) -> d.checksums(c, s, KeyRange.ALL, List.of()));
                    tally.checksumQueries++;
                    tally.sourceRows = sums.source().get(0).rows();
                    tally.targetRows = sums.target().get(0).rows();
                    return result(Evidence.WHOLE_TABLE_CHECKSUM, sums.source().equals(sums.target()), notes);
                }
                for (KeyRange range : ranges) {
                    if (options.mode() == ValidationMode.ROWS) {
                        long[] rows = compareRows(range, true);
                        tally.sourceRows += rows[0];
                        tally.targetRows += rows[1];
                    } else {
                        checksumRange(range);
                    }
                }
                return result(options.mode() == ValidationMode.ROWS ? Evidence.ROWS : Evidence.CHECKSUMS, tally.differences() == 0, notes);
            } catch (SQLException e) {
                throw Failures.ofSql("Diffing " + request.source(), source.description() + " / " + target.description(), e);
            }
        }

        private void checksumRange(KeyRange range) throws SQLException {
            JavaColumnsPass pass = plan.source().javaCompared().isEmpty() ? null : new JavaColumnsPass(range);
            try {
                Optional<IntegerCut> cut = integerKey() ? integerCut(range, true) : Optional.empty();
                List<Key> bounds = cut.map(IntegerCut::bounds).orElse(List.of());
                Both<List<SegmentSum>> sums = cut.isPresent() ? checksums(range, cut.get()) : checksums(range, bounds);
                tally.sourceRows += sums.source().stream().mapToLong(SegmentSum::rows).sum();
                tally.targetRows += sums.target().stream().mapToLong(SegmentSum::rows).sum();
                visitParts(range, bounds, sums, pass);
                if (pass != null) {
                    pass.finish();
                }
            } finally {
                if (pass != null) {
                    pass.close();
                }
            }
        }

        private void visitParts(KeyRange range, List<Key> bounds, Both<List<SegmentSum>> sums, JavaColumnsPass pass) throws SQLException {
            List<KeyRange> parts = SegmentSplit.parts(range, bounds);
            for (int i = 0; i < parts.size(); i++) {
                visit(parts.get(i), sums.source().get(i), sums.target().get(i), pass);
            }
        }

        /** Bisects a part whose sums differ, until its rows are few enough to fetch. */
        private void visit(KeyRange part, SegmentSum onSource, SegmentSum onTarget, JavaColumnsPass pass) throws SQLException {
            if (onSource.equals(onTarget)) {
                return;
            }
            long rows = Math.max(onSource.rows(), onTarget.rows());
            if (rows <= leafRows()) {
                compareLeaf(part, pass);
                return;
            }
            if (integerKey()) {
                Optional<IntegerCut> cut = integerCut(part, false);
                if (cut.isEmpty() || cut.get().bounds().isEmpty()) {
                    compareLeaf(part, pass);
                    return;
                }
                visitParts(part, cut.get().bounds(), checksums(part, cut.get()), pass);
                return;
            }
            List<Key> bounds = quantileBounds(part, onSource.rows() >= onTarget.rows(), rows);
            if (bounds.isEmpty()) {
                compareLeaf(part, pass);
                return;
            }
            visitParts(part, bounds, checksums(part, bounds), pass);
        }

        private void compareLeaf(KeyRange part, JavaColumnsPass pass) throws SQLException {
            if (pass != null) {
                pass.before(part);
            }
            long before = tally.differences();
            compareRows(part, false);
            if (tally.differences() > before) {
                tally.flag(part);
            }
        }

        /** Merges every row of {@code range}; returns the rows read on each side. */
        private long[] compareRows(KeyRange range, boolean flagEachDifference) throws SQLException {
            RowCursor sourceRows = sourceDialect.rows(sourceConnection, plan.source(), range, plan.source().columns(), options.fetchSize());
            try (sourceRows; RowCursor targetRows = targetDialect.rows(targetConnection, plan.target(), range, plan.target().columns(),
                    options.fetchSize())) {
                RowMerge merge = new RowMerge(sourceRows, targetRows, order, plan.source().columns(), options.floatTolerance(), range.after());
                merge.mergeThrough(null, new RowMerge.Listener() {
                    @Override
                    public void missing(Key key, Key previous) {
                        tally.missing(key);
                        flag(previous, key);
                    }

                    @Override
                    public void extra(Key key, Key previous) {
                        tally.extra(key);
                        flag(previous, key);
                    }

                    @Override
                    public void pair(Key key, List<String> changedColumns, Key previous) {
                        if (!changedColumns.isEmpty()) {
                            tally.changed(key, changedColumns);
                            flag(previous, key);
                        }
                    }

                    private void flag(Key previous, Key key) {
                        if (flagEachDifference) {
                            tally.flag(new KeyRange(previous, key));
                        }
                    }
                });
                tally.rowsFetched += merge.sourceRows + merge.targetRows;
                return new long[] {merge.sourceRows, merge.targetRows};
            }
        }

        private Both<List<SegmentSum>> checksums(KeyRange range, List<Key> bounds) throws SQLException {
            tally.checksumQueries++;
            return both("Checksumming " + range, (c, d, s) -> d.checksums(c, s, range, bounds));
        }

        private Both<List<SegmentSum>> checksums(KeyRange range, IntegerCut cut) throws SQLException {
            tally.checksumQueries++;
            return both("Checksumming " + range, (c, d, s) -> d.checksums(c, s, range, cut));
        }

        private boolean integerKey() {
            return plan.source().key().size() == 1 && plan.source().key().get(0).kind() == ValueKind.INTEGER;
        }

        private int leafRows() {
            boolean indexed = sourceDialect.ordersKeysByIndex(plan.source()) && targetDialect.ordersKeysByIndex(plan.target());
            return indexed ? options.leafRows() : options.unindexedLeafRows();
        }

        /**
         * Equal spans of an integer key's values in {@code range}; open ends are closed at the keys present. The first
         * cut ({@code top}) is sized to the range where both sides number parts by arithmetic (see {@link #topParts}),
         * else it has {@code topSegments} parts; a further cut has {@code splitFactor}. Empty when the range has no rows.
         */
        private Optional<IntegerCut> integerCut(KeyRange range, boolean top) throws SQLException {
            BigInteger low = range.after() == null ? null : new BigInteger(range.after().values().get(0)).add(BigInteger.ONE);
            BigInteger high = range.through() == null ? null : new BigInteger(range.through().values().get(0));
            if (low == null || high == null) {
                Both<Optional<KeySpan>> spans = both("Reading the key span", (c, d, s) -> d.span(c, s, range));
                Optional<BigInteger> first = edge(spans, KeySpan::first, true);
                if (first.isEmpty()) {
                    return Optional.empty();
                }
                low = low == null ? first.get() : low;
                high = high == null ? edge(spans, KeySpan::last, false).orElseThrow() : high;
            }
            int parts = top ? topParts(high.subtract(low).add(BigInteger.ONE)) : options.splitFactor();
            return Optional.of(IntegerCut.of(low, high, parts));
        }

        /**
         * The first cut's parts for {@code values} key values: when both sides number parts by arithmetic, a part costs
         * nothing per row, so the range is cut into parts of about {@code leafRows * splitFactor / 2} values (up to
         * {@link #MAX_SIZED_TOP_PARTS}), and a difference is then bisected inside a small part, not a 32nd of the table.
         * Otherwise {@code topSegments} (each boundary is a comparison on every row).
         */
        private int topParts(BigInteger values) {
            boolean arithmetic = sourceDialect.cutsIntegerKeysByArithmetic(plan.source()) && targetDialect.cutsIntegerKeysByArithmetic(plan.target());
            if (!arithmetic) {
                return options.topSegments();
            }
            BigInteger perPart = BigInteger.valueOf(Math.max(1, (long) leafRows() * options.splitFactor() / 2));
            BigInteger sized = values.add(perPart).subtract(BigInteger.ONE).divide(perPart).min(BigInteger.valueOf(MAX_SIZED_TOP_PARTS));
            return Math.max(options.topSegments(), sized.intValue());
        }

        private Optional<BigInteger> edge(Both<Optional<KeySpan>> spans, java.util.function.Function<KeySpan, Key> end, boolean lowest) {
            return java.util.stream.Stream.of(spans.source(), spans.target()).flatMap(Optional::stream)
                    .map(span -> new BigInteger(end.apply(span).values().get(0)))
                    .reduce(lowest ? BigInteger::min : BigInteger::max);
        }

        /** Every n-th key of the side with more rows in {@code part}, cutting it into about {@code splitFactor} parts. */
        private List<Key> quantileBounds(KeyRange part, boolean onSource, long rows) throws SQLException {
            long every = Math.max(1, (rows + options.splitFactor() - 1) / options.splitFactor());
            checkDeadline();
            List<Key> bounds = onSource ? sourceDialect.quantiles(sourceConnection, plan.source(), part, every)
                    : targetDialect.quantiles(targetConnection, plan.target(), part, every);
            return SegmentSplit.inside(bounds, part, order);
        }

        private TableDiffResult missingTable(boolean sourceMissing) {
            String note = sourceMissing ? "the source table " + request.source() + " does not exist"
                    : "the target table " + request.target() + " does not exist";
            return result(Evidence.MISSING_TABLE, false, List.of(note));
        }

        private TableDiffResult result(Evidence evidence, boolean equal, List<String> notes) {
            boolean allColumns = plan == null || plan.missingOnTarget().isEmpty();
            return new TableDiffResult(request.source().toString(), request.target().toString(), request.range(), options.mode(), evidence,
                    equal && allColumns, tally.sourceRows, tally.targetRows, tally.missing, tally.extra, tally.changed, tally.missingKeys(),
                    tally.extraKeys(), tally.changedRows(), plan == null ? List.of() : plan.keyColumns(), notes, tally.recheckRanges(), 0,
                    tally.checksumQueries, tally.rowsFetched, (System.nanoTime() - startNanos) / 1_000_000);
        }

        private <T> Both<T> both(String action, SideCall<T> call) {
            return both(action, call, call);
        }

        /** Runs the calls on both sides at once (the target's on a second thread); a failure names its side. */
        private <T> Both<T> both(String action, SideCall<T> onSource, SideCall<T> onTarget) {
            checkDeadline();
            TableSide sourceSide = plan == null ? null : plan.source();
            TableSide targetSide = plan == null ? null : plan.target();
            Future<T> onTargetResult = targetThread.submit(() -> {
                try {
                    return onTarget.call(targetConnection, targetDialect, targetSide);
                } catch (SQLException e) {
                    throw Failures.ofSql(action, target.description(), e);
                }
            });
            T onSourceResult;
            try {
                onSourceResult = onSource.call(sourceConnection, sourceDialect, sourceSide);
            } catch (SQLException e) {
                onTargetResult.cancel(true);
                throw Failures.ofSql(action, source.description(), e);
            }
            try {
                return new Both<>(onSourceResult, onTargetResult.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RunbookException runbook ? runbook
                        : e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while diffing " + request.source(), e);
            }
        }

        private void checkDeadline() {
            if (clock.instant().isAfter(deadline)) {
                throw new DiffTimeoutException(request.source().toString(), request.range(), options.timeBudget());
            }
        }

        @Override
        public void close() {
            targetThread.shutdownNow();
            ComparedDatabase.closeQuietly(sourcePassConnection);
            ComparedDatabase.closeQuietly(targetPassConnection);
            ComparedDatabase.closeQuietly(sourceConnection);
            ComparedDatabase.closeQuietly(targetConnection);
        }

        /**
         * The columns left out of the checksum (cross-engine JSON), compared on their own stream of key + those columns
         * over the whole range, on second connections, in step with the bisection: rows inside a part whose rows are
         * merged anyway are skipped, so no row is counted twice, and differences arrive in key order.
         */
        private final class JavaColumnsPass implements AutoCloseable {

            private final RowCursor sourceRows;
            private final RowCursor targetRows;
            private final RowMerge merge;
            private final RowMerge.Listener listener = new RowMerge.Listener() {
                @Override
                public void missing(Key key, Key previous) {
                    // Rows present on one side only change the count, so the checksums find them.
                }

                @Override
                public void extra(Key key, Key previous) {
                }

                @Override
                public void pair(Key key, List<String> changedColumns, Key previous) {
                    if (!changedColumns.isEmpty()) {
                        tally.changed(key, changedColumns);
                        tally.flag(new KeyRange(previous, key));
                    }
                }
            };

            JavaColumnsPass(KeyRange range) throws SQLException {
                if (sourcePassConnection == null) {
                    sourcePassConnection = source.openReadOnly(options.timeBudget());
                    targetPassConnection = target.openReadOnly(options.timeBudget());
                }
                sourceRows = sourceDialect.rows(sourcePassConnection, plan.source(), range, plan.source().javaCompared(), options.fetchSize());
                RowCursor opened;
                try {
                    opened = targetDialect.rows(targetPassConnection, plan.target(), range, plan.target().javaCompared(), options.fetchSize());
                } catch (SQLException | RuntimeException e) {
                    sourceRows.close();
                    throw e;
                }
                targetRows = opened;
                merge = new RowMerge(sourceRows, targetRows, order, plan.source().javaCompared(), options.floatTolerance(), range.after());
            }

            /** Compares the rows before {@code part}, then skips the rows inside it. */
            void before(KeyRange part) throws SQLException {
                if (part.after() != null) {
                    merge.mergeThrough(part.after(), listener);
                }
                merge.skipThrough(part.through());
            }

            void finish() throws SQLException {
                merge.mergeThrough(null, listener);
            }

            @Override
            public void close() throws SQLException {
                tally.rowsFetched += merge.sourceRows + merge.targetRows;
                try (sourceRows; targetRows) {
                    // Both cursors close, even if one fails to.
                }
            }
        }
    }
}
