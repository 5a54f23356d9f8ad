package dmsrunbook.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * CloudWatch Logs' side of embedded metric format: runs a block of code and returns the EMF records it wrote to
 * stdout, as Lambda's log stream would carry them to CloudWatch (other lines, such as log lines, are skipped). Nothing
 * here extracts metrics into moto; tests read the records themselves.
 */
public final class EmbeddedMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One EMF record: the values by metric name, the dimension values, the namespace.
     *
     * @param json the record as written
     */
    public record Record(JsonNode json) {

        public String namespace() {
            return json.at("/_aws/CloudWatchMetrics/0/Namespace").asText();
        }

        /** The metric names the record declares, in order. */
        public List<String> metricNames() {
            List<String> names = new ArrayList<>();
            json.at("/_aws/CloudWatchMetrics/0/Metrics").forEach(m -> names.add(m.get("Name").asText()));
            return names;
        }

        /** The unit declared for {@code metric} (e.g. Seconds, Count). */
        public String unit(String metric) {
            for (JsonNode m : json.at("/_aws/CloudWatchMetrics/0/Metrics")) {
                if (m.get("Name").asText().equals(metric)) {
                    return m.path("Unit").asText();
                }
            }
            return null;
        }

        /** The names of the record's first dimension set. */
        public List<String> dimensionNames() {
            List<String> names = new ArrayList<>();
            json.at("/_aws/CloudWatchMetrics/0/Dimensions/0").forEach(d -> names.add(d.asText()));
            return names;
        }

        public String dimension(String name) {
            return json.path(name).asText(null);
        }

        public Double value(String metric) {
            return json.has(metric) ? json.get(metric).asDouble() : null;
        }
    }

    /**
     * What a block of code returned, and the EMF records it wrote.
     *
     * @param result  its result
     * @param records its records, in order
     */
    public record Captured<T>(T result, List<Record> records) {
    }

    private EmbeddedMetrics() {
    }

    /** The EMF records {@code action} writes to stdout. Not for tests that run side by side (stdout is global). */
    public static List<Record> writtenBy(Runnable action) {
        return during(() -> {
            action.run();
            return null;
        }).records();
    }

    /** Runs {@code action}, keeping its result and the EMF records it writes to stdout. */
    public static <T> Captured<T> during(Supplier<T> action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        T result;
        try {
            result = action.get();
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        List<Record> records = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                try {
                    records.add(new Record(JSON.readTree(line)));
                } catch (IOException e) {
                    throw new UncheckedIOException("not an EMF record: " + line, e);
                }
            }
        }
        // Lines that are not EMF (the handlers' own log lines) still belong on the console.
        original.print(captured.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.contains("\"_aws\""))
                .map(l -> l + System.lineSeparator()).reduce("", String::concat));
        return new Captured<>(result, records);
    }
}
