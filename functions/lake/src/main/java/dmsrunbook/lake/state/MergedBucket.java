package dmsrunbook.lake.state;

import java.nio.file.Path;

/**
 * A bucket of current state the merger wrote.
 *
 * @param bucket         the bucket number
 * @param live           the live rows' file, or null when no key in the bucket exists any more
 * @param liveRows       rows in it
 * @param tombstones     the tombstones' file, or null
 * @param tombstoneRows  rows in it
 */
public record MergedBucket(int bucket, Path live, long liveRows, Path tombstones, long tombstoneRows) {
}
