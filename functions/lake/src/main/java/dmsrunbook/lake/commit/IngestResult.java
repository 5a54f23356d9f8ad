package dmsrunbook.lake.commit;

import java.util.List;

/**
 * What one ingest of a table's files did.
 *
 * @param version     the manifest version committed (or found, when there was nothing new)
 * @param committed   files taken in by this call
 * @param duplicates  files already taken in before (redeliveries)
 * @param quarantined files set aside
 * @param missing     files gone before they could be read (taken in and deleted by a concurrent call, or removed by DMS)
 * @param rows        change rows taken in
 * @param attempts    commit attempts (more than one when a concurrent call committed first)
 * @param rounds      rounds (each within the per-round input budget)
 * @param deferred    keys left for a later delivery (out of time, or the table is waiting for a removal notice)
 * @param waiting     the table waits for a removal notice (the deferred keys must come back later, not be handed on)
 */
public record IngestResult(long version, int committed, int duplicates, int quarantined, int missing, long rows, int attempts,
                           int rounds, List<String> deferred, boolean waiting) {

    public IngestResult {
        deferred = List.copyOf(deferred);
    }
}
