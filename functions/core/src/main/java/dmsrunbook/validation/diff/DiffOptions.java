package dmsrunbook.validation.diff;

import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.ValidationMode;
import dmsrunbook.spec.ValidationSpec;
import java.time.Duration;

/**
 * How one table is diffed. From the spec: {@code mode}, {@code maxReportedKeys}, {@code floatTolerance}. Tuning, with
 * defaults measured on PostgreSQL: a range is first cut into {@code topSegments} parts (where the cut is free: one
 * integer key; where both databases number the parts by arithmetic on that key, into at least that many parts of about
 * {@code leafRows * splitFactor / 2} key values each, up to 1,024), a differing part into {@code splitFactor} parts, until a part has at most {@code leafRows} rows on
 * either side ({@code unindexedLeafRows} when no index serves the key order, as for text keys, so fewer levels scan
 * the range); then its rows are fetched, {@code fetchSize} at a time. At most {@code maxRecheckRanges} differing
 * ranges are kept for a re-check (neighbours merge beyond that). The whole diff must end within {@code timeBudget}.
 */
public record DiffOptions(ValidationMode mode, int maxReportedKeys, double floatTolerance, int topSegments, int splitFactor,
                          int leafRows, int unindexedLeafRows, int fetchSize, int maxRecheckRanges, Duration timeBudget) {

    public static final int DEFAULT_TOP_SEGMENTS = 32;
    public static final int DEFAULT_SPLIT_FACTOR = 16;
    public static final int DEFAULT_LEAF_ROWS = 128;
    public static final int DEFAULT_UNINDEXED_LEAF_ROWS = 8192;
    public static final int DEFAULT_FETCH_SIZE = 1000;
    public static final int DEFAULT_MAX_RECHECK_RANGES = 64;
    /** A Lambda runs 15 minutes at most; the rest is for connecting and reporting. */
    public static final Duration DEFAULT_TIME_BUDGET = Duration.ofMinutes(13);

    public DiffOptions {
        if (topSegments < 1 || splitFactor < 2 || leafRows < 1 || unindexedLeafRows < 1 || fetchSize < 1 || maxRecheckRanges < 1
                || maxReportedKeys < 0 || floatTolerance < 0 || timeBudget.isNegative() || timeBudget.isZero()) {
            throw new IllegalArgumentException("invalid diff options: " + this);
        }
    }

    public static DiffOptions defaults() {
        return new DiffOptions(ValidationSpec.DEFAULT_MODE, ValidationSpec.DEFAULT_MAX_REPORTED_KEYS, ValidationSpec.DEFAULT_FLOAT_TOLERANCE,
                DEFAULT_TOP_SEGMENTS, DEFAULT_SPLIT_FACTOR, DEFAULT_LEAF_ROWS, DEFAULT_UNINDEXED_LEAF_ROWS, DEFAULT_FETCH_SIZE,
                DEFAULT_MAX_RECHECK_RANGES, DEFAULT_TIME_BUDGET);
    }

    /** The spec's settings for one source table (its mode override applied). */
    public static DiffOptions of(ValidationSpec spec, TableName sourceTable) {
        return defaults().withMode(spec.modeFor(sourceTable)).withMaxReportedKeys(spec.maxReportedKeys())
                .withFloatTolerance(spec.floatTolerance());
    }

    public DiffOptions withMode(ValidationMode value) {
        return new DiffOptions(value, maxReportedKeys, floatTolerance, topSegments, splitFactor, leafRows, unindexedLeafRows, fetchSize,
                maxRecheckRanges, timeBudget);
    }

    public DiffOptions withMaxReportedKeys(int value) {
        return new DiffOptions(mode, value, floatTolerance, topSegments, splitFactor, leafRows, unindexedLeafRows, fetchSize,
                maxRecheckRanges, timeBudget);
    }

    public DiffOptions withFloatTolerance(double value) {
        return new DiffOptions(mode, maxReportedKeys, value, topSegments, splitFactor, leafRows, unindexedLeafRows, fetchSize,
                maxRecheckRanges, timeBudget);
    }

    /** Segmentation: parts of the first cut, parts of each further cut, and the rows at which rows are fetched instead. */
    public DiffOptions withSegmentation(int top, int factor, int leaf, int unindexedLeaf) {
        return new DiffOptions(mode, maxReportedKeys, floatTolerance, top, factor, leaf, unindexedLeaf, fetchSize, maxRecheckRanges,
                timeBudget);
    }

    public DiffOptions withMaxRecheckRanges(int value) {
        return new DiffOptions(mode, maxReportedKeys, floatTolerance, topSegments, splitFactor, leafRows, unindexedLeafRows, fetchSize,
                value, timeBudget);
    }

    public DiffOptions withTimeBudget(Duration value) {
        return new DiffOptions(mode, maxReportedKeys, floatTolerance, topSegments, splitFactor, leafRows, unindexedLeafRows, fetchSize,
                maxRecheckRanges, value);
    }
}
