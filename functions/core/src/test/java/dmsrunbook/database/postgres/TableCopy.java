package dmsrunbook.database.postgres;

import static dmsrunbook.database.postgres.PostgresQuoting.identifier;
import static dmsrunbook.database.postgres.PostgresQuoting.qualified;

import dmsrunbook.schema.ObjectName;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The data movement of these tests: every table that holds rows (partitions, not their partitioned parents) copied
 * with COPY through JDBC's CopyManager, in text format (binary COPY of a composite type carries the source's type
 * oids). Generated columns are left out: the target computes them.
 */
final class TableCopy {

    private TableCopy() {
    }

    /** Copies every table of {@code schemas}; returns the rows copied per table. */
    static Map<ObjectName, Long> copy(Connection source, Connection target, Collection<String> schemas) throws SQLException {
        Map<ObjectName, Long> copied = new LinkedHashMap<>();
        CopyManager from = source.unwrap(PGConnection.class).getCopyAPI();
        CopyManager into = target.unwrap(PGConnection.class).getCopyAPI();
        for (Map.Entry<ObjectName, List<String>> table : tables(source, schemas).entrySet()) {
            String columns = String.join(", ", table.getValue());
            ByteArrayOutputStream rows = new ByteArrayOutputStream();
            try {
                from.copyOut("COPY (SELECT " + columns + " FROM ONLY " + qualified(table.getKey()) + ") TO STDOUT", rows);
                long count = into.copyIn("COPY " + qualified(table.getKey()) + " (" + columns + ") FROM STDIN",
                        new ByteArrayInputStream(rows.toByteArray()));
                copied.put(table.getKey(), count);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return copied;
    }

    /** Tables with storage, each with its columns that take values (quoted). */
    private static Map<ObjectName, List<String>> tables(Connection source, Collection<String> schemas) throws SQLException {
        Map<ObjectName, List<String>> tables = new LinkedHashMap<>();
        try (PreparedStatement statement = source.prepareStatement("""
                SELECT n.nspname, c.relname, a.attname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                WHERE c.relkind = 'r' AND n.nspname = ANY(?) ORDER BY 1, 2, a.attnum""")) {
            statement.setArray(1, source.createArrayOf("text", schemas.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tables.computeIfAbsent(new ObjectName(rows.getString(1), rows.getString(2)), k -> new ArrayList<>())
                            .add(identifier(rows.getString(3)));
                }
            }
        }
        return tables;
    }
}
