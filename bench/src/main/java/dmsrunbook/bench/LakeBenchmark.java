package dmsrunbook.bench;

import dmsrunbook.lake.LakeWarmUp;
import dmsrunbook.lake.compaction.CompactedFile;
import dmsrunbook.lake.layout.DmsLayout;
import dmsrunbook.lake.parquet.ParquetBatchReader;
import dmsrunbook.lake.parquet.WriterSettings;
import dmsrunbook.lake.schema.TableSchema;
import dmsrunbook.lake.state.ChangedKeys;
import dmsrunbook.lake.state.CurrentStateMerger;
import dmsrunbook.lake.state.MergedBucket;
import dmsrunbook.lake.testing.GeneratedFile;
import dmsrunbook.lake.testing.LocalChanges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.LocalInputFile;
import dmsrunbook.lake.parquet.LakeCodecFactory;

/**
 * Measures the lake's compaction and current-state merge against DuckDB doing the same, in the same run, on the
 * input {@link GenerateBenchInput} wrote. Prints rows/s, MB/s, peak heap and RSS, output file and row-group sizes,
 * and the throughput ratios (lake / DuckDB). Run it with {@code -Xmx512m} to hold the lake to the heap target.
 * Both engines first warm up on the lake jar's samples, as the deployed function does before its SnapStart snapshot
 * ({@link LakeWarmUp}); {@code LAKE_BENCH_WARM_UP=0} skips that to measure a cold JVM. Each step then runs
 * {@code repeats} times; the report gives the first run and the median.
 * Usage: {@code LakeBenchmark <small|full> <input dir> <work dir> [repeats]}.
 */
public final class LakeBenchmark {

    private static final long TARGET_FILE_BYTES = 128L << 20;

