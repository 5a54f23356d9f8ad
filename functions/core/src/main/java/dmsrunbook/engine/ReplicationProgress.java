package dmsrunbook.engine;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of the replication: its phase, per-table progress, and the change latency in seconds with the time it
 * was observed ({@code null} when the engine has no reading yet).
 */
public record ReplicationProgress(Phase phase, Integer fullLoadPercent, List<TableProgress> tables,
                                  Double latencySeconds, Instant latencyObservedAt, String detail) {

    /** What the replication is doing. */
    public enum Phase {
        /** Created or starting, nothing copied yet. */
        STARTING,
        /** Copying the existing rows. */
        FULL_LOAD,
        /** Every table loaded; streaming changes. */
        CHANGE_CAPTURE,
        /** A full-load-only task that has finished copying. */
        FULL_LOAD_FINISHED
    }
}
