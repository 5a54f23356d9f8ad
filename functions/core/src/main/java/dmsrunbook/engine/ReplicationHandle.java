package dmsrunbook.engine;

import java.time.Instant;

/**
 * The replication: its id (a DMS task ARN, or a subscription name), how it was started ({@code start-replication},
 * {@code resume-processing}, {@code reload-target}, {@code already-running}, {@code already-finished}; {@code none}
 * while it cannot start yet), when, and since when the runbook has been trying to start it.
 */
public record ReplicationHandle(String id, String startType, boolean started, Instant startedAt, Instant firstAttemptAt,
                                int waitSeconds) {

    /** A replication that exists but cannot be started yet (a DMS task still being created). */
    public static ReplicationHandle notStartedYet(String id) {
        return new ReplicationHandle(id, "none", false, null, null, 0);
    }

    public static ReplicationHandle started(String id, String startType, Instant startedAt) {
        return new ReplicationHandle(id, startType, true, startedAt, null, 0);
    }

    public ReplicationHandle withAttempt(Instant firstAttempt, int wait) {
        return new ReplicationHandle(id, startType, started, startedAt, firstAttempt, wait);
    }
}
