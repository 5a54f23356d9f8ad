package dmsrunbook.lake.commit;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The end of a round, decided by {@link IngestPlanner}: the manifest to commit (the one commit point), then the
 * repeatable tail: publish, delete the inputs, delete replaced files.
 *
 * @param next       the manifest after the round (the one read when there is nothing to commit)
 * @param commit     whether {@code next} must be committed (conditional PUT) before the tail
 * @param partitions changes partitions to publish
 * @param inputs     DMS files to delete once {@code next} is committed (never the witness)
 * @param garbage    replaced files whose grace period is over: deleted after their table location shows
 *                   {@code next}
 * @param sweep      whether to delete unreferenced data files (left by crashed invocations) afterwards
 */
record CommitPlan(TableManifest next, boolean commit, SortedSet<String> partitions, List<String> inputs, List<GarbageFile> garbage,
                  boolean sweep) {

    CommitPlan {
        partitions = Collections.unmodifiableSortedSet(new TreeSet<>(partitions));
        inputs = List.copyOf(inputs);
        garbage = List.copyOf(garbage);
    }
}
