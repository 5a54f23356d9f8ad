package dmsrunbook.engine;

import java.util.List;

/** What stopping did: whether the replication has stopped, and what it released on the source. */
public record StopResult(boolean stopped, String detail, List<String> droppedSlots, List<String> droppedPublications) {

    public static StopResult stopping(String detail) {
        return new StopResult(false, detail, List.of(), List.of());
    }
}
