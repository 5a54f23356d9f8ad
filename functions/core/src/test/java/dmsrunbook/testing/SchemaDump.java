package dmsrunbook.testing;

import dmsrunbook.local.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A database's schema as {@code pg_dump --schema-only} writes it (the cluster's own pg_dump), normalised so two
 * databases with the same schema give the same text (shared with the end-to-end stories through core's test jar):
 * <ul>
 *   <li>{@code --no-owner --no-privileges}: owners and grants are not carried;</li>
 *   <li>lines starting with {@code --} go: pg_dump's banner (with its version) and its per-object header comments;</li>
 *   <li>{@code SET ...} and {@code SELECT pg_catalog.set_config(...)} lines go: session settings of the dump itself;</li>
 *   <li>the {@code restrict KEY} and {@code unrestrict KEY} meta-command lines go: a random key per dump (pg_dump 15.14 and later);</li>
 *   <li>the rest is cut into the blank-line-separated entries pg_dump writes, and sorted: pg_dump orders objects by
 *       type, schema and name, but falls back to their oids, which differ between two databases built apart.</li>
 * </ul>
 */
public final class SchemaDump {

    private SchemaDump() {
    }

    /** The normalised dump of a database of the tests' shared cluster. */
    public static List<String> of(String database) {
        return of(SharedPostgres.cluster(), database);
    }

    /** The normalised dump of a database of {@code cluster}, by that cluster's own pg_dump. */
    public static List<String> of(LocalPostgres cluster, String database) {
        ProcessBuilder builder = cluster.clientTool("pg_dump", "--schema-only", "--no-owner", "--no-privileges", database);
        try {
            Process process = builder.start();
            String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_dump of " + database + " failed: " + errors);
            }
            return normalise(dump);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static List<String> normalise(String dump) {
        List<String> entries = new ArrayList<>();
        StringBuilder entry = new StringBuilder();
        for (String line : dump.split("\n", -1)) {
            if (line.startsWith("--") || line.startsWith("SET ") || line.startsWith("SELECT pg_catalog.set_config(")
                    || line.startsWith("\\restrict ") || line.startsWith("\\unrestrict ")) {
                continue;
            }
            if (line.isBlank()) {
                if (!entry.isEmpty()) {
                    entries.add(entry.toString());
                    entry.setLength(0);
                }
                continue;
            }
            entry.append(line).append('\n');
        }
        if (!entry.isEmpty()) {
            entries.add(entry.toString());
        }
        String[] sorted = entries.toArray(String[]::new);
        Arrays.sort(sorted);
        return List.of(sorted);
    }
}
