package dmsrunbook.sync;

import java.time.Instant;

/**
 * A database the replication check could not reach, carried from poll to poll while it stays so: which one (as the
 * spec describes it), since when, and the last connection error. Gone from the state once it answers again.
 */
public record DatabaseOutage(String database, Instant since, String lastError) {
}
