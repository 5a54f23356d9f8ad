package dmsrunbook.validation.diff;

import java.sql.SQLException;

/** Rows of one side streamed in key order, a fetch at a time: a whole table never sits in memory. */
public interface RowCursor extends AutoCloseable {

    /** The next row, or null after the last. */
    FetchedRow next() throws SQLException;

    @Override
    void close() throws SQLException;
}
