package dmsrunbook.workflow;

import java.time.Instant;

/**
 * A check that the source's schema is still the one the target was made to match: whether it could be checked (the
 * source's family takes fingerprints), the fingerprint now (short), since when it has held, and in words. A change
 * is not a result: it stops the cutover (SourceSchemaChangedException).
 */
public record SourceSchemaCheck(boolean checked, String fingerprint, Instant unchangedSince, Instant checkedAt, String detail) {
}