    private LakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String scale = args.length > 0 ? args[0] : "small";
        Path input = Path.of(args.length > 1 ? args[1] : "bench/results/input");
        Path work = Path.of(args.length > 2 ? args[2] : "bench/results/work");
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        System.out.printf("JVM max heap %d MB, %d cores, lake row groups %d MB, files %d MB, SNAPPY; DuckDB %s threads, memory_limit %s%n",
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                WriterSettings.DEFAULT_ROW_GROUP_BYTES >> 20, TARGET_FILE_BYTES >> 20, Runtime.getRuntime().availableProcessors(), "2GB");
        Path duckHome = work.resolve("duckdb-home");
        DuckDbPeer.ensureHome(duckHome);
        try (DuckDbPeer duck = new DuckDbPeer(duckHome.toAbsolutePath(), "2GB", Runtime.getRuntime().availableProcessors())) {
            if (!"0".equals(System.getenv("LAKE_BENCH_WARM_UP"))) {
                warmUp(duck, work.resolve("warm-up"));
            } else {
                System.out.println("no warm-up: the first runs are a cold JVM's");
            }
            for (BenchScenario scenario : BenchScenario.of(scale)) {
                run(scenario, input.resolve(scenario.name()), work.resolve(scenario.name()), duck, repeats);
            }
        }
    }

    private static void run(BenchScenario scenario, Path dir, Path work, DuckDbPeer duck, int repeats) throws Exception {
        List<GeneratedFile> files = dmsFiles(dir);
        long rowsIn = 0;
        long bytesIn = 0;
        for (GeneratedFile file : files) {
            rowsIn += file.rows();
            bytesIn += Files.size(file.file());
        }
        System.out.printf("%n== %s: %d DMS files, %,d rows, %.1f MB (Parquet 1.0, uncompressed, as DMS writes by default); load average %s%n",
                scenario.name(), files.size(), rowsIn, bytesIn / 1e6, loadAverage());
        TableSchema schema = LocalChanges.schemaOf(files);
        DmsLayout layout = new DmsLayout("dms", null);

        List<Measurement> lakeCompaction = new ArrayList<>();
        List<Measurement> duckCompaction = new ArrayList<>();
        List<Path> compacted = List.of();
        for (int r = 0; r < repeats; r++) {
            Path duckOut = fresh(work.resolve("duck-compacted"));
            long start = startClock();
            duck.compact(files.stream().map(GeneratedFile::file).toList(), duckOut, TARGET_FILE_BYTES);
            duckCompaction.add(measured("compaction  duckdb", start, rowsIn, bytesIn, parquetIn(duckOut)));

            Path lakeOut = Files.createDirectories(fresh(work.resolve("lake-compacted")));
            start = startClock();
            List<CompactedFile> out = LocalChanges.compact(layout, files, schema, lakeOut, WriterSettings.defaults(), TARGET_FILE_BYTES);
            lakeCompaction.add(measured("compaction  lake  ", start, rowsIn, bytesIn, out.stream().map(CompactedFile::file).toList()));
            compacted = out.stream().map(CompactedFile::file).toList();
        }

        long mergeBytes = 0;
        for (Path file : compacted) {
            mergeBytes += Files.size(file);
        }
        List<Measurement> lakeMerge = new ArrayList<>();
        List<Measurement> duckMerge = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            Path duckOut = fresh(work.resolve("duck-state"));
            long start = startClock();
            duck.merge(compacted, duckOut);
            duckMerge.add(measured("merge       duckdb", start, rowsIn, mergeBytes, parquetIn(duckOut)));

            Path lakeOut = Files.createDirectories(fresh(work.resolve("lake-state")));
            start = startClock();
            CurrentStateMerger merger = new CurrentStateMerger(schema, List.of("id"), 1, WriterSettings.defaults());
            ChangedKeys keys = merger.scan(compacted);
            List<MergedBucket> merged = merger.merge(keys, Map.of(), () -> lakeOut.resolve("state-" + UUID.randomUUID() + ".parquet"));
            List<Path> outputs = new ArrayList<>();
            merged.forEach(m -> {
                if (m.live() != null) {
                    outputs.add(m.live());
                }
                if (m.tombstones() != null) {
                    outputs.add(m.tombstones());
                }
            });
            lakeMerge.add(measured("merge       lake  ", start, rowsIn, mergeBytes, outputs));
        }

        System.out.println("median of " + repeats + " runs:");
        System.out.println("step        engine   seconds  CPU s      rows/s    MB/s  live heap MB  RSS peak MB  output files (MB, rows, row groups)");
        for (List<Measurement> runs : List.of(duckCompaction, lakeCompaction, duckMerge, lakeMerge)) {
            Measurement m = median(runs);
            System.out.printf("%s %8.2f %6.2f %,11.0f %7.1f %13.0f %12.0f  %s%n", m.what(), m.seconds(), m.cpuSeconds(), m.rowsPerSecond(),
                    m.megabytesPerSecond(), m.heapPeak() / 1048576.0, m.rssPeak() / 1048576.0, describe(m.outputs()));
        }
        for (List<Measurement> runs : List.of(duckCompaction, lakeCompaction, duckMerge, lakeMerge)) {
            System.out.printf("%s runs, s: %s%n", runs.get(0).what(),
                    String.join(" ", runs.stream().map(m -> String.format("%.2f", m.seconds())).toList()));
        }
        System.out.printf("ratio lake/duckdb throughput, median: compaction %.2fx, merge %.2fx; per CPU second: compaction %.2fx, merge %.2fx%n",
                median(duckCompaction).seconds() / median(lakeCompaction).seconds(), median(duckMerge).seconds() / median(lakeMerge).seconds(),
                median(duckCompaction).cpuSeconds() / median(lakeCompaction).cpuSeconds(),
                median(duckMerge).cpuSeconds() / median(lakeMerge).cpuSeconds());
        System.out.printf("ratio lake/duckdb throughput, first run: compaction %.2fx, merge %.2fx%n",
                duckCompaction.get(0).seconds() / lakeCompaction.get(0).seconds(), duckMerge.get(0).seconds() / lakeMerge.get(0).seconds());
    }

    /**
     * Both engines do the steps over and over on the lake jar's small samples, untimed: the lake's JIT compiles its
     * loops (as before the deployed function's SnapStart snapshot) and DuckDB loads what it loads on first use. DuckDB
     * compacts the LOAD sample and the CDC samples {@link LakeWarmUp#CDC_FILES_PER_ROUND} times over, the batch the
     * lake's warm-up compacts.
     */
    private static void warmUp(DuckDbPeer duck, Path dir) throws Exception {
        long start = System.nanoTime();
        LakeWarmUp.Summary lake = LakeWarmUp.run(LakeWarmUp.DEFAULT_ROUNDS);
        double lakeSeconds = (System.nanoTime() - start) / 1e9;
        List<Path> samples = LakeWarmUp.unpackSamples(Files.createDirectories(fresh(dir)));
        // DuckDB merges the lake's compacted files (they carry dms_change_seq), as in the measured steps.
        List<GeneratedFile> files = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            files.add(new GeneratedFile("dms/" + LakeWarmUp.sampleNames().get(i), samples.get(i), ParquetBatchReader.footer(samples.get(i)).rows()));
        }
        Path lakeCompacted = Files.createDirectories(dir.resolve("lake-compacted"));
        List<Path> changes = LocalChanges.compact(new DmsLayout("dms", null), files, LocalChanges.schemaOf(files), lakeCompacted,
                WriterSettings.defaults(), TARGET_FILE_BYTES).stream().map(CompactedFile::file).toList();
        start = System.nanoTime();
        List<Path> batch = new ArrayList<>(List.of(samples.get(0)));
        for (int i = 0; i < LakeWarmUp.CDC_FILES_PER_ROUND; i++) {
            batch.add(samples.get(1 + i % (samples.size() - 1)));
        }
        for (int round = 0; round < LakeWarmUp.DEFAULT_ROUNDS; round++) {
            duck.compact(batch, fresh(dir.resolve("compacted")), TARGET_FILE_BYTES);
            duck.merge(changes, fresh(dir.resolve("state")));
        }
        System.out.printf("warm-up on the lake jar's samples, %d rounds (untimed): lake %.2f s, DuckDB %.2f s%n", lake.rounds(), lakeSeconds,
                (System.nanoTime() - start) / 1e9);
    }

    /** The run with the median wall time (the upper median for an even count). */
    private static Measurement median(List<Measurement> runs) {
        List<Measurement> sorted = runs.stream().sorted(Comparator.comparingDouble(Measurement::seconds)).toList();
        return sorted.get(sorted.size() / 2);
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static long cpuAtStart;

    private static long startClock() {
        PeakMemory.reset();
        cpuAtStart = OS.getProcessCpuTime();
        return System.nanoTime();
    }

    private static Measurement measured(String what, long start, long rowsIn, long bytesIn, List<Path> outputs) throws IOException {
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (OS.getProcessCpuTime() - cpuAtStart) / 1e9;
        long heap = PeakMemory.liveHeapBytes();
        long rss = PeakMemory.rssBytes();
        List<Measurement.OutputStats> stats = new ArrayList<>();
        for (Path output : outputs) {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(output), HadoopFreeReadOptions.with(LakeCodecFactory.INSTANCE))) {
                List<BlockMetaData> groups = reader.getRowGroups();
                stats.add(new Measurement.OutputStats(output.getFileName().toString(), Files.size(output), reader.getRecordCount(), groups.size()));
            }
        }
        return new Measurement(what, seconds, cpu, rowsIn, bytesIn, heap, rss, stats);
    }

    /** The machine's 1-minute load average: other work on the same 2 cores moves every figure. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String describe(List<Measurement.OutputStats> outputs) {
        StringBuilder text = new StringBuilder();
        for (Measurement.OutputStats out : outputs) {
            text.append(String.format("[%.1f MB, %,d rows, %d rg ~%,d rows/%.1f MB] ", out.bytes() / 1e6, out.rows(), out.rowGroups(),
                    out.rows() / Math.max(1, out.rowGroups()), out.bytes() / 1e6 / Math.max(1, out.rowGroups())));
        }
        return text.toString();
    }

    private static List<GeneratedFile> dmsFiles(Path dir) throws IOException {
        List<GeneratedFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.filter(p -> p.toString().endsWith(".parquet")).sorted(Comparator.comparing(Path::toString)).toList()) {
                long rows = ParquetBatchReader.footer(path).rows();
                files.add(new GeneratedFile(dir.relativize(path).toString(), path, rows));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no DMS files under " + dir + ": run GenerateBenchInput first (bench/run does)");
        }
        return files;
    }

    private static List<Path> parquetIn(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir.getParent());
        return dir;
    }
}
