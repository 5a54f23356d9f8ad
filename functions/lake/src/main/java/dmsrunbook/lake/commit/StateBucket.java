package dmsrunbook.lake.commit;

/**
 * One bucket of the current state the manifest owns.
 *
 * @param live          key of the live rows' file, or null when the bucket has none
 * @param liveRows      rows in it
 * @param tombstones    key of the tombstones' file, or null
 * @param tombstoneRows rows in it
 */
public record StateBucket(String live, long liveRows, String tombstones, long tombstoneRows) {
}
