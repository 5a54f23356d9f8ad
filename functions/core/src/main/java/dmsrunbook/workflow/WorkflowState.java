package dmsrunbook.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.engine.EndpointTests;
import dmsrunbook.engine.ReplicationHandle;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import dmsrunbook.sync.SyncState;

/**
 * The execution's state as the state machine carries it from phase to phase: the normalised spec and one small
 * result per phase so far (absent until that phase ran). Every Lambda receives it whole and reads what it needs.
 */
public record WorkflowState(
        JsonNode spec,
        PreflightOutcome preflight,
        EndpointTests endpoints,
        ReplicationHandle replication,
        SyncState sync,
        CountSummary counts,
        JsonNode approval,
        SyncState finalSync,
        CountSummary finalCounts,
        SequenceSummary sequences,
        StopOutcome stop) {

    /** The spec, read again (it was validated by the first phase, so this only parses). */
    public MigrationSpec migrationSpec() {
        return SpecReader.read(spec);
    }
}
