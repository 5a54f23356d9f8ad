package dmsrunbook.lake.commit;

import dmsrunbook.lake.compaction.OutputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A round's room to work in: a folder of its own under {@code LAKE_WORK_DIR} (removed when the round ends), the DMS
 * files it downloaded (kept across its attempts while the folder still lists the same write), and the objects the
 * current attempt uploaded (deleted again when the attempt fails before its commit).
 */
final class RoundScratch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RoundScratch.class);

    private final Path dir;
    private final Map<String, Downloaded> downloads = new HashMap<>();
    private final List<String> uploaded = new ArrayList<>();

    /**
     * A DMS file of the round, downloaded.
     *
     * @param version the write downloaded
     * @param file    where
     */
    record Downloaded(DmsFileVersion version, Path file) {
    }

    private RoundScratch(Path dir) {
        this.dir = dir;
    }

    static RoundScratch in(Path workDir) {
        try {
            Files.createDirectories(workDir);
            return new RoundScratch(Files.createTempDirectory(workDir, "lake-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory in " + workDir + " (LAKE_WORK_DIR)", e);
        }
    }

    /** A new, unique local file name. */
    Path newFile() {
        return dir.resolve(UUID.randomUUID() + ".parquet");
    }

    /** New local files, for the compactor and the merger. */
    OutputFiles outputs() {
        return this::newFile;
    }

    /** The local copy of {@code key} if it is the write {@code version}, or null. */
    Path downloaded(String key, DmsFileVersion version) {
        Downloaded known = downloads.get(key);
        return known != null && known.version().sameAs(version) ? known.file() : null;
    }

    /** Notes the download of {@code key}, replacing (and removing) an older write's copy. */
    void keep(String key, DmsFileVersion version, Path file) {
        Downloaded older = downloads.put(key, new Downloaded(version, file));
        if (older != null) {
            older.file().toFile().delete();
        }
    }

    /** Notes an object the current attempt uploaded. */
    void uploaded(String key) {
        uploaded.add(key);
    }

    /** Whether the current attempt uploaded {@code key}. */
    boolean wasUploaded(String key) {
        return uploaded.contains(key);
    }

    /** Forgets {@code key} (deleted again by the attempt itself). */
    void forget(String key) {
        uploaded.remove(key);
    }

    /** What the current attempt uploaded; starts the next attempt's list. */
    List<String> takeUploaded() {
        List<String> keys = List.copyOf(uploaded);
        uploaded.clear();
        return keys;
    }

    @Override
    public void close() {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not clean {}: {}", dir, e.getMessage());
        }
    }
}
