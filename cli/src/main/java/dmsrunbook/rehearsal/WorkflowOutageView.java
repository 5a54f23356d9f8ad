package dmsrunbook.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.internal.Json;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * What the workflow itself rode through, read back from the execution history: each replication check
 * (CheckReplication, CheckFinalSync) that found a database unreachable and polled again instead of failing, or
 * resumed a replication that had stopped itself on an error.
 */
public final class WorkflowOutageView {

    private WorkflowOutageView() {
    }

    /** The detail of every such check, oldest first. */
    public static List<String> unreachableChecks(List<HistoryEvent> history) {
        List<String> details = new ArrayList<>();
        for (HistoryEvent event : history) {
            if (event.stateExitedEventDetails() == null || event.stateExitedEventDetails().output() == null) {
                continue;
            }
            String state = event.stateExitedEventDetails().name();
            if (!state.equals("CheckReplication") && !state.equals("CheckFinalSync")) {
                continue;
            }
            JsonNode output = Json.tree(event.stateExitedEventDetails().output());
            JsonNode sync = output.path(state.equals("CheckReplication") ? "sync" : "finalSync");
            if ("unreachable".equals(sync.path("status").asText()) || sync.path("detail").asText().contains("; resumed at ")) {
                details.add(state + ": " + sync.path("detail").asText());
            }
        }
        return details;
    }
}
