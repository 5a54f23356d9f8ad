package dmsrunbook.bench;

import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.validation.diff.ComparedDatabase;
import dmsrunbook.validation.diff.DiffOptions;
import dmsrunbook.validation.diff.Evidence;
import dmsrunbook.validation.diff.KeyRange;
import dmsrunbook.validation.diff.SegmentSum;
import dmsrunbook.validation.diff.TableDiffRequest;
import dmsrunbook.validation.diff.TableDiffResult;
import dmsrunbook.validation.diff.TableDiffer;
import dmsrunbook.validation.diff.TablePlan;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The row-level diff ({@code checksums} mode) beside its two peers, in the same run on the same databases: the two
 * {@code count(*)} a count-based validation runs (both sides at once), and fetching every row of both sides ordered by
 * key and comparing them in Java. Two PostgreSQL clusters, a table of N rows with ten planted differences and the same
 * table with none; then MariaDB to PostgreSQL. Every method must find exactly the planted differences (counts: the
 * counts); the run fails otherwise. Prints seconds (median and first of the runs), the bytes each database sent and
 * what they would take over a 100 Mbit/s VPN, CPU seconds of this JVM and of each server, and the heap. A fourth line
 * bounds what any checksum diff can reach: the diff's own row hash summed over the whole table in one statement per
 * side (no parts, no bisection, nothing fetched), both sides at once; a diff that reads every value costs at least that.
 * Run with {@code bench/run diff}.
 */
public final class DiffBenchmark {

    private static final String METHOD_COUNTS = "two counts (parallel)";
    private static final String METHOD_DIFF = "diff (checksums)";
    private static final String METHOD_FETCH = "full fetch + compare";
    private static final String METHOD_ONE_SUM = "one checksum (bound)";

    private final int repeats;
    private final DiffOptions options;
    private final Map<String, String> postgresSettings;
    private final List<String> failures = new ArrayList<>();
    private final List<String> summary = new ArrayList<>();

    private DiffBenchmark(int repeats, DiffOptions options, Map<String, String> postgresSettings) {
        this.repeats = repeats;
        this.options = options;
        this.postgresSettings = postgresSettings;
    }

