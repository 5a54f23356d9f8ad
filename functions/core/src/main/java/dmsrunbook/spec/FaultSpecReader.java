package dmsrunbook.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Reads the spec's {@code faults} block for {@link SpecReader} (its shape is the schema's to check), recording each bad value with its fix. */
final class FaultSpecReader {

    private FaultSpecReader() {
    }

    static FaultSpec read(JsonNode root, SpecProblems problems) {
        Optional<JsonNode> block = problems.object(root, "faults", "faults", false,
                "write faults as an object, e.g. {\"retryWindowSeconds\": 600}");
        if (block.isEmpty()) {
            return FaultSpec.defaults();
        }
        JsonNode node = block.get();
        int window = problems.integer(node, "retryWindowSeconds", "faults.retryWindowSeconds", FaultSpec.DEFAULT_RETRY_WINDOW_SECONDS,
                0, FaultSpec.MAX_RETRY_WINDOW_SECONDS, "seconds");
        int interval = problems.integer(node, "retryIntervalSeconds", "faults.retryIntervalSeconds", FaultSpec.DEFAULT_RETRY_INTERVAL_SECONDS,
                1, 3600, "seconds");
        if (window > 0 && interval > window) {
            problems.add("faults.retryIntervalSeconds", interval + " s is longer than retryWindowSeconds (" + window + " s)",
                    "retry at least once within the window: make retryIntervalSeconds at most retryWindowSeconds");
        }
        return new FaultSpec(window, interval);
    }
}
