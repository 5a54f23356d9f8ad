package dmsrunbook.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of the replication: its phase, per-table progress, and the change latency in seconds with the time it
 * was observed ({@code null} when the engine has no reading yet). Engines that can see exact positions in the
 * source's change stream also report them ({@code positions}, null otherwise): with writes stopped, the final sync
 * waits for the applied position to pass the source's.
 */
public record ReplicationProgress(Phase phase, Integer fullLoadPercent, List<TableProgress> tables,
                                  Double latencySeconds, Instant latencyObservedAt, String detail,
                                  StreamPositions positions) {

    /** A snapshot without stream positions (DMS shows none). */
    public ReplicationProgress(Phase phase, Integer fullLoadPercent, List<TableProgress> tables,
                               Double latencySeconds, Instant latencyObservedAt, String detail) {
        this(phase, fullLoadPercent, tables, latencySeconds, latencyObservedAt, detail, null);
    }

    /** The stream positions, when the engine can see them (in JSON as {@code positions}, left out when absent). */
    @JsonIgnore
    public Optional<StreamPositions> streamPositions() {
        return Optional.ofNullable(positions);
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
