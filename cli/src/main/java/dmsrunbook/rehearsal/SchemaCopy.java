package dmsrunbook.rehearsal;

import dmsrunbook.local.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A source's schema copied the way a DBA does it by hand: {@code pg_dump --schema-only} of the source applied to the
 * target with {@code psql}, so tables, sequences, views, functions and triggers exist before any row moves. The
 * benchmarks give their peers the schema this way; the workflow builds it itself (schema.mode apply).
 */
public final class SchemaCopy {

    private SchemaCopy() {
    }

    public static void apply(LocalPostgres source, LocalPostgres target, String database) {
        try {
            Path dump = Files.createTempFile("schema-", ".sql");
            try {
                run(source.clientTool("pg_dump", "--schema-only", "--no-owner", "--no-privileges", "-d", database, "-f", dump.toString()));
                run(target.clientTool("psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-f", dump.toString()));
            } finally {
                Files.deleteIfExists(dump);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(ProcessBuilder builder) throws IOException {
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", builder.command().subList(0, 1)) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