    public static void main(String[] args) throws Exception {
        List<Long> sizes = Arrays.stream((args.length > 0 ? args[0] : env("DIFF_BENCH_ROWS", "10000000")).split(","))
                .map(s -> Long.parseLong(s.trim().replace("_", ""))).filter(rows -> rows > 0).toList();
        long mariaDbRows = Long.parseLong((args.length > 1 ? args[1] : env("DIFF_BENCH_MARIADB_ROWS", "1000000")).replace("_", ""));
        int repeats = Integer.parseInt(env("DIFF_BENCH_REPEATS", "3"));
        DiffOptions options = DiffOptions.defaults().withMaxReportedKeys(20);
        // Tuning to try, e.g. DIFF_BENCH_SEGMENTS=1024,16,128: top segments, split factor, rows fetched instead of cut.
        String segmentation = env("DIFF_BENCH_SEGMENTS", "");
        if (!segmentation.isEmpty()) {
            int[] values = Arrays.stream(segmentation.split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
            options = options.withSegmentation(values[0], values[1], values[2], options.unindexedLeafRows());
        }
        // Settings of both PostgreSQL clusters on top of the benchmark's, e.g. DIFF_BENCH_PG_SETTINGS=jit=off.
        Map<String, String> settings = new java.util.LinkedHashMap<>(Map.of("shared_buffers", "256MB", "max_wal_size", "4GB"));
        for (String setting : env("DIFF_BENCH_PG_SETTINGS", "").split(",")) {
            if (setting.contains("=")) {
                settings.put(setting.substring(0, setting.indexOf('=')).trim(), setting.substring(setting.indexOf('=') + 1).trim());
            }
        }
        DiffBenchmark benchmark = new DiffBenchmark(repeats, options, settings);
        benchmark.run(sizes, mariaDbRows);
        if (!benchmark.failures.isEmpty()) {
            System.out.println("\nFAILED:");
            benchmark.failures.forEach(f -> System.out.println("  " + f));
            System.exit(1);
        }
    }

    private void run(List<Long> sizes, long mariaDbRows) throws Exception {
        System.out.printf("diff benchmark, %s; %d cores; JVM %s, max heap %d MB; %d runs per method%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, repeats);
        System.out.println("uptime before: " + uptime());
        System.out.printf("diff: top segments %d (one integer key, PostgreSQL on both sides: parts of about %d key values, up to 1,024), "
                + "split factor %d, leaf rows %d; PostgreSQL settings %s%n", options.topSegments(),
                options.leafRows() * options.splitFactor() / 2, options.splitFactor(), options.leafRows(), postgresSettings);
        try (LocalPostgres source = LocalPostgres.start("diff-source", postgresSettings);
             LocalPostgres target = LocalPostgres.start("diff-target", postgresSettings)) {
            for (long rows : sizes) {
                postgresToPostgres(source, target, rows);
            }
            if (mariaDbRows > 0) {
                try (LocalMariaDb mariaDb = LocalMariaDb.start("diff-source",
                        Map.of("innodb_buffer_pool_size", "512M", "innodb_log_file_size", "256M"))) {
                    mariaDbToPostgres(mariaDb, target, mariaDbRows);
                }
            }
        }
        System.out.println("\nSummary (medians of " + repeats + " runs; ratios of medians, first runs in brackets)");
        System.out.println("| source -> target, rows | table | two counts s | diff s | full fetch s | diff / counts | fetch / diff "
                + "| servers' CPU s: counts, diff, fetch | diff: source sent, target sent | fetch: source sent, target sent "
                + "| diff heap live / peak |");
        summary.forEach(System.out::println);
        System.out.println("uptime after: " + uptime());
    }

    private void postgresToPostgres(LocalPostgres sourceCluster, LocalPostgres targetCluster, long rows) throws Exception {
        String database = "diff_" + rows;
        System.out.printf("%n== PostgreSQL -> PostgreSQL, %,d rows (load average %s)%n", rows, loadAverage());
        sourceCluster.createDatabase(database);
        targetCluster.createDatabase(database);
        DiffBenchData data = new DiffBenchData(rows);
        long start = System.nanoTime();
        data.generateOnPostgres(sourceCluster, database);
        System.out.printf("generated on the source in %.1f s (not measured)%n", seconds(start));
        start = System.nanoTime();
        data.copyPostgresToPostgres(sourceCluster, targetCluster, database);
        System.out.printf("copied to the target twice, keyed, planted, vacuumed in %.1f s (not measured)%n", seconds(start));
        BenchDatabase source = postgres(sourceCluster, "source", database);
        BenchDatabase target = postgres(targetCluster, "target", database);
        System.out.println("table size on the source: " + tableSize(source));
        Sides sides = new Sides(source, ServerCpu.postgres(source), target, ServerCpu.postgres(target));
        TableName items = new TableName("public", DiffBenchData.SOURCE);
        for (boolean planted : new boolean[] {true, false}) {
            String targetTable = planted ? DiffBenchData.PLANTED : DiffBenchData.EQUAL;
            compare("PostgreSQL -> PostgreSQL, " + String.format("%,d", rows), sides, items, new TableName("public", targetTable),
                    planted ? data.planted() : Set.of(), rows, true,
                    () -> FullFetchPeer.copyBoth(source, DiffBenchData.SOURCE, target, targetTable, DiffBenchData.COLUMNS));
        }
        sourceCluster.execute("postgres", "DROP DATABASE " + database);
        targetCluster.execute("postgres", "DROP DATABASE " + database);
    }

    private void mariaDbToPostgres(LocalMariaDb sourceServer, LocalPostgres targetCluster, long rows) throws Exception {
        String database = "diff_mariadb";
        System.out.printf("%n== MariaDB -> PostgreSQL, %,d rows (load average %s)%n", rows, loadAverage());
        sourceServer.createDatabase(database);
        targetCluster.createDatabase(database);
        DiffBenchData data = new DiffBenchData(rows);
        long start = System.nanoTime();
        data.generateOnMariaDb(sourceServer, database);
        System.out.printf("generated on the source in %.1f s (not measured)%n", seconds(start));
        start = System.nanoTime();
        data.copyMariaDbToPostgres(sourceServer, database, targetCluster, database);
        System.out.printf("copied to the target twice, keyed, planted, vacuumed in %.1f s (not measured)%n", seconds(start));
        BenchDatabase source = new BenchDatabase(DatabaseEngine.MARIADB, "source", sourceServer.port(), sourceServer.jdbcUrl(database),
                LocalMariaDb.ROOT, LocalMariaDb.PASSWORD);
        BenchDatabase target = postgres(targetCluster, "target", database);
        Sides sides = new Sides(source, ServerCpu.mariaDb(source), target, ServerCpu.postgres(target));
        String columns = String.join(", ", DiffBenchData.COLUMNS);
        for (boolean planted : new boolean[] {true, false}) {
            String targetTable = planted ? DiffBenchData.PLANTED : DiffBenchData.EQUAL;
            compare("MariaDB -> PostgreSQL, " + String.format("%,d", rows), sides, new TableName(database, DiffBenchData.SOURCE),
                    new TableName("public", targetTable), planted ? data.planted() : Set.of(), rows, false,
                    () -> FullFetchPeer.jdbcBoth(source, "SELECT " + columns + " FROM items ORDER BY id",
                            target, "SELECT " + columns.replace("doc", "doc::text") + " FROM public." + targetTable + " ORDER BY id",
                            DiffBenchData.COLUMNS));
        }
        targetCluster.execute("postgres", "DROP DATABASE " + database);
    }

    /** The two databases of one comparison and their CPU counters. */
    private record Sides(BenchDatabase source, ServerCpu sourceCpu, BenchDatabase target, ServerCpu targetCpu) {
    }

    @FunctionalInterface
    private interface Peer {
        FullFetchPeer.Outcome fetchAndCompare() throws Exception;
    }

    @FunctionalInterface
    private interface Step {
        String run() throws Exception;
    }

    private void compare(String pair, Sides sides, TableName sourceTable, TableName targetTable, Set<String> expected, long rows,
                         boolean sameEngine, Peer peer) throws Exception {
        String table = expected.isEmpty() ? "no differences" : expected.size() + " planted differences";
        System.out.printf("%n-- %s: %s vs %s, %s%n", pair, sourceTable, targetTable, table);
        TableDiffer differ = new TableDiffer(sides.source().compared(), sides.target().compared());
        TableDiffRequest request = new TableDiffRequest(sourceTable, targetTable, KeyRange.ALL, options);
        List<MethodRun> counts = new ArrayList<>();
        List<MethodRun> diffs = new ArrayList<>();
        List<MethodRun> fetches = new ArrayList<>();
        List<MethodRun> oneSums = new ArrayList<>();
        Set<String> diffFound = Set.of();
        Set<String> fetchFound = Set.of();
        for (int run = 1; run <= repeats; run++) {
            String label = pair + ", " + table + ", run " + run + ": ";
            counts.add(measure(sides, () -> {
                long[] both = countBoth(sides.source(), sourceTable, sides.target(), targetTable);
                // The planted rows: two deleted, two inserted: the counts are equal while the data is not.
                check(both[0] == rows && both[1] == rows, label + "counts " + both[0] + " / " + both[1] + ", expected " + rows + " each");
                return String.format("source %,d rows, target %,d rows: counts %s", both[0], both[1], both[0] == both[1] ? "equal" : "differ");
            }));
            AtomicReference<Set<String>> found = new AtomicReference<>(Set.of());
            diffs.add(measure(sides, () -> {
                TableDiffResult result = differ.diff(request);
                found.set(Findings.of(result));
                check(result.evidence() == Evidence.CHECKSUMS, label + "diff evidence " + result.evidence());
                check(result.equal() == expected.isEmpty(), label + "diff says equal=" + result.equal());
                check(found.get().equals(expected), label + "diff found " + found.get() + ", planted " + expected);
                check(result.sourceRows() == rows, label + "diff counted " + result.sourceRows() + " source rows");
                return String.format("checksum queries %d, rows fetched %,d, %d differences", result.checksumQueries(), result.rowsFetched(),
                        result.differences());
            }));
            diffFound = found.get();
            fetches.add(measure(sides, () -> {
                FullFetchPeer.Outcome outcome = peer.fetchAndCompare();
                found.set(outcome.findings().lines());
                check(found.get().equals(expected), label + "full fetch found " + found.get() + ", planted " + expected);
                check(outcome.sourceRows() == rows, label + "full fetch read " + outcome.sourceRows() + " source rows");
                return String.format("rows read %,d + %,d, %d differences", outcome.sourceRows(), outcome.targetRows(), found.get().size());
            }));
            fetchFound = found.get();
            oneSums.add(measure(sides, () -> {
                SegmentSum[] sums = oneChecksumBoth(sides, sourceTable, targetTable, options);
                check(sums[0].rows() == rows, label + "one checksum counted " + sums[0].rows() + " source rows");
                check(sums[0].equals(sums[1]) == expected.isEmpty(), label + "one checksum says equal=" + sums[0].equals(sums[1]));
                return String.format("whole table, sums %s", sums[0].equals(sums[1]) ? "equal" : "differ");
            }));
        }
        if (!expected.isEmpty()) {
            System.out.println("planted, and what the diff / the full fetch found (last run):");
            for (String difference : expected) {
                System.out.printf("  %-44s diff: %-5s full fetch: %s%n", difference, diffFound.contains(difference) ? "found" : "MISSED",
                        fetchFound.contains(difference) ? "found" : "MISSED");
            }
        }
        for (String difference : diffFound) {
            if (!expected.contains(difference)) {
                System.out.println("  NOT PLANTED, reported by the diff: " + difference);
            }
        }
        for (String difference : fetchFound) {
            if (!expected.contains(difference)) {
                System.out.println("  NOT PLANTED, reported by the full fetch: " + difference);
            }
        }
        boolean exact = diffFound.equals(expected) && fetchFound.equals(expected);
        System.out.println(!exact ? "FINDINGS DIFFER FROM THE PLANTED DIFFERENCES"
                : expected.isEmpty() ? "no difference reported by either" : "every planted difference found by both, and nothing else");
        report(pair, table, counts, diffs, fetches, oneSums, sameEngine);
    }

    private void report(String pair, String table, List<MethodRun> counts, List<MethodRun> diffs, List<MethodRun> fetches,
                        List<MethodRun> oneSums, boolean sameEngine) {
        System.out.printf("%-22s %8s %8s  %-22s %13s %13s %9s %9s %7s %7s %7s %9s %9s  %s%n", "method", "median s", "first s", "every run s",
                "source sent", "target sent", "VPN src s", "VPN all s", "JVM cpu", "src cpu", "tgt cpu", "heap live", "heap peak", "detail");
        line(METHOD_COUNTS, counts);
        line(METHOD_DIFF, diffs);
        line(METHOD_FETCH, fetches);
        line(METHOD_ONE_SUM, oneSums);
        MethodRun count = median(counts);
        MethodRun oneSum = median(oneSums);
        MethodRun diff = median(diffs);
        MethodRun fetch = median(fetches);
        double diffPerCount = diff.seconds() / count.seconds();
        double fetchPerDiff = fetch.seconds() / diff.seconds();
        double firstDiffPerCount = diffs.get(0).seconds() / counts.get(0).seconds();
        double firstFetchPerDiff = fetches.get(0).seconds() / diffs.get(0).seconds();
        System.out.printf("diff / two counts: %.1fx (first runs %.1fx)%s%n", diffPerCount, firstDiffPerCount,
                sameEngine ? (diffPerCount <= 5 ? "  target <= 5x: met" : "  target <= 5x: NOT met") : "  (cross-engine: reported, no target)");
        System.out.printf("full fetch / diff: %.1fx (first runs %.1fx)%s%n", fetchPerDiff, firstFetchPerDiff,
                sameEngine ? (fetchPerDiff >= 5 ? "  target >= 5x: met" : "  target >= 5x: NOT met") : "  (cross-engine: reported, no target)");
        System.out.printf("bound: one checksum of the whole table / two counts: %.1fx; full fetch / one checksum: %.1fx; "
                + "diff / one checksum: %.2fx%n", oneSum.seconds() / count.seconds(), fetch.seconds() / oneSum.seconds(),
                diff.seconds() / oneSum.seconds());
        System.out.printf("bytes sent by the databases: diff %s, full fetch %s (%.0fx); over a 100 Mbit/s VPN: diff %.2f s, full fetch %.1f s "
                        + "(source's bytes) / %.1f s (both sides')%n", bytes(diff.sourceBytes() + diff.targetBytes()),
                bytes(fetch.sourceBytes() + fetch.targetBytes()), (fetch.sourceBytes() + fetch.targetBytes()) / (double) Math.max(1,
                        diff.sourceBytes() + diff.targetBytes()), diff.bothVpnSeconds(), fetch.sourceVpnSeconds(), fetch.bothVpnSeconds());
        System.out.printf("servers' CPU seconds (source + target): two counts %.2f, diff %.2f, full fetch %.2f (this JVM: %.2f, %.2f, %.2f)%n",
                serverCpu(count), serverCpu(diff), serverCpu(fetch), count.jvmCpuSeconds(), diff.jvmCpuSeconds(), fetch.jvmCpuSeconds());
        summary.add(String.format("| %s | %s | %.2f | %.2f | %.2f | %.1fx (%.1fx) | %.1fx (%.1fx) | %.2f, %.2f, %.2f | %s, %s | %s, %s | %d / %d MB |",
                pair, table, count.seconds(), diff.seconds(), fetch.seconds(), diffPerCount, firstDiffPerCount, fetchPerDiff, firstFetchPerDiff,
                serverCpu(count), serverCpu(diff), serverCpu(fetch), bytes(diff.sourceBytes()), bytes(diff.targetBytes()),
                bytes(fetch.sourceBytes()), bytes(fetch.targetBytes()), diff.heapLive() >> 20, diff.heapPeak() >> 20));
    }

    private static double serverCpu(MethodRun run) {
        return run.sourceCpuSeconds() + run.targetCpuSeconds();
    }

    private static void line(String method, List<MethodRun> runs) {
        MethodRun median = median(runs);
        String every = String.join(" ", runs.stream().map(r -> String.format("%.2f", r.seconds())).toList());
        System.out.printf("%-22s %8.2f %8.2f  %-22s %13s %13s %9.2f %9.2f %7.2f %7.2f %7.2f %6d MB %6d MB  %s%n", method, median.seconds(),
                runs.get(0).seconds(), every, bytes(median.sourceBytes()), bytes(median.targetBytes()), median.sourceVpnSeconds(),
                median.bothVpnSeconds(), median.jvmCpuSeconds(), median.sourceCpuSeconds(), median.targetCpuSeconds(), median.heapLive() >> 20,
                median.heapPeak() >> 20, median.detail());
    }

    /** The run of median wall time. */
    private static MethodRun median(List<MethodRun> runs) {
        List<MethodRun> sorted = runs.stream().sorted(Comparator.comparingDouble(MethodRun::seconds)).toList();
        return sorted.get(sorted.size() / 2);
    }

    private MethodRun measure(Sides sides, Step step) throws Exception {
        PeakMemory.reset();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        CountingSocketFactory.reset();
        double sourceCpu = sides.sourceCpu().seconds();
        double targetCpu = sides.targetCpu().seconds();
        long jvmCpu = jvmCpuNanos();
        long start = System.nanoTime();
        String detail = step.run();
        double seconds = seconds(start);
        double jvmSeconds = (jvmCpuNanos() - jvmCpu) / 1e9;
        long sourceBytes = sides.source().bytesSent();
        long targetBytes = sides.target().bytesSent();
        long sent = sides.source().bytesReceived() + sides.target().bytesReceived();
        long heapPeak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        // Closed sessions' server processes exit and are counted by their parent once reaped.
        Thread.sleep(300);
        return new MethodRun(seconds, jvmSeconds, sides.sourceCpu().seconds() - sourceCpu, sides.targetCpu().seconds() - targetCpu,
                sourceBytes, targetBytes, sent, PeakMemory.liveHeapBytes(), heapPeak, detail);
    }

    /** {@code count(*)} on both sides at once, each on its own connection, as the runbook's count validation does. */
    private static long[] countBoth(BenchDatabase source, TableName sourceTable, BenchDatabase target, TableName targetTable) throws Exception {
        ExecutorService sides = Executors.newFixedThreadPool(2);
        try {
            Future<Long> onTarget = sides.submit(() -> count(target, targetTable));
            Future<Long> onSource = sides.submit(() -> count(source, sourceTable));
            return new long[] {onSource.get(), onTarget.get()};
        } finally {
            sides.shutdownNow();
        }
    }

    /**
     * The diff's row hash summed over each whole table, both sides at once: the statement the diff's first pass runs,
     * without its parts (one part, so no grouping) and without anything after it.
     */
    private static SegmentSum[] oneChecksumBoth(Sides sides, TableName sourceTable, TableName targetTable, DiffOptions options)
            throws Exception {
        ComparedDatabase source = sides.source().compared();
        ComparedDatabase target = sides.target().compared();
        try (Connection onSource = source.openReadOnly(options.timeBudget()); Connection onTarget = target.openReadOnly(options.timeBudget())) {
            TablePlan plan = TablePlan.of(source.dialect().describe(onSource, sourceTable).orElseThrow(),
                    target.dialect().describe(onTarget, targetTable).orElseThrow(), options.floatTolerance());
            ExecutorService both = Executors.newFixedThreadPool(2);
            try {
                Future<List<SegmentSum>> onTargetSum = both.submit(() -> target.dialect().checksums(onTarget, plan.target(), KeyRange.ALL, List.of()));
                Future<List<SegmentSum>> onSourceSum = both.submit(() -> source.dialect().checksums(onSource, plan.source(), KeyRange.ALL, List.of()));
                return new SegmentSum[] {onSourceSum.get().get(0), onTargetSum.get().get(0)};
            } finally {
                both.shutdownNow();
            }
        }
    }

    private static long count(BenchDatabase database, TableName table) throws Exception {
        try (Connection connection = database.connect()) {
            return DatabaseFamilies.of(database.engine()).dialect().countRows(connection, table);
        }
    }

    private void check(boolean condition, String failure) {
        if (!condition) {
            failures.add(failure);
            System.out.println("FAILED: " + failure);
        }
    }

    private static BenchDatabase postgres(LocalPostgres cluster, String name, String database) {
        return new BenchDatabase(DatabaseEngine.POSTGRES, name, cluster.port(), cluster.jdbcUrl(database), LocalPostgres.SUPERUSER,
                LocalPostgres.PASSWORD);
    }

    private static String tableSize(BenchDatabase database) throws Exception {
        try (Connection connection = database.connect(); var statement = connection.createStatement();
             var row = statement.executeQuery("SELECT pg_size_pretty(pg_table_size('public.items')), "
                     + "pg_size_pretty(pg_indexes_size('public.items'))")) {
            row.next();
            return row.getString(1) + " + key index " + row.getString(2);
        }
    }

    private static String bytes(long bytes) {
        if (bytes < 10_000) {
            return bytes + " B";
        }
        if (bytes < 10_000_000) {
            return String.format("%.1f KB", bytes / 1e3);
        }
        return String.format("%.1f MB", bytes / 1e6);
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String uptime() {
        try {
            Process process = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor();
            return output;
        } catch (Exception e) {
            return "load average " + loadAverage();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
