package dmsrunbook.lake.commit;

import java.util.List;
import java.util.Map;

/**
 * Where a round's DMS files go: the table's epochs after the files and notices seen (new ones appended), and the
 * epoch each file belongs to.
 *
 * @param epochs  oldest first; the last is the current epoch
 * @param epochOf file key -> epoch number
 */
public record EpochPlan(List<TableEpoch> epochs, Map<String, Integer> epochOf) {

    public EpochPlan {
        epochs = List.copyOf(epochs);
        epochOf = Map.copyOf(epochOf);
    }

    public TableEpoch current() {
        return epochs.get(epochs.size() - 1);
    }

    public int epochOf(String key) {
        Integer epoch = epochOf.get(key);
        if (epoch == null) {
            throw new IllegalStateException(key + " was not placed in an epoch");
        }
        return epoch;
    }
}
