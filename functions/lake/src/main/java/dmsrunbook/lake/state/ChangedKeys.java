package dmsrunbook.lake.state;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What pass one of a merge learnt from the new changes: the index of their keys and which state buckets they touch,
 * so only those buckets' previous state is fetched and rewritten.
 */
public final class ChangedKeys {

    final KeyIndex index;
    final List<Path> changeFiles;
    final CurrentStateMerger.Ordinals ordinals;
    private final Set<Integer> buckets;

    ChangedKeys(KeyIndex index, List<Path> changeFiles, Set<Integer> buckets, CurrentStateMerger.Ordinals ordinals) {
        this.index = index;
        this.changeFiles = changeFiles;
        this.buckets = buckets;
        this.ordinals = ordinals;
    }

    public Set<Integer> touchedBuckets() {
        return buckets;
    }
}
