package dmsrunbook.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The full-load speed a rehearsal measured (rows and bytes copied, and how long the copy took), kept in a small JSON
 * file so {@code runbook plan} can estimate with it: {@code ~/.dms-runbook/rehearsal-throughput.json} unless the
 * system property {@code dmsrunbook.throughput.file} or the environment variable {@code DMS_RUNBOOK_THROUGHPUT_FILE}
 * names another file.
 */
public record MeasuredThroughput(Instant measuredAt, String engine, String source, long rows, long bytes, double seconds) {

    /** Where the last rehearsal's measurement is kept. */
    public static Path defaultFile() {
        String configured = System.getProperty("dmsrunbook.throughput.file", System.getenv("DMS_RUNBOOK_THROUGHPUT_FILE"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".dms-runbook", "rehearsal-throughput.json");
    }

    public double rowsPerSecond() {
        return rows / Math.max(seconds, 0.001);
    }

    public double bytesPerSecond() {
        return bytes / Math.max(seconds, 0.001);
    }

    public void save(Path file) {
        ObjectNode json = Json.MAPPER.createObjectNode()
                .put("measuredAt", measuredAt.toString()).put("engine", engine).put("source", source)
                .put("rows", rows).put("bytes", bytes).put("seconds", seconds)
                .put("rowsPerSecond", Math.round(rowsPerSecond())).put("bytesPerSecond", Math.round(bytesPerSecond()));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The measurement in {@code file}, or none when there is no (readable) file. */
    public static Optional<MeasuredThroughput> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = Json.tree(Files.readString(file));
            if (json.path("seconds").asDouble() <= 0 || json.path("bytes").asLong() <= 0) {
                return Optional.empty();
            }
            return Optional.of(new MeasuredThroughput(Instant.parse(json.path("measuredAt").asText()), json.path("engine").asText(),
                    json.path("source").asText(), json.path("rows").asLong(), json.path("bytes").asLong(), json.path("seconds").asDouble()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
