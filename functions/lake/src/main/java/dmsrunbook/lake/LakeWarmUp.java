package dmsrunbook.lake;

import dmsrunbook.lake.compaction.ChangeCompactor;
import dmsrunbook.lake.compaction.ChangeInput;
import dmsrunbook.lake.compaction.CompactedFile;
import dmsrunbook.lake.compaction.DmsChangeInputs;
import dmsrunbook.lake.compaction.OutputFiles;
import dmsrunbook.lake.layout.DmsLayout;
import dmsrunbook.lake.parquet.ParquetBatchReader;
import dmsrunbook.lake.parquet.WriterSettings;
import dmsrunbook.lake.schema.TableSchema;
import dmsrunbook.lake.state.ChangedKeys;
import dmsrunbook.lake.state.CurrentStateMerger;
import dmsrunbook.lake.state.MergedBucket;
import dmsrunbook.lake.state.StateBucketFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Runs the lake's real compaction and current-state merge, a number of rounds, on small DMS-shaped files shipped in
 * the jar ({@code warm-up/}: a LOAD file and two CDC files of {@code public.orders}, written by the tests' DMS file
 * generator). A round is what a busy table's batches look like: the LOAD file and {@value #CDC_FILES_PER_ROUND} CDC
 * files (the two samples again and again, under successive DMS file names a second apart), compacted and merged in
 * two batches, the second into the first's state. SnapStart snapshots the JVM after this, compiled code included, so
 * the first batch after a restore runs the per-file, per-page and per-row code compiled rather than interpreted; the
 * benchmark warms up the same way.
 */
public final class LakeWarmUp {

    /** Enough rounds for the JIT to compile the per-page and per-row loops (C1 thresholds are a few hundred calls). */
    public static final int DEFAULT_ROUNDS = 12;
    /** CDC files a round compacts: enough that opening a file (footer, page readers) is compiled like a page is. */
    public static final int CDC_FILES_PER_ROUND = 40;
    private static final LocalDateTime FIRST_CDC_FILE = LocalDateTime.of(2026, 1, 1, 0, 0);
    private static final DateTimeFormatter CDC_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS'0.parquet'");

    private static final String RESOURCES = "warm-up/";
    private static final String FOLDER = "warm-up";
    private static final DmsLayout LAYOUT = new DmsLayout(FOLDER, null);

    /**
     * What the rounds processed.
     *
     * @param rounds        rounds run
     * @param rowsCompacted rows the compaction wrote, over all rounds
     * @param liveRows      rows of the current state the last round wrote
     */
    public record Summary(int rounds, long rowsCompacted, long liveRows) {
    }

    private LakeWarmUp() {
    }

    /** Runs the given number of rounds in a temporary directory, which is removed afterwards. */
    public static Summary run(int rounds) throws IOException {
        Path work = Files.createTempDirectory("lake-warm-up-");
        try {
            List<Sample> samples = unpack(work);
            TableSchema schema = TableSchema.fromDmsFile(ParquetBatchReader.readSchema(samples.get(samples.size() - 1).file()));
            List<Sample> batch = new ArrayList<>(List.of(samples.get(0)));
            for (int i = 0; i < CDC_FILES_PER_ROUND; i++) {
                Sample cdc = samples.get(1 + i % (samples.size() - 1));
                batch.add(new Sample(FOLDER + "/public/orders/" + CDC_NAME.format(FIRST_CDC_FILE.plusSeconds(i)), cdc.file()));
            }
            int half = 1 + CDC_FILES_PER_ROUND / 2;
            long compacted = 0;
            long live = 0;
            for (int round = 0; round < rounds; round++) {
                Path out = Files.createDirectories(work.resolve("round-" + round));
                // The second batch is merged into the state the first made, so the incremental path is compiled too.
                List<CompactedFile> first = compact(batch.subList(0, half), schema, out);
                List<CompactedFile> second = compact(batch.subList(half, batch.size()), schema, out);
                compacted += rows(first) + rows(second);
                MergedBucket state = merge(schema, first, Map.of(), out);
                MergedBucket next = merge(schema, second, Map.of(0, new StateBucketFiles(state.live(), state.tombstones())), out);
                live = next.liveRows();
                delete(out);
            }
            return new Summary(rounds, compacted, live);
        } finally {
            delete(work);
        }
    }

    /** The sample files as the jar holds them, in DMS's order (LOAD first, then CDC by time). */
    public static List<String> sampleNames() throws IOException {
        try (InputStream list = resource("files.txt")) {
            return new String(list.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
    }

    /** Copies the sample files into {@code dir}, in DMS's order: what a peer warms up on in the benchmark. */
    public static List<Path> unpackSamples(Path dir) throws IOException {
        return unpack(dir).stream().map(Sample::file).toList();
    }

    private record Sample(String key, Path file) {
    }

    private static List<Sample> unpack(Path work) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (String name : sampleNames()) {
            Path file = work.resolve(name.replace('/', '_'));
            try (InputStream in = resource(name)) {
                Files.copy(in, file);
            }
            samples.add(new Sample(FOLDER + "/" + name, file));
        }
        return samples;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = LakeWarmUp.class.getClassLoader().getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IOException("the lake jar lacks its warm-up sample " + RESOURCES + name + "; rebuild the lake module");
        }
        return in;
    }

    private static List<CompactedFile> compact(List<Sample> samples, TableSchema schema, Path out) throws IOException {
        List<ChangeInput> inputs = new ArrayList<>();
        for (Sample sample : samples) {
            inputs.add(DmsChangeInputs.of(LAYOUT.parse(sample.key()), sample.file(), schema.changes()));
        }
        return new ChangeCompactor(WriterSettings.defaults(), 128L << 20).compact(inputs, schema.changes(), newFile(out));
    }

    private static MergedBucket merge(TableSchema schema, List<CompactedFile> changes, Map<Integer, StateBucketFiles> previous, Path out)
            throws IOException {
        CurrentStateMerger merger = new CurrentStateMerger(schema, List.of("id"), 1, WriterSettings.defaults());
        ChangedKeys keys = merger.scan(changes.stream().map(CompactedFile::file).toList());
        List<MergedBucket> merged = merger.merge(keys, previous, newFile(out));
        return merged.get(0);
    }

    private static OutputFiles newFile(Path out) {
        return () -> out.resolve(UUID.randomUUID() + ".parquet");
    }

    private static long rows(List<CompactedFile> files) {
        return files.stream().mapToLong(CompactedFile::rows).sum();
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the warm-up directory " + dir, e);
        }
    }
}
