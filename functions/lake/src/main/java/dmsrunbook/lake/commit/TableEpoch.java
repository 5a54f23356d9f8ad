package dmsrunbook.lake.commit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stretch of a table's life that starts from nothing: the first full load, a DMS reload (a new full load, its
 * {@code LOAD} counter back at 1) or DMS clearing the table's folder (a source TRUNCATE or DROP, or a reload's
 * preparation). The current state is the newest epoch's full load plus its changes; everything older stays in the
 * changes table, tagged with its epoch.
 *
 * @param number           1, 2, ...
 * @param since            when it began (epoch millis, S3's clock, whole seconds): files DMS wrote from then on
 *                         belong to it
 * @param cause            {@link #INITIAL}, {@link #RELOAD} or {@link #CLEARED}
 * @param startedInVersion the manifest version that began it
 * @param loads            LOAD counter -> the file taken in under it, while this is the current epoch (a counter seen
 *                         again is a new full load)
 * @param firstFileTime    when the earliest file taken in for it was written ({@link Long#MAX_VALUE}: none yet)
 */
public record TableEpoch(int number, long since, String cause, long startedInVersion, Map<Integer, DmsFileVersion> loads,
                         long firstFileTime) {

    public static final String INITIAL = "initial";
    public static final String RELOAD = "reload";
    public static final String CLEARED = "cleared";
    private static final Pattern LOAD_FILE = Pattern.compile("(?:.*/)?LOAD([0-9A-Fa-f]{8})\\.parquet");

    public TableEpoch {
        loads = loads == null ? new TreeMap<>() : new TreeMap<>(loads);
    }

    public static TableEpoch first() {
        return new TableEpoch(1, 0, INITIAL, 0, Map.of(), Long.MAX_VALUE);
    }

    public TableEpoch withLoad(int counter, DmsFileVersion file) {
        Map<Integer, DmsFileVersion> all = new TreeMap<>(loads);
        all.put(counter, file);
        return new TableEpoch(number, since, cause, startedInVersion, all, firstFileTime);
    }

    public TableEpoch withFileAt(long lastModified) {
        return new TableEpoch(number, since, cause, startedInVersion, loads, Math.min(firstFileTime, lastModified));
    }

    /** This epoch once superseded: the LOAD files it took in no longer matter, and would only grow the manifest. */
    public TableEpoch superseded() {
        return loads.isEmpty() ? this : new TableEpoch(number, since, cause, startedInVersion, Map.of(), firstFileTime);
    }

    /**
     * The first epoch of a table whose manifest predates epochs: its LOAD files are those {@code consumed} still
     * lists; when it lists none but the table has full-load rows, counter 1 is taken (every load starts with it), so
     * DMS writing {@code LOAD00000001} again is still recognised as a reload.
     */
    static TableEpoch bootstrap(Map<String, ConsumedInput> consumed, boolean hasFullLoadRows) {
        Map<Integer, DmsFileVersion> loads = new TreeMap<>();
        consumed.forEach((id, input) -> {
            int hash = id.lastIndexOf('#');
            String key = hash < 0 ? id : id.substring(0, hash);
            Matcher load = LOAD_FILE.matcher(key);
            if (load.matches()) {
                loads.put(Integer.parseInt(load.group(1), 16),
                        new DmsFileVersion(key, hash < 0 ? null : id.substring(hash + 1), input.lastModified()));
            }
        });
        if (loads.isEmpty() && hasFullLoadRows) {
            loads.put(1, new DmsFileVersion(null, null, 0));
        }
        return new TableEpoch(1, 0, INITIAL, 0, loads, hasFullLoadRows || !consumed.isEmpty() ? 0 : Long.MAX_VALUE);
    }

    /** The epoch a file written at {@code lastModified} belongs to: the newest that had begun by then. */
    static TableEpoch at(List<TableEpoch> epochs, long lastModified) {
        TableEpoch found = epochs.get(0);
        for (TableEpoch epoch : epochs) {
            if (epoch.since() <= lastModified) {
                found = epoch;
            }
        }
        return found;
    }
}
