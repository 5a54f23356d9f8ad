package dmsrunbook.lake.commit;

/**
 * A DMS file the table has taken in: remembered so a duplicate delivery is recognised, by {@code key#etag} and the
 * time S3 wrote it. Kept for the consumed retention and, beyond it, for as long as the file is still in the DMS
 * folder (a notification of it can then still arrive); see {@code COMMIT-PROTOCOL.md}.
 *
 * @param partition    the partition its changes went to
 * @param committedAt  when (epoch millis)
 * @param lastModified when S3 wrote the file (epoch millis; 0 in manifests written before it was kept)
 */
public record ConsumedInput(String partition, long committedAt, long lastModified) {

    public ConsumedInput(String partition, long committedAt) {
        this(partition, committedAt, 0);
    }
}
