package dmsrunbook.database;

import dmsrunbook.mapping.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A family's sequences, as the cutover moves them: neither DMS nor logical replication carries sequence values, so
 * the target's sequences are set past what the source handed out and past the largest migrated value.
 */
public interface Sequences {

    /** A sequence feeding a column of a table (a serial or identity column), the sequence as schema.name. */
    record Owned(String sequence, String column) {
    }

    /** The last value of every sequence of the connection's database, by schema.name. */
    Map<String, Long> lastValues(Connection connection) throws SQLException;

    /** The sequences feeding columns of {@code table}. */
    List<Owned> ownedBy(Connection connection, TableName table) throws SQLException;

    /** The largest value of the column, 0 for an empty table. */
    long largestValue(Connection connection, TableName table, String column) throws SQLException;

    /** The last value the sequence handed out, or would have. */
    long current(Connection connection, String sequence) throws SQLException;

    /** Sets the sequence so that its next value follows {@code value}. */
    void moveTo(Connection connection, String sequence, long value) throws SQLException;
}
