package dmsrunbook.lake.commit;

import dmsrunbook.lake.LakeSettings;
import dmsrunbook.lake.commit.EpochPlanner.Candidate;
import dmsrunbook.lake.layout.ChangeSequence;
import dmsrunbook.lake.layout.UnrecognisedObjectException;
import java.util.List;

/**
 * Below which change number a table's tombstones can go. A tombstone guards a deleted key against an older change
 * arriving later; it is needed while such a change can still arrive: while the delete is younger than the retention
 * (however late a notification may be), and while any file numbered before it waits to be taken in — in the DMS
 * folder, or in quarantine, from where it may be copied back.
 */
final class TombstoneRetention {

    private final S3Store store;
    private final LakeSettings settings;

    TombstoneRetention(S3Store store, LakeSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** The cutoff for {@code table} at {@code now}, with {@code waiting} the files of the current epoch not yet taken in. */
    long cutoff(TableConfig table, int epoch, List<Candidate> waiting, long now) {
        long cutoff = ChangeSequence.ofCdcMillis(now - settings.consumedRetention().toMillis());
        for (Candidate file : waiting) {
            cutoff = Math.min(cutoff, file.key().inEpoch(epoch).firstSeq());
        }
        String folder = settings.dms().prefix() + table.schema() + "/" + table.table() + "/";
        for (S3Store.Listed set : store.list(settings.paths().quarantined(folder))) {
            if (set.key().endsWith(".parquet")) {
                try {
                    cutoff = Math.min(cutoff, settings.dms().parse(set.key().substring(settings.paths().quarantinePrefix().length())).firstSeq());
                } catch (UnrecognisedObjectException notDms) {
                    // Quarantined because it is no DMS file: nothing it holds can be copied back as a change.
                }
            }
        }
        return cutoff;
    }
}
