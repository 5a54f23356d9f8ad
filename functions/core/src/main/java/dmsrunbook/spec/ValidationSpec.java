package dmsrunbook.spec;

import dmsrunbook.mapping.QualifiedNameText;
import dmsrunbook.mapping.TableName;
import java.util.List;
import java.util.Map;

/**
 * How the data is proved equal before the cutover: the comparison {@code mode} for every table, overridden per
 * source table ({@code "schema.table"} in {@code tables}, as {@link QualifiedNameText} writes it); at most {@code maxReportedKeys} keys reported per kind of
 * difference; how far apart two floating-point values may be and still count as equal ({@code floatTolerance},
 * absolute); how many work items are compared at once ({@code maxConcurrency}); how many rows one work item (one
 * Lambda invocation) compares at most ({@code maxRowsPerItem}: a larger table is split into key ranges, smaller
 * tables share an item); and the business invariants ({@code queries}) run on both sides.
 */
public record ValidationSpec(ValidationMode mode, Map<String, ValidationMode> tables, int maxReportedKeys,
                             double floatTolerance, int maxConcurrency, long maxRowsPerItem, List<InvariantQuery> queries) {

    public static final ValidationMode DEFAULT_MODE = ValidationMode.CHECKSUMS;
    public static final int DEFAULT_MAX_REPORTED_KEYS = 10;
    public static final double DEFAULT_FLOAT_TOLERANCE = 0.0;
    public static final int DEFAULT_MAX_CONCURRENCY = 4;
    /** About a minute of checksums on PostgreSQL, a few across engines: far inside a 15-minute invocation. */
    public static final long DEFAULT_MAX_ROWS_PER_ITEM = 2_000_000;

    public ValidationSpec {
        tables = Map.copyOf(tables);
        queries = List.copyOf(queries);
    }

    /** What a spec without a {@code validation} block gets. */
    public static ValidationSpec defaults() {
        return new ValidationSpec(DEFAULT_MODE, Map.of(), DEFAULT_MAX_REPORTED_KEYS, DEFAULT_FLOAT_TOLERANCE,
                DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_ROWS_PER_ITEM, List.of());
    }

    /** The mode for one source table: its override, else the spec's mode. */
    public ValidationMode modeFor(TableName sourceTable) {
        return tables.getOrDefault(QualifiedNameText.write(sourceTable), mode);
    }
}
