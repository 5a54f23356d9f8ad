package dmsrunbook.lake.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A source table as DMS replicates it to S3, step by step: the full load, changes, a reload ({@code reload-target}:
 * the table as it is now, in LOAD files counted from 1 again), a TRUNCATE. Writes each step's files exactly as DMS
 * names them, in the order DMS writes them, and tracks the source table's contents for exact comparison.
 */
public final class DmsReplication {

    private final DmsFileGenerator generator;
    private final Random random;
    private final Path dir;
    private final Map<Long, Object[]> contents;
    private final DmsFileGenerator.LiveKeys live = new DmsFileGenerator.LiveKeys();
    private final DmsFileGenerator.LiveKeys deleted = new DmsFileGenerator.LiveKeys();
    private LocalDateTime loadTime;
    private LocalDateTime time;
    private long nextId = 1;
    private long changeRows;

    DmsReplication(DmsFileGenerator generator, Random random, Path dir, boolean trackContents, LocalDateTime loadTime,
                   LocalDateTime firstCdcTime) {
        this.generator = generator;
        this.random = random;
        this.dir = dir;
        this.contents = trackContents ? new LinkedHashMap<>() : null;
        this.loadTime = loadTime;
        this.time = firstCdcTime;
    }

    /** The first full load: {@code rows} new rows in LOAD files of {@code rowsPerFile}. */
    public List<GeneratedFile> fullLoad(int rows, int rowsPerFile) throws IOException {
        List<GeneratedFile> files = new ArrayList<>();
        int counter = 1;
        for (int written = 0; written < rows; counter++) {
            int count = Math.min(rowsPerFile, rows - written);
            List<Object[]> images = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long id = nextId++;
                Object[] row = generator.randomRow(id, random);
                images.add(row);
                live.add(id);
                if (contents != null) {
                    contents.put(id, row);
                }
            }
            files.add(generator.write(dir, generator.folderFor(loadTime) + String.format("LOAD%08X.parquet", counter), null, images, loadTime));
            written += count;
        }
        return files;
    }

    /** CDC files as {@code workload} mixes them (its load sizes are not used), a minute or so apart. */
    public List<GeneratedFile> changes(DmsWorkload workload) throws IOException {
        List<GeneratedFile> files = new ArrayList<>();
        for (int f = 0; f < workload.cdcFiles(); f++) {
            time = time.plusSeconds(60).plus(random.nextInt(1000), ChronoUnit.MILLIS);
            List<String> ops = new ArrayList<>(workload.rowsPerCdcFile());
            List<Object[]> images = new ArrayList<>(workload.rowsPerCdcFile());
            List<Long> touched = new ArrayList<>();
            for (int r = 0; r < workload.rowsPerCdcFile(); r++) {
                long id;
                boolean repeat = !touched.isEmpty() && random.nextDouble() < workload.repeatShare();
                double dice = random.nextDouble();
                if (repeat) {
                    id = touched.get(random.nextInt(touched.size()));
                } else if (dice < workload.insertShare() || live.isEmpty()) {
                    if (!deleted.isEmpty() && random.nextInt(4) == 0) {
                        id = deleted.random(random);
                    } else {
                        id = nextId++;
                    }
                } else {
                    id = live.random(random);
                }
                String op;
                Object[] image;
                if (!live.contains(id)) {
                    op = "I";
                    image = generator.randomRow(id, random);
                    live.add(id);
                    if (deleted.contains(id)) {
                        deleted.remove(id);
                    }
                } else if (dice < workload.insertShare() + workload.deleteShare() && !repeat || repeat && dice < workload.deleteShare()) {
                    op = "D";
                    image = contents != null ? contents.get(id) : generator.randomRow(id, random);
                    live.remove(id);
                    deleted.add(id);
                } else {
                    op = "U";
                    image = generator.randomRow(id, random);
                }
                if (contents != null) {
                    if (op.equals("D")) {
                        contents.remove(id);
                    } else {
                        contents.put(id, image);
                    }
                }
                ops.add(op);
                images.add(image);
                touched.add(id);
            }
            files.add(generator.writeCdc(dir, time, ops, images));
            changeRows += ops.size();
        }
        return files;
    }

    /**
     * A reload: the table as it is now in LOAD files of {@code rowsPerFile}, the counter back at 1, written after every
     * change so far; later changes follow it. Rows changed while DMS was stopped can be given first with
     * {@link #changeUnseen}.
     */
    public List<GeneratedFile> reload(int rowsPerFile) throws IOException {
        if (contents == null) {
            throw new IllegalStateException("a reload writes the table's contents: generate with trackContents = true");
        }
        loadTime = time.plusMinutes(5);
        time = loadTime.plusMinutes(2);
        List<Object[]> rows = new ArrayList<>(contents.values());
        List<GeneratedFile> files = new ArrayList<>();
        for (int from = 0, counter = 1; from < rows.size(); from += rowsPerFile, counter++) {
            List<Object[]> images = rows.subList(from, Math.min(rows.size(), from + rowsPerFile));
            files.add(generator.write(dir, generator.folderFor(loadTime) + String.format("LOAD%08X.parquet", counter), null, images, loadTime));
        }
        return files;
    }

    /**
     * Changes made on the source that DMS never wrote (the task was stopped, or the changes were lost): {@code deletes}
     * rows deleted, {@code inserts} rows inserted. Only a reload brings them to the lake.
     */
    public void changeUnseen(int deletes, int inserts) {
        for (int i = 0; i < deletes && !live.isEmpty(); i++) {
            long id = live.random(random);
            live.remove(id);
            deleted.add(id);
            contents.remove(id);
        }
        for (int i = 0; i < inserts; i++) {
            long id = nextId++;
            Object[] row = generator.randomRow(id, random);
            live.add(id);
            contents.put(id, row);
        }
    }

    /** A TRUNCATE on the source: the table is empty; DMS writes no row for it (it clears the table's folder). */
    public void truncate() {
        while (!live.isEmpty()) {
            long id = live.random(random);
            live.remove(id);
            deleted.add(id);
        }
        if (contents != null) {
            contents.clear();
        }
        time = time.plusMinutes(1);
    }

    /** The source table's contents now, by key (empty when not tracked). */
    public Map<Long, Object[]> contents() {
        return contents == null ? Map.of() : new LinkedHashMap<>(contents);
    }

    /** CDC rows written so far. */
    public long changeRows() {
        return changeRows;
    }
}
