package dmsrunbook.workflow;

import dmsrunbook.engine.EndpointTests;
import dmsrunbook.engine.ReplicationHandle;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.sync.SyncState;
import dmsrunbook.validation.DataValidationSummary;

/**
 * The execution's state as the state machine carries it from phase to phase: the normalised spec and one small
 * result per phase so far (absent until that phase ran). Every Lambda receives it whole and reads what it needs.
 * The spec is read (and checked again) once, when the phase's request is read from JSON; the phase then passes the
 * {@link MigrationSpec} on instead of reading the JSON again. {@code conversionAcceptance} is what the cutover's approver
 * accepted of the conversion proposals (by name), copied from the approval's answer; null when nothing was.
 */
public record WorkflowState(
        MigrationSpec spec,
        PreflightOutcome preflight,
        AssessmentOutcome assessment,
        EndpointTests endpoints,
        TargetSchemaState targetSchema,
        ReplicationHandle replication,
        SyncState sync,
        SourceSchemaCheck sourceSchema,
        DataValidationSummary dataValidation,
        Approval approval,
        SyncState finalSync,
        DataValidationSummary finalDataValidation,
        CarriedOver cutoverObjects,
        StopOutcome stop,
        ConversionProposalsOutcome conversionProposals,
        ConversionAcceptance conversionAcceptance,
        AppliedConversions appliedConversions) {
}
