package dmsrunbook.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * DuckDB doing the lake's two jobs in the same process, on the same files: compaction as
 * {@code COPY (SELECT * FROM read_parquet(...)) TO ...}, the current-state merge as a {@code QUALIFY row_number()}.
 * Offline: no extension is installed or loaded beyond what the JDBC driver carries (parquet is built in).
 */
final class DuckDbPeer implements AutoCloseable {

    private final Connection connection;

    DuckDbPeer(Path home, String memoryLimit, int threads) throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET home_directory='" + home + "'");
            statement.execute("SET temp_directory='" + home.resolve("tmp") + "'");
            statement.execute("SET autoinstall_known_extensions=false");
            statement.execute("SET autoload_known_extensions=false");
            statement.execute("SET memory_limit='" + memoryLimit + "'");
            statement.execute("SET threads=" + threads);
        }
    }

    /** Copies every input into Parquet files of at most {@code fileBytes}, Snappy, in input order. */
    void compact(List<Path> inputs, Path outDir, long fileBytes) throws SQLException {
        execute("COPY (SELECT * FROM read_parquet(" + list(inputs) + ", union_by_name = true)) TO '" + outDir
                + "' (FORMAT parquet, COMPRESSION snappy, FILE_SIZE_BYTES " + fileBytes + ")");
    }

    /** The table as it is now: the latest change per id, deletes dropped. */
    void merge(List<Path> changes, Path outDir) throws SQLException {
        execute("COPY (SELECT * EXCLUDE (Op) FROM (SELECT * FROM read_parquet(" + list(changes) + ") "
                + "QUALIFY row_number() OVER (PARTITION BY id ORDER BY dms_change_seq DESC) = 1) WHERE Op <> 'D') TO '" + outDir
                + "' (FORMAT parquet, COMPRESSION snappy, FILE_SIZE_BYTES 134217728)");
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String list(List<Path> files) {
        return files.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    static void ensureHome(Path home) throws java.io.IOException {
        Files.createDirectories(home.resolve("tmp"));
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
