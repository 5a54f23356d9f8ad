package dmsrunbook.workflow;

import dmsrunbook.engine.ReplicationEngine;
import dmsrunbook.engine.ReplicationHandle;
import dmsrunbook.engine.StopResult;
import dmsrunbook.spec.MigrationSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The workflow's StopReplication step run outside the state machine, after a failed or abandoned migration: stops its
 * replication and drops what it left on the source (slot, publication), polling until the engine has stopped, so
 * nothing keeps retaining WAL.
 */
public final class MigrationCleanup {

    private final RunbookServices services;

    public MigrationCleanup(RunbookServices services) {
        this.services = services;
    }

    /**
     * Asks the spec's engine to stop every {@code pollInterval} until it has stopped or {@code timeout} has passed.
     * Each answer that it is still stopping goes to {@code stillStopping}. Returns what stopping released, or empty
     * when the time ran out first.
     */
    public Optional<StopResult> stop(MigrationSpec spec, Duration timeout, Duration pollInterval, Consumer<StopResult> stillStopping)
            throws InterruptedException {
        ReplicationEngine engine = services.engineFor(spec);
        // No handle survives a failed execution: the engine finds the replication by the migration's object name.
        ReplicationHandle handle = ReplicationHandle.notStartedYet(spec.objectName());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            StopResult result = engine.stop(spec, handle);
            if (result.stopped()) {
                return Optional.of(result);
            }
            stillStopping.accept(result);
            Thread.sleep(pollInterval.toMillis());
        }
        return Optional.empty();
    }
}
