package dmsrunbook.rehearsal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a PostgreSQL client tool (pg_dump, pg_restore, psql) for the rehearsal's inputs, optionally feeding its stdin,
 * and turns a failure into a {@link RehearsalInputException} that quotes the tool's last lines (credentials go to the
 * tools through the environment, never on their command line or in these lines).
 */
final class ToolRun {

    /** What a tool reads on stdin, written by the caller. */
    @FunctionalInterface
    interface Feed {
        void write(OutputStream stdin) throws IOException;
    }

    private static final int QUOTED_LINES = 6;
    private static final long TIMEOUT_HOURS = 6;

    private ToolRun() {
    }

    /** Runs {@code builder} to its end; {@code failure} starts the message when it exits non-zero. */
    static void run(ProcessBuilder builder, Feed feed, String failure) {
        Path output = null;
        try {
            output = Files.createTempFile("dms-runbook-tool-", ".log");
            builder.redirectErrorStream(true).redirectOutput(output.toFile());
            if (feed == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            Process process = builder.start();
            if (feed != null) {
                try (OutputStream stdin = process.getOutputStream()) {
                    feed.write(stdin);
                } catch (IOException e) {
                    // The tool stopped reading (it failed and exited): its own words below say why.
                }
            }
            if (!process.waitFor(TIMEOUT_HOURS, TimeUnit.HOURS)) {
                process.destroyForcibly();
                throw new RehearsalInputException(failure + ": " + tool(builder) + " did not finish within " + TIMEOUT_HOURS + " hours");
            }
            if (process.exitValue() != 0) {
                throw new RehearsalInputException(failure + ": " + tool(builder) + " said:\n" + lastLines(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + tool(builder) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(tool(builder) + " was interrupted", e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // A temporary file only.
                }
            }
        }
    }

    private static String tool(ProcessBuilder builder) {
        return Path.of(builder.command().get(0)).getFileName().toString();
    }

    private static String lastLines(Path output) throws IOException {
        List<String> lines = new String(Files.readAllBytes(output), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        List<String> last = lines.subList(Math.max(0, lines.size() - QUOTED_LINES), lines.size());
        return "  " + String.join("\n  ", last);
    }
}
