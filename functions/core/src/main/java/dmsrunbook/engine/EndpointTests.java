package dmsrunbook.engine;

import java.time.Instant;

/**
 * The two endpoints of a migration and where their connection tests stand, with when the tests began and how long
 * the state machine waits before polling them again.
 */
public record EndpointTests(String sourceEndpoint, String targetEndpoint, Status status, Instant startedAt, int waitSeconds) {

    /** Where connection tests stand: still running, or both succeeded (a failure is thrown, not returned). */
    public enum Status { TESTING, SUCCESSFUL }

    public EndpointTests withStatus(Status newStatus) {
        return new EndpointTests(sourceEndpoint, targetEndpoint, newStatus, startedAt, waitSeconds);
    }
}
