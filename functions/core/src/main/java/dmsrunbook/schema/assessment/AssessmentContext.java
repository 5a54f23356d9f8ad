package dmsrunbook.schema.assessment;

import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.LobPolicy;
import dmsrunbook.spec.MigrationType;
import dmsrunbook.spec.ReplicationEngineKind;
import java.util.List;
import java.util.Set;

/**
 * What the classification of a source's objects depends on besides the objects: the engine and migration type, the
 * task's LOB policy, the judged target (null for an S3 target: it holds rows only), whether it is another database
 * family (DMS creates tables only there), the extensions it offers, the tables the mappings select, the user the schema
 * step creates objects as and the roles the target has (empty when it was not asked), and whether the DMS target
 * endpoint applies rows as {@code session_replication_role = replica} (so ordinary triggers do not fire for them) and
 * whether the DMS source endpoint maps unbounded NUMERICs as strings (so they keep their precision).
 */
public record AssessmentContext(ReplicationEngineKind engine, MigrationType migrationType, LobPolicy lobPolicy,
                                TargetPlatform platform, boolean heterogeneousTarget, ExtensionOffers extensions,
                                List<TableName> selectedTables, String targetUser, Set<String> targetRoles,
                                boolean dmsAppliesAsReplica, boolean dmsKeepsUnboundedNumerics) {

    public boolean usesDms() {
        return engine == ReplicationEngineKind.DMS;
    }

    public boolean capturesChanges() {
        return migrationType.capturesChanges();
    }

    /** Whether the target holds rows only (S3). */
    public boolean rowsOnly() {
        return platform == null && !heterogeneousTarget;
    }

    /** The engine that moves the rows, as the report names it. */
    public String engineWords() {
        return usesDms() ? "DMS" : "logical replication";
    }
}
