package dmsrunbook.validation.diff;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Comparator;

/**
 * The keys greater than {@code after} and at most {@code through}; a null bound leaves that side open, so
 * {@code (null, null)} is the whole table. Adjacent ranges share a bound and never overlap, which is what lets one
 * table be split into ranges diffed separately (one per Map item) whose results add up to the whole.
 */
public record KeyRange(Key after, Key through) {

    public static final KeyRange ALL = new KeyRange(null, null);

    @JsonIgnore
    public boolean isAll() {
        return after == null && through == null;
    }

    /** Whether {@code key} lies in this range. */
    public boolean contains(Key key, Comparator<Key> order) {
        return (after == null || order.compare(key, after) > 0) && (through == null || order.compare(key, through) <= 0);
    }

    /** Whether every key of this range is greater than {@code key}. */
    public boolean startsAfter(Key key, Comparator<Key> order) {
        return after != null && order.compare(after, key) >= 0;
    }

    /** The range from this one's start to {@code other}'s end (with whatever lies between). */
    public KeyRange through(KeyRange other) {
        return new KeyRange(after, other.through);
    }

    @Override
    public String toString() {
        return (after == null ? "(start" : "(" + after) + ", " + (through == null ? "end)" : through + "]");
    }
}
