package dmsrunbook.lake.commit;

import dmsrunbook.lake.commit.EpochPlanner.Candidate;
import dmsrunbook.lake.layout.DmsLayout;
import dmsrunbook.lake.layout.DmsObjectKey;
import dmsrunbook.lake.layout.UnrecognisedObjectException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table's DMS folder as listed at the start of an attempt: what is still there (a notification of anything else
 * finds nothing to read), which of it the table has not taken in yet, and what became of the witness. S3 lists
 * consistently, and the lake deletes a DMS file only after taking it in, so the listing shows every file DMS wrote
 * that is not yet in the manifest. Built from a listing, it reads nothing itself.
 */
final class TableFolder {

    private final Map<String, S3Store.Listed> listed;
    private final Set<String> ids;
    private final List<Candidate> unconsumed;

    private TableFolder(Map<String, S3Store.Listed> listed, Set<String> ids, List<Candidate> unconsumed) {
        this.listed = listed;
        this.ids = ids;
        this.unconsumed = unconsumed;
    }

    /** The key prefix to list for {@code table}'s DMS folder. */
    static String prefix(DmsLayout dms, TableConfig table) {
        return dms.prefix() + table.schema() + "/" + table.table() + "/";
    }

    /** The folder as {@code listing} (of {@link #prefix}) shows it, against what {@code manifest} has taken in. */
    static TableFolder of(List<S3Store.Listed> listing, DmsLayout dms, TableConfig table, TableManifest manifest) {
        Map<String, S3Store.Listed> listed = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        List<Candidate> unconsumed = new ArrayList<>();
        for (S3Store.Listed object : listing) {
            listed.put(object.key(), object);
            DmsFileVersion version = DmsFileVersion.of(object);
            ids.add(version.id());
            if (manifest.hasConsumed(version)) {
                continue;
            }
            try {
                DmsObjectKey key = dms.parse(object.key());
                if (key.schema().equals(table.schema()) && key.table().equals(table.table())) {
                    unconsumed.add(new Candidate(key, version));
                }
            } catch (UnrecognisedObjectException notDms) {
                // Its own notification quarantines it; it is no change of the table.
            }
        }
        return new TableFolder(listed, ids, unconsumed);
    }

    /** The object at {@code key}, or null when it is gone. */
    S3Store.Listed get(String key) {
        return listed.get(key);
    }

    /** Whether the write {@code inputId} ({@code key#etag}) is still in the folder. */
    boolean holds(String inputId) {
        return ids.contains(inputId);
    }

    /** The table's files waiting in the folder, other than {@code except}. */
    List<Candidate> pending(Set<String> except) {
        return unconsumed.stream().filter(c -> !except.contains(c.key().key())).toList();
    }

    /** Keys of files {@code manifest} has taken in that are still here (a crash stopped their deletion). */
    List<String> takenIn(TableManifest manifest) {
        return listed.values().stream().filter(object -> manifest.hasConsumed(DmsFileVersion.of(object))).map(S3Store.Listed::key).toList();
    }

    /**
     * What became of the manifest's witness (kept only when {@code watching}): whether it left the folder with no
     * removal notice among {@code notices} saying so (DMS may have cleared the folder: wait for the notice), and which
     * witness the next manifest keeps before the round's files are considered.
     */
    Witness witness(TableManifest manifest, List<RemovalNotice> notices, boolean watching) {
        DmsFileVersion kept = manifest.witness();
        if (!watching || kept == null) {
            return new Witness(false, null);
        }
        S3Store.Listed now = listed.get(kept.key());
        if (now != null) {
            // Still there, or written over by DMS (a reload writes LOAD00000001 again): either way nothing was removed.
            return new Witness(false, DmsFileVersion.of(now).sameAs(kept) ? kept : null);
        }
        boolean explained = notices.stream().anyMatch(notice -> notice.key().equals(kept.key()));
        return new Witness(!explained, null);
    }

    /**
     * @param unexplainedLoss the witness left the folder and no removal notice says so yet
     * @param next            the witness the next manifest keeps, before the round's files are considered
     */
    record Witness(boolean unexplainedLoss, DmsFileVersion next) {
    }
}
