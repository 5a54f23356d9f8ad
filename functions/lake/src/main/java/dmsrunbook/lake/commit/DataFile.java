package dmsrunbook.lake.commit;

/**
 * A compacted changes file the manifest owns.
 *
 * @param key    its S3 key
 * @param rows   rows in it
 * @param bytes  its size
 * @param minSeq its first change's sequence number
 * @param maxSeq its last change's
 */
public record DataFile(String key, long rows, long bytes, long minSeq, long maxSeq) {
}
