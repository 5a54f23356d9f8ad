package dmsrunbook.lake.state;

import java.nio.file.Path;

/**
 * One bucket of a table's current state, as local files.
 *
 * @param live       rows of keys that exist now (state schema), or null when the bucket holds none
 * @param tombstones keys deleted, with the delete's sequence number (tombstone schema), or null
 */
public record StateBucketFiles(Path live, Path tombstones) {
}
