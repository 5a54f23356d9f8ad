package dmsrunbook.lake.commit;

import java.util.List;

/**
 * What {@link IngestPlanner#planRound} decided for one round of a table, before any file is downloaded.
 *
 * @param table            the table as read
 * @param duplicates       announced files the manifest has already taken in (redeliveries): deleted, not taken in
 * @param missing          announced files no longer in the folder (taken in and deleted earlier, or removed by DMS)
 * @param taken            the files this round takes in, oldest first, within the round's input budget
 * @param deferred         announced files left for a later round or delivery
 * @param waitsForRemoval  the witness left the folder and no removal notice says so yet: nothing is taken in, every
 *                         announced file is deferred (unless a concurrent commit moved the witness: then redo)
 * @param epochs           the table's epochs after the files and removals seen, and each file's epoch
 * @param witness          the witness the next manifest keeps before this round's files are considered
 */
record RoundPlan(TableSnapshot table, List<IncomingObject> duplicates, int missing, List<RoundFile> taken,
                 List<IncomingObject> deferred, boolean waitsForRemoval, EpochPlan epochs, DmsFileVersion witness) {

    RoundPlan {
        duplicates = List.copyOf(duplicates);
        taken = List.copyOf(taken);
        deferred = List.copyOf(deferred);
    }

    TableManifest manifest() {
        return table.manifest();
    }

    /** The version a commit of this round writes. */
    long nextVersion() {
        return manifest().version() + 1;
    }

    /** Whether the round begins a new epoch (a reload or a cleared folder): the current state starts over. */
    boolean beginsEpoch() {
        return epochs.current().number() > manifest().currentEpoch().number();
    }
}
