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
 * folder, or in quarantine, from where it may be copied back. Decided from listings it is given; it reads nothing.
 */
final class TombstoneRetention {

    private final LakeSettings settings;

    TombstoneRetention(LakeSettings settings) {
        this.settings = settings;
    }

    /** The key prefix to list for {@code table}'s files in quarantine. */
    String quarantinePrefix(TableConfig table) {
        return settings.paths().quarantined(TableFolder.prefix(settings.dms(), table));
    }

    /**
     * The cutoff in {@code epoch} at {@code now}, with {@code waiting} the files of that epoch not yet taken in and
     * {@code quarantined} the keys listed under {@link #quarantinePrefix}.
     */
    long cutoff(int epoch, List<Candidate> waiting, List<String> quarantined, long now) {
        long cutoff = ChangeSequence.ofCdcMillis(now - settings.consumedRetention().toMillis());
        for (Candidate file : waiting) {
            cutoff = Math.min(cutoff, file.key().inEpoch(epoch).firstSeq());
        }
        for (String key : quarantined) {
            if (key.endsWith(".parquet")) {
                try {
                    cutoff = Math.min(cutoff, settings.dms().parse(key.substring(settings.paths().quarantinePrefix().length())).firstSeq());
                } catch (UnrecognisedObjectException notDms) {
                    // Quarantined because it is no DMS file: nothing it holds can be copied back as a change.
                }
            }
        }
        return cutoff;
    }
}
