package dmsrunbook.engine;

import dmsrunbook.spec.MigrationSpec;

/**
 * What moves the data: AWS DMS, or PostgreSQL's own logical replication. Each phase of the state machine calls one
 * method, so the workflow never knows which engine runs. Every method is idempotent: a Step Functions retry of a
 * phase, or a re-run of the whole migration, never double-starts, reloads or drops anything by accident.
 */
public interface ReplicationEngine {

    /**
     * Whether this migration's replication (task or subscription) already exists: a re-run of the workflow then
     * resumes it, and the rows already on the target are its own.
     */
    boolean exists(MigrationSpec spec);

    /** Makes sure both endpoints exist (creating those the spec does not reuse) and starts a connection test of each. */
    EndpointTests testEndpoints(MigrationSpec spec);

    /**
     * Polls the connection tests started by {@link #testEndpoints}.
     *
     * @throws dmsrunbook.error.EndpointConnectionFailedException when a test failed, with the engine's message
     */
    EndpointTests checkEndpoints(MigrationSpec spec, EndpointTests tests);

    /** Creates the replication if absent and starts it with the start type its state calls for. */
    ReplicationHandle startReplication(MigrationSpec spec, EndpointTests endpoints);

    /**
     * Reads how far the replication has come: per-table load state and the change latency.
     *
     * @throws dmsrunbook.error.ReplicationFailedException when the replication or a table in it failed
     */
    ReplicationProgress progress(MigrationSpec spec, ReplicationHandle handle);

    /**
     * The workflow's check of the replication (CheckReplication): the engine's upkeep of a running replication, then
     * {@link #progress}. Views that only read the progress (watch, report) call {@link #progress}.
     */
    default ReplicationProgress check(MigrationSpec spec, ReplicationHandle handle) {
        return progress(spec, handle);
    }

    /**
     * Stops the replication and releases what it holds on the source (the replication slots and publications it
     * added; slots that existed before the migration stay). Returns not-yet-stopped while the engine is still
     * stopping; call again until it has.
     */
    StopResult stop(MigrationSpec spec, ReplicationHandle handle);
}
