package dmsrunbook.validation.diff;

import java.time.Duration;

/**
 * How differences found while the application still writes are confirmed: re-check the differing key ranges up to
 * {@code maxRechecks} times, {@code pause} apart (time for replication to catch up), and count only what still
 * differs. {@link #exact()} re-checks nothing: after the final sync every difference is real.
 */
public record RecheckPolicy(int maxRechecks, Duration pause) {

    public RecheckPolicy {
        if (maxRechecks < 0) {
            throw new IllegalArgumentException("maxRechecks must be 0 or more");
        }
    }

    /** Writes stopped and the final sync drained: a difference is a difference. */
    public static RecheckPolicy exact() {
        return new RecheckPolicy(0, Duration.ZERO);
    }

    /** Changes may be in flight: re-check up to {@code maxRechecks} times, {@code pause} apart. */
    public static RecheckPolicy inFlight(int maxRechecks, Duration pause) {
        return new RecheckPolicy(maxRechecks, pause);
    }
}
