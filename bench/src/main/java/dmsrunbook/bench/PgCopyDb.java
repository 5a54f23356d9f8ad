package dmsrunbook.bench;

import dmsrunbook.local.LocalPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs pgcopydb (Debian's {@code pgcopydb} package) between two local clusters: the peer the native engine's copy and
 * the whole migration are measured against. Each run gets a fresh work directory; the password goes by PGPASSWORD,
 * not in the URIs, and the source cluster's client tools come first on PATH (pgcopydb runs pg_dump and pg_restore).
 */
final class PgCopyDb {

    private PgCopyDb() {
    }

    /** One run: its wall-clock seconds and what it printed. */
    record Run(double seconds, String output) {
    }

    /** Runs {@code pgcopydb <command...> --source ... --target ... <options...>}. */
    static Run run(LocalPostgres source, String sourceDatabase, LocalPostgres target, String targetDatabase, List<String> command,
                      List<String> options) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("pgcopydb-");
        List<String> arguments = new ArrayList<>();
        arguments.add("pgcopydb");
        arguments.addAll(command);
        arguments.addAll(List.of("--source", uri(source, sourceDatabase), "--target", uri(target, targetDatabase), "--dir", dir.toString()));
        arguments.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", LocalPostgres.PASSWORD);
        builder.environment().put("PATH", source.binDir() + ":" + System.getenv("PATH"));
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("pgcopydb " + String.join(" ", command) + " failed (exit " + exit + "):\n" + output);
        }
        return new Run(seconds, output);
    }

    private static String uri(LocalPostgres cluster, String database) {
        return "postgres://" + LocalPostgres.SUPERUSER + "@" + cluster.host() + ":" + cluster.port() + "/" + database;
    }
}
