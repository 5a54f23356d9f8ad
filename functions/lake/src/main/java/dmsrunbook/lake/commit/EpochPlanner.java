package dmsrunbook.lake.commit;

import dmsrunbook.lake.layout.ChangeSequence;
import dmsrunbook.lake.layout.DmsFileKind;
import dmsrunbook.lake.layout.DmsObjectKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which table epoch each DMS file belongs to, from what DMS has visibly done, whatever order the
 * notifications come in. DMS writes a table's files in this order: a full load ({@code LOAD00000001}, 2, ...), then its
 * changes; a reload starts over at {@code LOAD00000001}; a TRUNCATE (or a reload's preparation) deletes the table's
 * folder. So:
 * <ul>
 * <li>a {@code LOAD} counter the current epoch already took in, now on another file, begins a new epoch (a reload) at
 *     that file's write time;</li>
 * <li>DMS removing a file of the table begins a new epoch (cleared) at the removal's time, unless nothing of the
 *     current epoch is older than it (one clearing deletes many files) or a file older than it still exists (then it
 *     was not the table being cleared);</li>
 * <li>every file belongs to the newest epoch begun by its write time (S3's clock, like the removals').</li>
 * </ul>
 * The caller passes every file it knows of that is not yet taken in: the round's files and the rest of the folder.
 * Because DMS writes {@code LOAD00000001} before anything else of a load, and the lake deletes a file only after
 * taking it in, a reload is seen as soon as any of its files or any change after it is.
 */
public final class EpochPlanner {

    private EpochPlanner() {
    }

    /**
     * A file not yet taken in.
     *
     * @param key     its parsed key
     * @param version which write
     */
    public record Candidate(DmsObjectKey key, DmsFileVersion version) {
    }

    /**
     * Plans {@code files} (every one still in the folder) and {@code dmsRemovals} (times DMS removed files of the
     * table) onto {@code epochs}; new epochs are recorded as begun by manifest version {@code version}.
     */
    public static EpochPlan plan(String table, List<TableEpoch> epochs, List<Candidate> files, List<Long> dmsRemovals, long version) {
        List<TableEpoch> planned = new ArrayList<>(epochs);
        long oldestFile = files.stream().mapToLong(f -> f.version().lastModified()).min().orElse(Long.MAX_VALUE);
        List<Event> events = new ArrayList<>();
        for (long removal : dmsRemovals) {
            events.add(new Event(removal - Math.floorMod(removal, 1000L), null));
        }
        for (Candidate file : files) {
            events.add(new Event(file.version().lastModified(), file));
        }
        events.sort(Comparator.comparingLong(Event::time)
                // Removals first: a file still there and written in the same second as a clearing came after it.
                .thenComparing(e -> e.file() != null)
                .thenComparing(e -> e.file() == null || e.file().key().kind() != DmsFileKind.FULL_LOAD)
                .thenComparingInt(e -> e.file() == null ? 0 : e.file().key().loadCounter())
                .thenComparing(e -> e.file() == null ? "" : e.file().key().key()));

        TableEpoch current = planned.get(planned.size() - 1);
        Map<Integer, DmsFileVersion> counters = new HashMap<>(current.loads());
        long earliest = current.firstFileTime();
        Map<String, Integer> epochOf = new HashMap<>();
        for (Event event : events) {
            if (event.file() == null) {
                if (event.time() > current.since() && earliest < event.time() && oldestFile >= event.time()) {
                    current = begin(table, planned, event.time(), TableEpoch.CLEARED, version);
                    counters.clear();
                    earliest = Long.MAX_VALUE;
                }
                continue;
            }
            Candidate file = event.file();
            if (event.time() < current.since()) {
                epochOf.put(file.key().key(), TableEpoch.at(planned, event.time()).number());
                continue;
            }
            if (file.key().kind() == DmsFileKind.FULL_LOAD) {
                DmsFileVersion before = counters.get(file.key().loadCounter());
                if (before != null && !before.sameAs(file.version())) {
                    current = begin(table, planned, event.time(), TableEpoch.RELOAD, version);
                    counters.clear();
                    earliest = Long.MAX_VALUE;
                }
                counters.put(file.key().loadCounter(), file.version());
            }
            epochOf.put(file.key().key(), current.number());
            earliest = Math.min(earliest, event.time());
        }
        return new EpochPlan(planned, epochOf);
    }

    private static TableEpoch begin(String table, List<TableEpoch> planned, long since, String cause, long version) {
        int number = planned.get(planned.size() - 1).number() + 1;
        if (number > ChangeSequence.MAX_EPOCH) {
            throw new IllegalStateException(table + " has been reloaded or truncated " + (number - 1) + " times, more than the lake "
                    + "numbers (" + ChangeSequence.MAX_EPOCH + " epochs): delete its lake/ manifest and data, then reload it with DMS");
        }
        int last = planned.size() - 1;
        planned.set(last, planned.get(last).superseded());
        TableEpoch next = new TableEpoch(number, since, cause, version, Map.of(), Long.MAX_VALUE);
        planned.add(next);
        return next;
    }

    private record Event(long time, Candidate file) {
    }
}
