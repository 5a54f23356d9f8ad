package dmsrunbook.validation.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * The key ranges where differences were found, in key order, kept for a re-check: adjacent ranges merge, and beyond
 * {@code limit} neighbours merge pairwise (covering the keys between them too, which a re-check simply finds equal),
 * so the list stays small however many rows differ.
 */
final class RecheckRanges {

    private final int limit;
    private final List<KeyRange> ranges = new ArrayList<>();

    RecheckRanges(int limit) {
        this.limit = limit;
    }

    /** Adds a range after every range added so far. */
    void add(KeyRange range) {
        if (!ranges.isEmpty()) {
            KeyRange last = ranges.get(ranges.size() - 1);
            if (last.through() != null && last.through().equals(range.after())) {
                ranges.set(ranges.size() - 1, last.through(range));
                return;
            }
        }
        ranges.add(range);
        if (ranges.size() > limit) {
            List<KeyRange> halved = new ArrayList<>();
            for (int i = 0; i < ranges.size(); i += 2) {
                halved.add(i + 1 < ranges.size() ? ranges.get(i).through(ranges.get(i + 1)) : ranges.get(i));
            }
            ranges.clear();
            ranges.addAll(halved);
        }
    }

    void addAll(List<KeyRange> more) {
        more.forEach(this::add);
    }

    List<KeyRange> list() {
        return List.copyOf(ranges);
    }
}
