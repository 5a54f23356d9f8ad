package dmsrunbook.engine;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of the replication: its phase, per-table progress, and the change latency in seconds with the time it
 * was observed ({@code null} when the engine has no reading yet). Engines that can see exact positions in the
 * source's change stream (PostgreSQL LSNs) also report the source's current position and the position the target
 * has durably applied: with writes stopped, the final sync waits for the second to pass the first.
 */
public record ReplicationProgress(Phase phase, Integer fullLoadPercent, List<TableProgress> tables,
                                  Double latencySeconds, Instant latencyObservedAt, String detail,
                                  Long sourcePosition, Long appliedPosition) {

    /** A snapshot without stream positions (DMS shows none). */
    public ReplicationProgress(Phase phase, Integer fullLoadPercent, List<TableProgress> tables,
                               Double latencySeconds, Instant latencyObservedAt, String detail) {
        this(phase, fullLoadPercent, tables, latencySeconds, latencyObservedAt, detail, null, null);
    }

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
