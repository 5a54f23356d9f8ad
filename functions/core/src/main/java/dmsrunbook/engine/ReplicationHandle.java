package dmsrunbook.engine;

import java.time.Instant;

/**
 * The replication: its id (a DMS task ARN, or a subscription name), how StartReplication left it ({@link StartKind}:
 * {@code NOT_STARTED} while it cannot start yet), when it started, and since when the runbook has been trying to
 * start it.
 */
public record ReplicationHandle(String id, StartKind startKind, boolean started, Instant startedAt, Instant firstAttemptAt,
                                int waitSeconds) {

    /** A replication that exists but cannot be started yet (a DMS task still being created). */
    public static ReplicationHandle notStartedYet(String id) {
        return new ReplicationHandle(id, StartKind.NOT_STARTED, false, null, null, 0);
    }

    public static ReplicationHandle started(String id, StartKind startKind, Instant startedAt) {
        return new ReplicationHandle(id, startKind, true, startedAt, null, 0);
    }

    public ReplicationHandle withAttempt(Instant firstAttempt, int wait) {
        return new ReplicationHandle(id, startKind, started, startedAt, firstAttempt, wait);
    }
}
