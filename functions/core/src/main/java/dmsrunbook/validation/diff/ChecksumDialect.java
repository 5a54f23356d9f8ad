package dmsrunbook.validation.diff;

import dmsrunbook.mapping.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one database family does for the diff, all of it read-only: describe a table from the catalog, and count,
 * checksum, split and stream the rows of a key range. The engine-neutral {@link TableDiffer} decides what to ask;
 * each family ({@code PostgresChecksums}, {@code MySqlChecksums}) says it in its own SQL, with keys ordered by value
 * (never by a collation of its own) and values in the canonical forms {@link ValueKind} describes.
 */
public interface ChecksumDialect {

    /** Makes the session read-only, in UTC and UTF-8, with {@code statementTimeout} on every statement. */
    void prepareSession(Connection connection, Duration statementTimeout) throws SQLException;

    /**
     * Each table's rows as the catalog's statistics estimate them (no scan): what the planner sizes work items by. A
     * table the statistics do not know is left out; the diff's own time budget catches a bad estimate.
     */
    Map<TableName, Long> estimatedRows(Connection connection, List<TableName> tables) throws SQLException;

    /** The table's columns and key, or empty when the table does not exist. */
    Optional<TableDescription> describe(Connection connection, TableName table) throws SQLException;

    /**
     * Whether an index can serve the key order this family compares keys by (false for text keys ordered by code
     * point under another collation): without one, every cut of a range scans the range, so parts are cut coarser.
     */
    boolean ordersKeysByIndex(TableSide side);

    /**
     * Count and checksum of each part of {@code range} split at {@code bounds} (ascending keys inside the range):
     * {@code bounds.size() + 1} sums, in key order, computed in one pass inside the database. For a table without a
     * key, {@code range} is {@link KeyRange#ALL} and {@code bounds} empty.
     */
    List<SegmentSum> checksums(Connection connection, TableSide side, KeyRange range, List<Key> bounds) throws SQLException;

    /**
     * The same sums for a range of one integer key cut into equal spans: the parts of {@code cut.bounds()}. A family
     * that numbers a row's part by arithmetic on its key ({@link #cutsIntegerKeysByArithmetic}) pays the same per row
     * for a thousand parts as for two; the others compare the key with the boundaries.
     */
    default List<SegmentSum> checksums(Connection connection, TableSide side, KeyRange range, IntegerCut cut) throws SQLException {
        return checksums(connection, side, range, cut.bounds());
    }

    /** Whether this family numbers the parts of an {@link IntegerCut} of this side's key by arithmetic (cheap for many parts). */
    default boolean cutsIntegerKeysByArithmetic(TableSide side) {
        return false;
    }

    /** Every {@code every}-th key of {@code range} in key order (the boundaries of parts of {@code every} rows). */
    List<Key> quantiles(Connection connection, TableSide side, KeyRange range, long every) throws SQLException;

    /** The smallest and largest key of {@code range}, or empty when it has no rows. */
    Optional<KeySpan> span(Connection connection, TableSide side, KeyRange range) throws SQLException;

    /** The rows of {@code range}. */
    long count(Connection connection, TableSide side, KeyRange range) throws SQLException;

    /** Streams the rows of {@code range} in key order: the key, then a cell for each of {@code columns}. */
    RowCursor rows(Connection connection, TableSide side, KeyRange range, List<SideColumn> columns, int fetchSize) throws SQLException;
}
