package dmsrunbook.sync;

import java.time.Instant;

/**
 * What one sync check concluded, carried from poll to poll in the execution state (so the Lambda stays stateless):
 * the status the Choice state reads, how long to wait before the next check, since when latency has been low
 * enough, and figures for progress reports.
 *
 * @param waitStartedAt     when this wait began (the replication's start, or the final sync's start)
 * @param belowThresholdSince when latency last went at or under the threshold (null while above it)
 * @param drainPosition     in the final wait, the source position every change must be applied up to (engines
 *                          with exact positions only; null otherwise)
 * @param outage            the database that could not be reached at this check, and since when (null when both answered)
 * @param resumedAt         when a check last resumed the replication after it stopped itself on an error (null if never)
 */
public record SyncState(
        SyncStatus status,
        int waitSeconds,
        Instant waitStartedAt,
        Instant belowThresholdSince,
        int polls,
        Double latencySeconds,
        Integer fullLoadPercent,
        int tablesLoaded,
        int tablesTotal,
        String detail,
        Long drainPosition,
        DatabaseOutage outage,
        Instant resumedAt) {
}
